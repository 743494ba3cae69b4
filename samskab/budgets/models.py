"""Citizen budgets (borgerbudgetter): processes, proposals, vetting, ballots, results and
implementation.

Money is in whole kroner. A voter is identified on a ballot only by their person key (the
keyed hash of the CPR number, see ``samskab.accounts.identity``); the published ballots
carry neither that key nor anything else about the voter.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Area
from samskab.core.validators import (
    MAX_AGE,
    MAX_CHOICES,
    MAX_KRONER,
    MAX_POINTS,
    count_limits,
    validate_single_line,
)


class Phase(models.TextChoices):
    INFORMATION = "information", _("Information")
    PROPOSALS = "proposals", _("Proposals")
    VETTING = "vetting", _("Vetting")
    VOTING = "voting", _("Voting")
    RESULTS = "results", _("Results")
    IMPLEMENTATION = "implementation", _("Implementation")


# Phase -> the process field holding the date it starts, in phase order.
PHASE_START_FIELDS: list[tuple[str, str]] = [
    (Phase.INFORMATION, "information_starts"),
    (Phase.PROPOSALS, "proposals_start"),
    (Phase.VETTING, "vetting_start"),
    (Phase.VOTING, "voting_start"),
    (Phase.RESULTS, "results_start"),
    (Phase.IMPLEMENTATION, "implementation_start"),
]
PHASE_ORDER = [phase for phase, _field in PHASE_START_FIELDS]


class BallotType(models.TextChoices):
    BASKET = "basket", _("Approval within the budget (basket)")
    APPROVAL = "approval", _("Approval of a minimum and maximum number of projects")
    CUMULATIVE = "cumulative", _("Cumulative points")
    RANKING = "ranking", _("Ranking of the top projects")


class ResultRule(models.TextChoices):
    GREEDY = "greedy", _("Greedy: most votes first, as long as the money lasts")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares (with add1 completion)")


# The rules in plain words, for the process page and the process form.
RESULT_RULE_HELP = {
    ResultRule.GREEDY: _(
        "The projects with the most votes win, one by one, as long as the money lasts. A "
        "project that no longer fits in the budget is skipped."
    ),
    ResultRule.MES_ADD1: _(
        "Every voter gets an equal share of the budget. A project wins when the voters who "
        "chose it can pay for it together out of their shares, so that money goes to many "
        "different groups of voters, not only to the largest."
    ),
}


class Residency(models.TextChoices):
    MUNICIPALITY = "municipality", _("Lives in the municipality")
    AREA = "area", _("Lives in the local area of the budget")


class ProposerResidency(models.TextChoices):
    ANYONE = "anyone", _("Anyone who is logged in")
    MUNICIPALITY = "municipality", _("Lives in the municipality")
    AREA = "area", _("Lives in the local area of the budget")


class BudgetProcess(models.Model):
    """One round of citizen budgets, configured by the secretariat."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("address name"), max_length=100, unique=True)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Unpublished processes are only seen by staff.")
    )
    information_starts = models.DateField(_("information phase starts"))
    proposals_start = models.DateField(_("proposal phase starts"))
    vetting_start = models.DateField(_("vetting phase starts"))
    voting_start = models.DateField(_("voting starts"))
    results_start = models.DateField(
        _("voting closes and results phase starts"),
        help_text=_("Voting closes at midnight before this date."),
    )
    implementation_start = models.DateField(_("implementation phase starts"))
    phase_override = models.CharField(
        _("phase set by hand"),
        max_length=20,
        choices=Phase.choices,
        blank=True,
        help_text=_("Leave empty to let the phase follow the dates."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), validators=[MaxValueValidator(MAX_AGE)], default=15
    )
    residency = models.CharField(
        _("who may vote"), max_length=20, choices=Residency.choices, default=Residency.MUNICIPALITY
    )
    proposer_min_age = models.PositiveSmallIntegerField(
        _("minimum age of proposers"),
        validators=[MaxValueValidator(MAX_AGE)],
        default=0,
        help_text=_("0 means no minimum age."),
    )
    proposer_residency = models.CharField(
        _("who may propose"),
        max_length=20,
        choices=ProposerResidency.choices,
        default=ProposerResidency.ANYONE,
    )
    ballot_type = models.CharField(
        _("ballot type"), max_length=20, choices=BallotType.choices, default=BallotType.BASKET
    )
    min_projects = models.PositiveSmallIntegerField(
        _("minimum number of projects"),
        validators=[MaxValueValidator(MAX_CHOICES)],
        default=1,
        help_text=_("For approval ballots."),
    )
    max_projects = models.PositiveSmallIntegerField(
        _("maximum number of projects"),
        validators=[MaxValueValidator(MAX_CHOICES)],
        default=5,
        help_text=_("For approval ballots."),
    )
    points_total = models.PositiveSmallIntegerField(
        _("points per voter"),
        validators=[MaxValueValidator(MAX_POINTS)],
        default=10,
        help_text=_("For cumulative ballots."),
    )
    rank_count = models.PositiveSmallIntegerField(
        _("number of projects to rank"),
        validators=[MaxValueValidator(MAX_CHOICES)],
        default=3,
        help_text=_("For ranking ballots."),
    )
    result_rule = models.CharField(
        _("result rule"), max_length=20, choices=ResultRule.choices, default=ResultRule.GREEDY
    )
    max_project_cost = models.PositiveIntegerField(
        _("maximum project cost (kr.)"), validators=[MaxValueValidator(MAX_KRONER)]
    )
    allow_ballot_change = models.BooleanField(
        _("voters may change their ballot until voting closes"), default=True
    )
    assisted_voting = models.BooleanField(
        _("assisted voting at the citizen service desk"),
        default=False,
        help_text=_(
            "Staff in the citizen service group may enter ballots for voters whose identity "
            "they have checked."
        ),
    )
    rules_version = models.PositiveIntegerField(
        _("rules version"),
        default=1,
        editable=False,
        help_text=_("Counts every change to the ballot's rules, areas and proposals."),
    )
    voting_opened_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-voting_start", "title"]
        verbose_name = _("citizen budget process")
        verbose_name_plural = _("citizen budget processes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:process", args=[self.slug])

    def phase_on(self, day: datetime.date) -> str | None:
        """The phase on ``day`` by the dates; ``None`` before the information phase."""
        current: str | None = None
        for phase, field in PHASE_START_FIELDS:
            if getattr(self, field) <= day:
                current = phase
        return current

    @property
    def current_phase(self) -> str | None:
        phase = self.phase_override or self.phase_on(timezone.localdate())
        if self.results_published_at is not None and (
            phase is None or PHASE_ORDER.index(phase) < PHASE_ORDER.index(Phase.RESULTS)
        ):
            # Published results are final: no date or hand-set phase reopens voting.
            return Phase.RESULTS
        return phase

    @property
    def result_rule_help(self) -> str:
        return str(RESULT_RULE_HELP[ResultRule(self.result_rule)])

    def current_phase_label(self) -> str:
        phase = self.current_phase
        return str(Phase(phase).label) if phase else str(_("Not started"))

    def phase_reached(self, phase: str) -> bool:
        current = self.current_phase
        return current is not None and PHASE_ORDER.index(current) >= PHASE_ORDER.index(phase)

    @property
    def is_voting_open(self) -> bool:
        return self.current_phase == Phase.VOTING

    @property
    def is_accepting_proposals(self) -> bool:
        return self.current_phase == Phase.PROPOSALS

    @property
    def has_results(self) -> bool:
        return self.results_published_at is not None

    @property
    def rules_frozen(self) -> bool:
        """From the moment voting opens, the ballot's rules and proposals cannot change."""
        return self.phase_reached(Phase.VOTING)


class BudgetArea(models.Model):
    """The money for one area in a process: the whole municipality or one local area."""

    process = models.ForeignKey(
        BudgetProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="areas"
    )
    area = models.ForeignKey(
        "core.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    budget = models.PositiveIntegerField(_("budget (kr.)"))

    class Meta:
        ordering = ["area__kind", "area__name"]
        verbose_name = _("budget for an area")
        verbose_name_plural = _("budgets per area")
        constraints = [
            models.UniqueConstraint(fields=["process", "area"], name="budgets_area_once")
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.budget} kr."


class Category(models.TextChoices):
    NATURE = "nature", _("Nature and environment")
    PLAY = "play", _("Play, sport and exercise")
    CULTURE = "culture", _("Culture and community")
    TRAFFIC = "traffic", _("Roads, paths and safety")
    SOCIAL = "social", _("Social and health")
    OTHER = "other", _("Other")


class CarriedOutBy(models.TextChoices):
    PERSON = "person", _("A person")
    ASSOCIATION = "association", _("An association")
    GROUP = "group", _("A group of citizens")
    MUNICIPALITY = "municipality", _("The municipality")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_VETTING = "in_vetting", _("Being vetted")
    ACCEPTED = "accepted", _("On the ballot")
    REJECTED = "rejected", _("Not feasible")
    MERGED = "merged", _("Merged with another proposal")


class Proposal(models.Model):
    process = models.ForeignKey(
        BudgetProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    budget_area = models.ForeignKey(
        BudgetArea, verbose_name=_("area"), on_delete=models.PROTECT, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="budget_proposals",
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    estimated_cost = models.PositiveIntegerField(_("estimated cost (kr.)"), default=0)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    image = models.FileField(_("image"), upload_to="budgets/proposals/", blank=True)
    image_description = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    carried_out_by = models.CharField(
        _("who will carry it out"), max_length=20, choices=CarriedOutBy.choices
    )
    carried_out_by_name = models.CharField(
        _("name of the person, association or group"), max_length=150, blank=True
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_proposals",
        help_text=_("The organisation the proposer proposes for (never a voter)."),
    )
    plan_goal = models.ForeignKey(
        "meetings.Goal",
        verbose_name=_("supports the development plan goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_proposals",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    exclusion_group = models.PositiveSmallIntegerField(
        _("exclusion group"),
        null=True,
        blank=True,
        help_text=_(
            "Proposals of the process with the same group number cannot all be carried out "
            "(for example three designs for one square): at most one of them is chosen."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["process", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:proposal", args=[self.pk])

    @property
    def ballot_cost(self) -> int:
        """The cost voters see: the administration's estimate once vetted, else the proposer's."""
        vetting = getattr(self, "vetting", None)
        if vetting is not None and vetting.investment_cost is not None:
            return int(vetting.investment_cost)
        return int(self.estimated_cost)


class CostLine(models.Model):
    """One line of the proposer's simple cost breakdown."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cost_lines")
    description = models.CharField(_("what"), max_length=150)
    amount = models.PositiveIntegerField(_("amount (kr.)"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class Feasibility(models.TextChoices):
    UNKNOWN = "unknown", _("Not assessed yet")
    YES = "yes", _("Feasible")
    CONDITIONS = "conditions", _("Feasible with conditions")
    NO = "no", _("Not feasible")


class Decision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    ACCEPTED = "accepted", _("Goes to the vote")
    REJECTED = "rejected", _("Does not go to the vote")


class Vetting(models.Model):
    """The administration's assessment of one proposal."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="vetting")
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_feasibility = models.CharField(
        _("legal feasibility"),
        max_length=20,
        choices=Feasibility.choices,
        default=Feasibility.UNKNOWN,
    )
    technical_feasibility = models.CharField(
        _("technical feasibility"),
        max_length=20,
        choices=Feasibility.choices,
        default=Feasibility.UNKNOWN,
    )
    assessment = models.TextField(_("assessment notes"), blank=True)
    investment_cost = models.PositiveIntegerField(
        _("re-estimated investment (kr.)"), null=True, blank=True
    )
    running_cost = models.PositiveIntegerField(
        _("yearly running cost (kr.)"), null=True, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    public_reason = models.TextField(_("reason for the public"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("vetting")
        verbose_name_plural = _("vettings")

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_decision_display()}"


class VettingMessage(models.Model):
    """A message between the proposer and the caseworker during vetting (public)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("vetting message")
        verbose_name_plural = _("vetting messages")

    def __str__(self) -> str:
        return self.body[:60]


class MergeRequest(models.Model):
    """A proposal to merge ``source`` into ``target``; both proposers must agree."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the proposers")
        ACCEPTED = "accepted", _("Merged")
        DECLINED = "declined", _("Declined")

    source = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="merge_requests")
    target = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("why merge"))
    source_consent = models.BooleanField(null=True)
    target_consent = models.BooleanField(null=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("merge request")
        verbose_name_plural = _("merge requests")

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.target_id}"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ASSISTED = "assisted", _("Assisted at the citizen service desk")
    PAPER = "paper", _("Paper ballot")


class BallotScope(models.TextChoices):
    """Which of a process's budgets a ballot is in: the municipality-wide one or a local one.
    A person may have one ballot of each scope in a process."""

    MUNICIPALITY = "municipality", _("Municipality-wide budget")
    LOCAL = "local", _("Local budget")


def scope_of(budget_area: BudgetArea) -> str:
    """The scope of a ballot in ``budget_area``: decided by the area's kind, never by input."""
    if budget_area.area.kind == Area.Kind.MUNICIPALITY:
        return BallotScope.MUNICIPALITY
    return BallotScope.LOCAL


class Ballot(models.Model):
    """One person's ballot in one budget of a process.

    ``voter_key`` is the person key. The database allows one ballot per person, process and
    ``scope``: a person may vote on the municipality-wide budget and on ONE local budget,
    never on two local ones, nor twice on the same. ``scope`` is copied from the budget
    area's kind whenever the ballot is saved (``scope_of``), never taken from a form.
    ``age_band`` and ``voter_area`` are kept for the turnout statistics only and are never
    published per ballot.
    """

    process = models.ForeignKey(BudgetProcess, on_delete=models.PROTECT, related_name="ballots")
    budget_area = models.ForeignKey(BudgetArea, on_delete=models.PROTECT, related_name="ballots")
    voter_key = models.CharField(max_length=64)
    receipt_code = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    age_band = models.CharField(max_length=10)
    voter_area = models.ForeignKey(
        "core.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)
    scope = models.CharField(max_length=20, choices=BallotScope.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            # Paper ballots carry no person key (the staff at the meeting checked the
            # voter), so the constraint binds every keyed ballot: one municipality-wide and
            # one local ballot per person and process at most.
            models.UniqueConstraint(
                fields=["process", "scope", "voter_key"],
                condition=~models.Q(voter_key=""),
                name="budgets_one_ballot_per_person_and_scope",
            ),
            # A ballot written without its scope (bulk_create) is refused, not let through.
            models.CheckConstraint(
                condition=models.Q(scope__in=BallotScope.values),
                name="budgets_ballot_scope_known",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.scope = scope_of(self.budget_area)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "budget_area" in update_fields:
            kwargs["update_fields"] = {*update_fields, "scope"}
        super().save(*args, **kwargs)


class VoteMethod(models.TextChoices):
    SHEETS = "sheets", _("Ballot sheets entered by staff")
    TALLY = "tally", _("Tally (hands or balls in baskets)")


class VotingMeeting(models.Model):
    """A voting meeting (afstemningsmøde): voters for one budget area vote at a meeting
    in the meetings module, on ballot sheets or by a tally. The staff present check the
    voters' eligibility; the voters need no MitID."""

    process = models.ForeignKey(
        BudgetProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="voting_meetings",
    )
    budget_area = models.ForeignKey(
        BudgetArea, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="voting_meeting",
    )
    method = models.CharField(
        _("how the votes are brought in"), max_length=20, choices=VoteMethod.choices
    )
    # The ballot account (stemmeregnskab) of a sheets meeting: how many voters the staff at
    # the door checked and let in. More sheets than that cannot reach the result.
    voters_admitted = models.PositiveIntegerField(
        _("voters let in"), null=True, blank=True, validators=count_limits()
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["meeting__starts_at", "id"]
        verbose_name = _("voting meeting")
        verbose_name_plural = _("voting meetings")

    def __str__(self) -> str:
        return str(self.meeting)


class PaperSheet(models.Model):
    """One ballot sheet from a voting meeting. Two different people enter it; when their
    entries agree (or the secretariat resolves a difference) it is confirmed and, unless
    invalid, becomes a ``Ballot`` with the channel ``PAPER``."""

    voting_meeting = models.ForeignKey(
        VotingMeeting, on_delete=models.PROTECT, related_name="sheets"
    )
    number = models.PositiveIntegerField(_("sheet number"))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    is_invalid = models.BooleanField(default=False)
    invalid_reason = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ballot = models.OneToOneField(
        Ballot, on_delete=models.PROTECT, null=True, blank=True, related_name="paper_sheet"
    )

    class Meta:
        ordering = ["voting_meeting", "number"]
        verbose_name = _("ballot sheet")
        verbose_name_plural = _("ballot sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["voting_meeting", "number"], name="budgets_sheet_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.voting_meeting_id}: {self.number}"


class PaperSheetEntry(models.Model):
    """What one staff member read on a sheet: proposal id -> value (1, points or rank)."""

    sheet = models.ForeignKey(PaperSheet, on_delete=models.CASCADE, related_name="entries")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    choices = models.JSONField(default=dict)
    is_invalid = models.BooleanField(default=False)
    invalid_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "entered_by"], name="budgets_sheet_entered_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id}: {self.entered_by_id}"


class Tally(models.Model):
    """The counted result of a tally meeting (hands, or balls in baskets): a total per
    project, how many voters were present, and the two people who counted."""

    voting_meeting = models.OneToOneField(
        VotingMeeting, on_delete=models.PROTECT, related_name="tally"
    )
    voters_present = models.PositiveIntegerField(_("voters present"))
    counted_by_first = models.CharField(_("counted by"), max_length=150)
    counted_by_second = models.CharField(_("checked by"), max_length=150)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    # Like a ballot sheet, a tally counts only when a second person has entered the same
    # numbers from the tally sheet (samskab.budgets.paper.tally_save).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")),
                name="budgets_tally_confirmed_by_another",
            )
        ]

    def __str__(self) -> str:
        return f"{self.voting_meeting_id}: {self.voters_present}"


class TallyLine(models.Model):
    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="lines")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("votes"))

    class Meta:
        ordering = ["tally", "proposal"]
        constraints = [
            models.UniqueConstraint(fields=["tally", "proposal"], name="budgets_tally_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.tally_id}: {self.proposal_id}={self.votes}"


class BallotChoice(models.Model):
    """One project on a ballot: approved (value 1), given points, or ranked (value = rank)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["ballot", "value", "proposal"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="budgets_choice_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.proposal_id}={self.value}"


class Result(models.Model):
    """The computed outcome for one area of a process, with the file that reproduces it."""

    budget_area = models.OneToOneField(BudgetArea, on_delete=models.CASCADE, related_name="result")
    rule = models.CharField(max_length=20, choices=ResultRule.choices)
    selected_ids = models.JSONField(default=list)
    total_cost = models.PositiveIntegerField(default=0)
    num_ballots = models.PositiveIntegerField(default=0)
    outcome = models.JSONField(default=dict)
    pabulib = models.TextField()
    verified = models.BooleanField(default=False)
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.budget_area}: {self.selected_ids}"


class ImplementationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Implementation(models.Model):
    """How a winning project is carried out."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="implementation"
    )
    citizen_group = models.CharField(_("responsible citizen group"), max_length=200, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("municipal contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    amount_granted = models.PositiveIntegerField(_("money granted (kr.)"), default=0)
    amount_spent = models.PositiveIntegerField(_("money spent (kr.)"), default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.PLANNED,
    )
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)

    class Meta:
        verbose_name = _("implementation")
        verbose_name_plural = _("implementations")

    def __str__(self) -> str:
        return str(self.proposal)

    def get_absolute_url(self) -> str:
        """The project's public page (samskab.projects)."""
        return reverse("projects:detail", args=[self.proposal.process.slug, self.proposal_id])


class Milestone(models.Model):
    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=150)
    due = models.DateField(_("expected by"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ImplementationUpdate(models.Model):
    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("update"), help_text=_("Markdown."))
    image = models.FileField(_("photo"), upload_to="budgets/updates/", blank=True)
    image_description = models.CharField(_("photo description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("implementation update")
        verbose_name_plural = _("implementation updates")

    def __str__(self) -> str:
        return self.body[:60]

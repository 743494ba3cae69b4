"""The overview's figures as sections of charts: the same sections feed the page, the
committee report (HTML and PDF) and its data files (CSV and XLSX).

Each figure links to the list behind it when there is one the user may open: the
secretariat's own list of ideas (same period and filters), or another capability's list
with the filters it supports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.budgets.models import ImplementationStatus
from samskab.core.charts import BarChart, ChartItem, bar_chart
from samskab.core.formatting import format_kroner
from samskab.experiments.models import FollowUp, Recommendation
from samskab.experiments.models import Status as ExperimentStatus
from samskab.ideas.models import Status
from samskab.learning.models import Kind as LearningKind
from samskab.learning.models import Status as LearningStatus
from samskab.secretariat.selectors import Filters, Overview


@dataclass
class Section:
    key: str
    title: str
    charts: list[BarChart]
    # Whole numbers stay numbers, so that pages show them in the reader's format.
    key_figures: list[tuple[str, int | float | str]] = field(default_factory=list)
    note: str = ""


# The funnel: how many ideas reached each stage (so each stage holds the ones after it).
DECIDED = (Status.REALISE, Status.EXPERIMENT, Status.WORKSHOP, Status.PARKED, Status.DECLINED)
FUNNEL_STAGES: list[tuple[str, Promise, tuple[str, ...]]] = [
    ("indsendt", gettext_lazy("All submitted"), tuple(Status.values)),
    ("screenet", gettext_lazy("Screened"), tuple(set(Status.values) - {Status.SUBMITTED})),
    ("vurderet", gettext_lazy("Assessed"), (Status.AWAITING_DECISION, *DECIDED)),
    ("besluttet", gettext_lazy("Decided"), DECIDED),
]


def filter_query(filters: Filters) -> dict[str, str]:
    """The overview's filters as query parameters (what OverviewFilterForm reads)."""
    query = {"fra": filters.start.isoformat(), "til": filters.end.isoformat()}
    if filters.department is not None:
        query["center"] = str(filters.department.pk)
    if filters.area is not None:
        query["omraade"] = str(filters.area.pk)
    return query


def _url(name: str, params: dict[str, str], *args: Any) -> str:
    query = {key: value for key, value in params.items() if value}
    path = reverse(name, args=args)
    return f"{path}?{urlencode(query)}" if query else path


def _days(value: float | None) -> str:
    return number_format(value, decimal_pos=1, use_l10n=True) if value is not None else "–"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _chart(
    items: list[ChartItem],
    *,
    caption: str,
    value_label: str,
    label_header: str | None = None,
    funnel: bool = False,
) -> BarChart:
    return bar_chart(
        items,
        caption=caption,
        label_header=label_header or _("What"),
        value_label=value_label,
        funnel=funnel,
    )


def _total(processes: list[Any], annotation: str) -> int:
    """The sum of one of ``participation_by_process``'s annotations."""
    return sum(getattr(process, annotation) for process in processes)


@dataclass(frozen=True)
class _Links:
    """Links to the lists behind figures: none in the PDF, and only to lists the user may
    open."""

    user: Any
    enabled: bool

    def __call__(self, name: str, params: dict[str, str], *args: Any) -> str | None:
        return _url(name, params, *args) if self.enabled else None

    def if_allowed(
        self, permission: str, name: str, params: dict[str, str], obj: Any = None
    ) -> str | None:
        return self(name, params) if self.user.has_perm(permission, obj) else None


def sections(overview: Overview, *, user: Any, links: bool = True) -> list[Section]:
    """The overview as sections; ``links=False`` for the PDF, where links cannot be followed."""
    link = _Links(user=user, enabled=links)
    department = str(overview.filters.department.pk) if overview.filters.department else ""
    return [
        _ideas(overview, link),
        _experiments(overview, link, department),
        _learning(overview, link, department),
        _budgets(overview, link),
    ]


def _ideas(overview: Overview, link: _Links) -> Section:
    """The funnel by stage, ideas by status, and time to decision against deadlines."""
    base = filter_query(overview.filters)
    funnel = overview.ideas
    states = funnel.per_deadline_state
    stage_items = [
        ChartItem(
            str(label),
            sum(funnel.per_status[status] for status in statuses),
            link("secretariat:ideas", {**base, "trin": stage}),
        )
        for stage, label, statuses in FUNNEL_STAGES
    ]
    status_items = [
        ChartItem(
            str(label),
            funnel.per_status[value],
            link("secretariat:ideas", {**base, "status": value}),
        )
        for value, label in Status.choices
    ]
    state_labels = {
        "decided_in_time": _("Decided within the deadline"),
        "decided_late": _("Decided after the deadline"),
        "open_in_time": _("Open, deadline not passed"),
        "open_overdue": _("Open, deadline passed"),
    }
    deadline_items = [
        ChartItem(str(label), states[state], link("secretariat:ideas", {**base, "frist": state}))
        for state, label in state_labels.items()
    ]
    decided = states["decided_in_time"] + states["decided_late"]
    return Section(
        key="ideas",
        title=_("Ideas"),
        charts=[
            _chart(
                stage_items,
                caption=_("The idea funnel by stage"),
                label_header=_("Stage"),
                value_label=_("Ideas"),
                funnel=True,
            ),
            _chart(
                status_items,
                caption=_("Ideas by status now"),
                label_header=_("Status"),
                value_label=_("Ideas"),
            ),
            _chart(
                deadline_items,
                caption=_("Time to decision against deadlines"),
                value_label=_("Ideas"),
            ),
        ],
        key_figures=[
            (_("Ideas submitted"), funnel.total),
            (_("Average days to decision"), _days(funnel.average_days_to_decision)),
            (
                _("Decided within the deadline"),
                _percent(states["decided_in_time"], decided),
            ),
        ],
    )


def _experiments(overview: Overview, link: _Links, department: str) -> Section:
    """Experiments and their outcomes; evaluations used or not."""
    counts = overview.experiments
    experiment_items = [
        ChartItem(
            str(label),
            counts.per_status[value],
            link("experiments:index", {"status": value, "department": department}),
        )
        for value, label in ExperimentStatus.choices
    ]
    findings = link("experiments:findings", {"department": department})
    follow_ups = link.if_allowed(
        "experiments.view_follow_up_overview", "experiments:follow_ups", {}
    )
    recommendation_items = [
        ChartItem(str(label), counts.per_recommendation[value], findings)
        for value, label in Recommendation.choices
    ]
    use_labels: list[tuple[str, str, str | None]] = [
        (FollowUp.Use.YES, str(FollowUp.Use.YES.label), findings),
        (FollowUp.Use.PARTLY, str(FollowUp.Use.PARTLY.label), findings),
        (FollowUp.Use.NO, str(FollowUp.Use.NO.label), follow_ups),
        ("overdue", _("Follow-up overdue"), follow_ups),
        ("pending", _("Follow-up not due yet"), None),
    ]
    use_items = [ChartItem(label, counts.per_use[key], url) for key, label, url in use_labels]
    return Section(
        key="experiments",
        title=_("Experiments and evaluations"),
        charts=[
            _chart(
                experiment_items,
                caption=_("Experiments created in the period, by status"),
                value_label=_("Experiments"),
            ),
            _chart(
                recommendation_items,
                caption=_("Outcomes: recommendations of the evaluations"),
                value_label=_("Evaluations"),
            ),
            _chart(
                use_items,
                caption=_("Evaluations used or not"),
                value_label=_("Evaluations"),
            ),
        ],
        key_figures=[(_("Evaluations written"), counts.evaluations)],
        note=_("The lists of experiments and findings show every period."),
    )


def _learning(overview: Overview, link: _Links, department: str) -> Section:
    """Learning reports and their actions: counts only."""
    learned = overview.learning
    trends = link.if_allowed("learning.view_trends", "learning:trends", {"department": department})
    learning_items = [
        ChartItem(str(label), learned.per_kind[value], trends)
        for value, label in LearningKind.choices
    ]
    handling_items = [
        ChartItem(str(label), learned.per_status[value], trends)
        for value, label in LearningStatus.choices
    ]
    action_items = [
        ChartItem(_("Actions done"), learned.actions_done, trends),
        ChartItem(_("Actions open"), learned.actions - learned.actions_done, trends),
        ChartItem(_("Actions overdue"), learned.actions_overdue, trends),
    ]
    return Section(
        key="learning",
        title=_("Learning reports and actions"),
        charts=[
            _chart(
                learning_items,
                caption=_("Learning reports by kind"),
                value_label=_("Reports"),
            ),
            _chart(
                handling_items,
                caption=_("Learning reports by handling"),
                value_label=_("Reports"),
            ),
            _chart(
                action_items,
                caption=_("Actions after the reports"),
                value_label=_("Actions"),
            ),
        ],
        key_figures=[
            (_("Learning reports"), learned.reports),
            (_("Of these confidential"), learned.confidential),
            (_("Of these in zero-error areas"), learned.zero_error),
        ],
        note=_("Learning reports are tagged with a department, not an area; counts only."),
    )


def _budgets(overview: Overview, link: _Links) -> Section:
    """Citizen budgets: participation and implementation progress."""
    processes = overview.processes
    ballot_items = [
        ChartItem(
            process.title,
            process.ballots_in_period,  # type: ignore[attr-defined]
            link("budgets:process", {}, process.slug),
        )
        for process in processes
    ]
    # Voters counted at tally meetings (hands, balls in baskets) are not ballots, so they
    # are not in the ballots above; they are shown on their own rather than left out.
    tally_items = [
        ChartItem(
            process.title,
            process.tally_voters_in_period,  # type: ignore[attr-defined]
            link("budgets:process", {}, process.slug),
        )
        for process in processes
    ]
    tally_voters = sum(item.value for item in tally_items)
    status_items = []
    for value, label in ImplementationStatus.choices:
        total = _total(processes, f"implementations_{value}")
        status_items.append(ChartItem(str(label), total, None))
    overview_url: str | None
    if (
        link.enabled
        and len(processes) == 1
        and link.user.has_perm("budgets.view_results", processes[0])
    ):
        overview_url = reverse("budgets:implementation_overview", args=[processes[0].slug])
    else:
        overview_url = link("budgets:index", {})
    status_items = [ChartItem(item.label, item.value, overview_url) for item in status_items]
    milestones, milestones_done = (
        _total(processes, "milestones_total"),
        _total(processes, "milestones_done"),
    )
    return Section(
        key="budgets",
        title=_("Citizen budgets"),
        charts=[
            _chart(
                ballot_items,
                caption=_("Ballots cast in the period, per process"),
                value_label=_("Ballots"),
            ),
            *(
                [
                    _chart(
                        [item for item in tally_items if item.value],
                        caption=_(
                            "Voters counted at tally meetings in the period, per process "
                            "(not ballots)"
                        ),
                        value_label=_("Voters"),
                    )
                ]
                if tally_voters
                else []
            ),
            _chart(
                status_items,
                caption=_("Implementation of the winning projects"),
                value_label=_("Projects"),
            ),
        ],
        key_figures=[
            (_("Ballots cast in the period"), sum(item.value for item in ballot_items)),
            (_("Voters counted at tally meetings in the period (not ballots)"), tally_voters),
            (_("Milestones reached"), f"{milestones_done} / {milestones}"),
            (_("Money granted"), format_kroner(_total(processes, "granted"))),
            (_("Money spent"), format_kroner(_total(processes, "spent"))),
        ],
        note=_("Citizen budgets are tagged with areas, not with a department."),
    )


def rows(section_list: list[Section]) -> list[tuple[str, str, str, str]]:
    """Every figure as (section, chart, what, value), for the CSV and XLSX files."""
    result = []
    for section in section_list:
        for label, value in section.key_figures:
            result.append((section.title, _("Key figures"), label, str(value)))
        for chart in section.charts:
            for bar in chart.bars:
                result.append((section.title, chart.caption, bar.label, str(bar.value)))
    return result

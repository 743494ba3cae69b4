"""One ballot per person, process and scope (municipality-wide or local) instead of one
per person and process: a person may vote on the municipality-wide budget and on the
budget of the local area they live in. Existing ballots get their scope from their budget
area's kind."""

from django.db import migrations, models


def set_scopes(apps, schema_editor):
    Ballot = apps.get_model("budgets", "Ballot")
    Ballot.objects.filter(budget_area__area__kind="municipality").update(scope="municipality")
    Ballot.objects.exclude(budget_area__area__kind="municipality").update(scope="local")


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0008_peak_proposal_exclusion_group"),
        ("core", "0005_robust_number_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="scope",
            field=models.CharField(
                choices=[
                    ("municipality", "Municipality-wide budget"),
                    ("local", "Local budget"),
                ],
                default="local",
                max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(set_scopes, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="ballot",
            name="budgets_one_ballot_per_person",
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("voter_key", ""), _negated=True),
                fields=("process", "scope", "voter_key"),
                name="budgets_one_ballot_per_person_and_scope",
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.CheckConstraint(
                condition=models.Q(("scope__in", ["municipality", "local"])),
                name="budgets_ballot_scope_known",
            ),
        ),
    ]

"""Seed the themes ideas are tagged with. The municipality edits them in the admin."""

from django.db import migrations

THEMES = [
    ("Børn og unge", "boern-og-unge"),
    ("Ældre og sundhed", "aeldre-og-sundhed"),
    ("Klima, natur og miljø", "klima-natur-og-miljoe"),
    ("Trafik og veje", "trafik-og-veje"),
    ("Kultur og fritid", "kultur-og-fritid"),
    ("Fællesskab og lokalsamfund", "faellesskab-og-lokalsamfund"),
    ("Beskæftigelse og erhverv", "beskaeftigelse-og-erhverv"),
    ("Digitalisering og borgerservice", "digitalisering-og-borgerservice"),
    ("Arbejdsgange i kommunen", "arbejdsgange-i-kommunen"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("ideas", "Theme")
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]

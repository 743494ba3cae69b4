from decimal import Decimal

from django.db import migrations

from samskab.core import reference_data


def load(apps, schema_editor):
    Area = apps.get_model("core", "Area")
    Department = apps.get_model("core", "Department")
    name, slug, lat, lon = reference_data.MUNICIPALITY
    municipality, _ = Area.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "kind": "municipality", "latitude": Decimal(lat), "longitude": Decimal(lon)},
    )
    for kind, rows in (("town", reference_data.TOWNS), ("village", reference_data.VILLAGES)):
        for name, slug, lat, lon in rows:
            Area.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "parent": municipality,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lon),
                },
            )
    for name, slug in reference_data.DEPARTMENTS:
        Department.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

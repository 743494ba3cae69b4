from django.db import migrations

from samskab.core import reference_data


def load(apps, schema_editor):
    reference_data.load(apps.get_model("core", "Area"), apps.get_model("core", "Department"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    # pg_trgm for similarity search on PostgreSQL; a no-op on SQLite.
    dependencies = [("core", "0003_audit_event")]

    operations = [TrigramExtension()]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0016_imports_audit_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="parsed",
            field=models.FileField(blank=True, upload_to="imports/%Y/%m/", verbose_name="rows read"),
        ),
    ]

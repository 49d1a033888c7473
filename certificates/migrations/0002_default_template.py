from django.db import migrations


def create_default_template(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    if not CertificateTemplate.objects.filter(kabupaten__isnull=True).exists():
        CertificateTemplate.objects.create(
            name="Templat umum",
            kabupaten=None,
            title_text="Sertifikat Kompetensi",
            body_text="telah menyelesaikan dan lulus pelatihan",
            signatory_name="Kepala Dinas Komunikasi dan Informatika",
            signatory_title="Kepala Dinas Komunikasi dan Informatika",
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(create_default_template, migrations.RunPython.noop)]

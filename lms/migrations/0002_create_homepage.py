from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("lms.HomePage")

    # Wagtail's initial migration adds a welcome page; replace it.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    homepage_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="lms")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Literasi Desa",
        draft_title="Literasi Desa",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=(
            "<p>Belajar mengelola website desa: kursus singkat, kuis, dan sertifikat "
            "yang membuka hak menerbitkan di portal desa.</p>"
        ),
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page_id": home.id, "site_name": "Literasi Desa"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("lms.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]

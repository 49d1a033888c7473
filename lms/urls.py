from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # Scoped replacements of some of Wagtail's admin views; they must come first.
    path("admin/", include("portal.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("accounts.urls")),
    path("kursus/", include("courses.urls")),
    path("sertifikat/", include("certificates.urls")),
    path("lokakarya/", include("workshops.urls")),
    path("pendampingan/", include("workshops.desk_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.admin_views import AccountView

from . import views

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.web_app_manifest, name="web_app_manifest"),
    # Wagtail's account settings, without an operator's own name (see the view).
    path(
        "admin/account/",
        never_cache(require_admin_access(AccountView.as_view())),
        name="wagtailadmin_account",
    ),
    # Scoped replacements of some of Wagtail's admin views; they must come first.
    path("admin/", include("portal.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("accounts.urls")),
    path("kursus/", include("courses.urls")),
    path("sertifikat/", include("certificates.urls")),
    # The kabupaten as issuer of digital credentials (did:web and revocation list).
    path("kabupaten/", include("certificates.issuer_urls")),
    path("lokakarya/", include("workshops.urls")),
    path("pendampingan/", include("desk.urls")),
    path("meja/", include("portal.urls")),
    path("pemberitahuan/", include("notifications.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    HistoryView,
    SnippetViewSet,
    UsageView,
)

from . import admin_views
from .forms import CertificateTemplateForm
from .models import CertificateTemplate
from .permissions import CertificateTemplatePermissionPolicy, certificate_policy

certificate_urls = [
    path("", admin_views.CertificateIndexView.as_view(), name="index"),
    path("terbitkan/", admin_views.CertificateIssueView.as_view(), name="issue"),
    path("zip/", admin_views.CertificateZipView.as_view(), name="zip"),
    path(
        "<int:pk>/riwayat/",
        admin_views.CertificateHistoryView.as_view(),
        name="history",
    ),
    path("<int:pk>/cabut/", admin_views.CertificateRevokeView.as_view(), name="revoke"),
    path(
        "<int:pk>/akhiri-pencabutan/",
        admin_views.CertificateLiftRevocationView.as_view(),
        name="lift_revocation",
    ),
    path(
        "<int:pk>/terbitkan-ulang/",
        admin_views.CertificateReissueView.as_view(),
        name="reissue",
    ),
    path(
        "templat/<int:pk>/pratinjau/",
        admin_views.preview_template,
        name="preview_template",
    ),
]


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [
        path(
            "sertifikat/",
            include(
                (certificate_urls, "certificates_admin"), namespace="certificates_admin"
            ),
        )
    ]


class CertificateMenuItem(MenuItem):
    def is_shown(self, request):
        return certificate_policy.user_can_manage_any(request.user)


@hooks.register("register_admin_menu_item")
def register_certificate_menu_item():
    return CertificateMenuItem(
        _("Certificates"),
        reverse("certificates_admin:index"),
        icon_name="doc-full",
        order=260,
    )


class TemplateEditView(EditView):
    def get_object(self, queryset=None):
        # Wagtail's edit view checks the model permission only, not the instance.
        return super().get_object(certificate_policy.templates_for(self.request.user))

    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Preview PDF"),
                url=reverse(
                    "certificates_admin:preview_template", args=[self.object.pk]
                ),
                icon_name="view",
                attrs={"target": "_blank"},
            ),
        ]


class OwnTemplateMixin:
    """Wagtail's usage and history views check the model permission only, not the
    instance: another kabupaten's template must not be found."""

    def get_base_object_queryset(self):
        return certificate_policy.templates_for(self.request.user)


class TemplateUsageView(OwnTemplateMixin, UsageView):
    pass


class TemplateHistoryView(OwnTemplateMixin, HistoryView):
    pass


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    list_display = ["name", "kabupaten", "signatory_name", "validity_months"]
    edit_view_class = TemplateEditView
    usage_view_class = TemplateUsageView
    history_view_class = TemplateHistoryView
    edit_handler = ObjectList(
        CertificateTemplate.panels, base_form_class=CertificateTemplateForm
    )

    def get_queryset(self, request):
        return certificate_policy.templates_for(request.user)


register_permission_policy(
    CertificateTemplate, CertificateTemplatePermissionPolicy(CertificateTemplate)
)
register_snippet(CertificateTemplateViewSet)


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    actions.register_action(
        "literasi.certificate.issue", _("Issue certificate"), _("Certificate issued")
    )
    actions.register_action(
        "literasi.certificate.revoke", _("Revoke certificate"), _("Certificate revoked")
    )
    actions.register_action(
        "literasi.certificate.lift_revocation",
        _("Lift certificate revocation"),
        _("Certificate revocation lifted"),
    )
    actions.register_action(
        "literasi.certificate.expire", _("Expire certificate"), _("Certificate expired")
    )
    actions.register_action(
        "literasi.certificate.replace",
        _("Replace certificate"),
        _("Certificate replaced"),
    )

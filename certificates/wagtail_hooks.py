from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    HistoryView,
    SnippetViewSet,
    UsageView,
)

from lms.shared.admin import HistoryOnlyViewSetMixin

from . import admin_views
from .forms import CertificateTemplateForm
from .models import Certificate, CertificateTemplate
from .permissions import certificate_policy, template_policy


class CertificateViewSet(HistoryOnlyViewSetMixin, ModelViewSet):
    """The certificate list and history on Wagtail's generic views, with the
    project's own screens to issue, revoke, lift a revocation and re-issue."""

    model = Certificate
    name = "certificates_admin"
    url_prefix = "sertifikat"
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = admin_views.CertificateIndexView
    history_view_class = admin_views.CertificateHistoryView
    list_per_page = 50
    export_filename = "sertifikat"

    def get_urlpatterns(self):
        zip_view = self.construct_view(
            admin_views.CertificateZipView, **self.get_index_view_kwargs()
        )
        return [
            path("", self.index_view, name="index"),
            path("hasil/", self.index_results_view, name="index_results"),
            path(
                "terbitkan/", admin_views.CertificateIssueView.as_view(), name="issue"
            ),
            path("zip/", zip_view, name="zip"),
            path("<int:pk>/riwayat/", self.history_view, name="history"),
            path(
                "<int:pk>/riwayat/hasil/",
                self.history_results_view,
                name="history_results",
            ),
            path(
                "<int:pk>/cabut/",
                admin_views.CertificateRevokeView.as_view(),
                name="revoke",
            ),
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


register_permission_policy(Certificate, certificate_policy)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()


class TemplateEditView(EditView):
    def get_object(self, queryset=None):
        # Wagtail's edit view checks the model permission only, not the instance.
        return super().get_object(
            template_policy.instances_user_has_permission_for(
                self.request.user, "change"
            )
        )

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
        return template_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )


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
        return template_policy.instances_user_has_permission_for(request.user, "view")


register_permission_policy(CertificateTemplate, template_policy)
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
    actions.register_action(
        "literasi.certificate.renew", _("Renew certificate"), _("Certificate renewed")
    )
    actions.register_action(
        "literasi.certificate.renewed",
        _("End a certificate renewed early"),
        _("Certificate ended: renewed early"),
    )

"""The admin's screens for workshops: each kabupaten's letter settings."""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .forms import LetterSettingsForm
from .models import LetterSettings
from .permissions import letter_settings_policy


class LetterSettingsIndexView(IndexView):
    def get_base_queryset(self):
        return letter_settings_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("kabupaten")


class LetterSettingsEditView(EditView):
    def get_object(self, queryset=None):
        # Wagtail's edit view checks the model permission only, not the instance:
        # another kabupaten's settings are not found.
        return super().get_object(
            letter_settings_policy.instances_user_has_permission_for(
                self.request.user, "change"
            )
        )


class LetterSettingsViewSet(ModelViewSet):
    """Kop, nomor surat pattern, sifat and signatory of a kabupaten's letters;
    a Diskominfo admin sees and edits their own kabupaten's only."""

    model = LetterSettings
    name = "letter_settings"
    url_prefix = "pengaturan-surat"
    icon = "mail"
    menu_label = _("Letter settings")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["kabupaten", "office_name", "signatory_name"]
    index_view_class = LetterSettingsIndexView
    add_view_class = CreateView
    edit_view_class = LetterSettingsEditView
    edit_handler = ObjectList(LetterSettings.panels, base_form_class=LetterSettingsForm)
    permission_policy = letter_settings_policy

    def get_permissions_to_register(self):
        # Decided by role and region, not by Django permissions given to groups.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        # No delete, history or usage screens: a numbered letter keeps its kop.
        return super().get_common_view_kwargs(
            delete_url_name=None, history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("hasil/", self.index_results_view, name="index_results"),
            path("tambah/", self.add_view, name="add"),
            path("<int:pk>/", self.edit_view, name="edit"),
        ]


register_permission_policy(LetterSettings, letter_settings_policy)


@hooks.register("register_admin_viewset")
def register_letter_settings_viewset():
    return LetterSettingsViewSet()

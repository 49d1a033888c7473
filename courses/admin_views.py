"""Admin screens for the extra quiz attempts trainers and admins gave: the list of
their region's grants and each grant's history.

Wagtail's Site history lists an entry only to users with a Django permission on
its model, whatever the region, so the grants are read here, through
`extra_attempt_policy`, which limits them to the user's region."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import HistoryView, IndexView

from .permissions import extra_attempt_policy


def _granted_at(grant):
    return date_format(timezone.localtime(grant.created_at), "j M Y H:i")


class ExtraAttemptIndexView(IndexView):
    """The extra attempts given to operators of the user's region, newest first:
    operator, desa, quiz, who gave it, when and why."""

    any_permission_required = ["view"]
    page_title = gettext_lazy("Extra quiz attempts")
    search_fields = ["operator__first_name", "operator__last_name", "reason"]
    search_backend_name = None
    default_ordering = "-created_at"
    paginate_by = 50

    def get_base_queryset(self):
        return extra_attempt_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("operator__region", "quiz", "granted_by")

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "operator",
                label=gettext_lazy("Operator"),
                accessor=lambda g: g.operator.display_name,
                get_url=lambda g: reverse("extra_attempts_admin:history", args=[g.pk]),
            ),
            Column(
                "desa",
                label=gettext_lazy("Desa"),
                accessor=lambda g: (
                    g.operator.region.display_name if g.operator.region else "—"
                ),
            ),
            Column("quiz", label=gettext_lazy("Quiz"), accessor=lambda g: g.quiz.title),
            Column(
                "granted_by",
                label=gettext_lazy("By"),
                accessor=lambda g: g.granted_by.display_name if g.granted_by else "—",
            ),
            Column(
                "created_at",
                label=gettext_lazy("Given on"),
                sort_key="created_at",
                accessor=_granted_at,
            ),
            Column("reason", label=gettext_lazy("Reason")),
        ]


class ExtraAttemptHistoryView(HistoryView):
    """The audit log of one grant: who gave it, when, and the reason."""

    any_permission_required = ["view"]
    page_title = gettext_lazy("Extra attempt history")

    def get_object(self):
        # Asked before dispatch: refuse staff-only screens the Wagtail way first.
        if not extra_attempt_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        return super().get_object()

    def get_base_object_queryset(self):
        return extra_attempt_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("operator", "quiz")

    def get_page_subtitle(self):
        return f"{self.object.operator.display_name} · {self.object.quiz.title}"

    @cached_property
    def columns(self):
        return [
            *super().columns,
            Column(
                "reason",
                label=gettext_lazy("Reason"),
                accessor=lambda entry: (entry.data or {}).get("reason") or "—",
            ),
        ]

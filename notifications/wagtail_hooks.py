from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .selectors import unread_count


class NotificationsMenuItem(MenuItem):
    """The site's inbox, with the unread count in the label."""

    def render_component(self, request):
        count = unread_count(request.user)
        label = _("Notifications (%(count)s)") % {"count": count} if count else None
        component = super().render_component(request)
        if label:
            component.label = label
        return component


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        gettext_lazy("Notifications"),
        reverse("notifications:index"),
        name="notifications",
        icon_name="mail",
        order=900,
    )

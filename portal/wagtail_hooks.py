from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_publishing_rights_actions(actions):
    actions.register_action(
        "literasi.publishing.grant",
        _("Grant publishing rights"),
        _("Publishing rights granted"),
    )
    actions.register_action(
        "literasi.publishing.revoke",
        _("Revoke publishing rights"),
        _("Publishing rights revoked"),
    )

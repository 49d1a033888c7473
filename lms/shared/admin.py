"""Wagtail admin pieces shared by the apps' `wagtail_hooks.py`."""

from django.contrib.auth.models import Permission
from wagtail.admin.admin_url_finder import ModelAdminURLFinder


class HistoryOnlyViewSetMixin:
    """For a `ModelViewSet` of records that are never added, edited or deleted in
    the admin (certificates, extra quiz attempts): a list and each record's
    history, the admin's link to a record being its history. Who sees what is
    decided by the viewset's role-and-region permission policy, not by Django
    permissions given to groups."""

    @property
    def url_finder_class(self):
        return type(
            f"{self.model.__name__}AdminURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("history")},
        )

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

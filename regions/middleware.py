from django.utils import timezone

from .selectors import kabupaten_timezone_name


class KabupatenTimezoneMiddleware:
    """Show times in the signed-in user's kabupaten time zone (WIB/WITA/WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        region_id = (
            getattr(user, "region_id", None) if user and user.is_authenticated else None
        )
        if region_id:
            timezone.activate(kabupaten_timezone_name(region_id))
        else:
            timezone.deactivate()
        return self.get_response(request)

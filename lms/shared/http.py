"""Small HTTP helpers shared by the apps."""

from functools import wraps


def allow_any_origin(view):
    """Let scripts on any site read the response (public, cookie-free JSON only)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped

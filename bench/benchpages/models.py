from wagtail.fields import StreamField
from wagtail.models import Page

from courses.blocks import LessonBodyBlock


class PlainPage(Page):
    """A plain Wagtail page: the lesson's body blocks and nothing else (Wagtail's own
    `serve` and `get_context`), rendered with the site's base template."""

    body = StreamField(LessonBodyBlock())
    template = "benchpages/plain_page.html"

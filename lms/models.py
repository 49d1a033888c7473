from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.forms import ScopedMediaPageForm
from portal.models import PortalHomePage


class HomePage(Page):
    """The site's front page: what Literasi Desa is and where to start."""

    base_form_class = ScopedMediaPageForm

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.PortalHomePage", "courses.CourseIndexPage"]
    max_count = 1
    template = "lms/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portals"] = (
            PortalHomePage.objects.child_of(self).live().order_by("title")
        )
        return context

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.selectors import course_index_under
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

    def route(self, request, path_components):
        """Pages below the course index go straight to it, without the two
        queries Wagtail's routing takes to find a child page and its specific
        page: the index comes from the cache (it is this page's child with that
        slug, the page Wagtail would find). Everything else routes Wagtail's way."""
        if len(path_components) > 1:
            index = course_index_under(self)
            if index is not None and index.slug == path_components[0]:
                index._cached_parent_obj = self
                return index.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portals"] = (
            PortalHomePage.objects.child_of(self).live().order_by("title")
        )
        return context

"""The kabupaten portal: kabupaten → kecamatan → desa pages, and what operators write."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Collection, Orderable, Page
from wagtail.search import index

from regions.models import Region

from .forms import ScopedMediaPageForm

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "image"]


def _region_field(level, verbose_name, related_name):
    """The region a portal page stands for: one page per region of one level."""
    return models.OneToOneField(
        Region,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"level": level},
    )


class RegionIndexPage(Page):
    """A region's page that introduces it and lists the live pages of the regions below."""

    base_form_class = ScopedMediaPageForm

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("region"), FieldPanel("intro")]
    # The template's name for the list of live subpages (of the page's one subpage type).
    children_context_name = None

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        # Imported here: portal.selectors imports these models.
        from .selectors import live_children

        context = super().get_context(request, *args, **kwargs)
        (child_model,) = self.allowed_subpage_models()
        context[self.children_context_name] = live_children(self, child_model)
        return context


class PortalHomePage(RegionIndexPage):
    """The portal of one kabupaten."""

    region = _region_field(Region.Level.KABUPATEN, _("kabupaten"), "portal_home")

    parent_page_types = ["lms.HomePage"]
    subpage_types = ["portal.KecamatanPage"]
    children_context_name = "kecamatan_pages"
    template = "portal/portal_home_page.html"

    class Meta:
        verbose_name = _("kabupaten portal")


class KecamatanPage(RegionIndexPage):
    """A kecamatan of the portal, listing its desa."""

    region = _region_field(Region.Level.KECAMATAN, _("kecamatan"), "kecamatan_page")

    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["portal.DesaPage"]
    children_context_name = "desa_pages"
    template = "portal/kecamatan_page.html"

    class Meta:
        verbose_name = _("kecamatan page")


class DesaPage(Page):
    """A desa's profile; operators of the desa write the pages below it."""

    base_form_class = ScopedMediaPageForm

    region = _region_field(Region.Level.DESA, _("desa"), "desa_page")
    profile = RichTextField(_("profile"), blank=True, features=RICH_TEXT_FEATURES)
    head_name = models.CharField(
        _("name of the village head"), max_length=255, blank=True
    )
    address = models.CharField(_("office address"), max_length=255, blank=True)
    contact = models.CharField(
        _("contact (phone or email)"), max_length=255, blank=True
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("region", read_only=True),
        FieldPanel("photo"),
        FieldPanel("profile"),
        MultiFieldPanel(
            [FieldPanel("head_name"), FieldPanel("address"), FieldPanel("contact")],
            heading=_("Village office"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("profile")]
    parent_page_types = ["portal.KecamatanPage"]
    subpage_types = ["portal.NewsPage", "portal.PotensiPage", "portal.ProgressPage"]
    template = "portal/desa_page.html"

    class Meta:
        verbose_name = _("desa page")

    def clean(self):
        super().clean()
        # At its expiry Wagtail would take the desa's whole portal offline, which its
        # operators may not do (see `DesaPagePermissionTester`).
        if self.expire_at:
            raise ValidationError(
                {
                    "expire_at": _(
                        "The desa profile stays online, so it cannot have an expiry date. Remove the date."
                    )
                }
            )

    def permissions_for_user(self, user):
        # Imported here: portal.permissions imports these models.
        from .permissions import DesaPagePermissionTester

        return DesaPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        # Imported here: portal.selectors imports these models.
        from .selectors import desa_latest_pages

        context = super().get_context(request, *args, **kwargs)
        context.update(desa_latest_pages(self))
        return context


class DesaArticleMixin:
    parent_page_types = ["portal.DesaPage"]
    subpage_types: list[str] = []


class NewsPage(DesaArticleMixin, Page):
    """Berita desa."""

    base_form_class = ScopedMediaPageForm

    date = models.DateField(_("date"))
    intro = models.CharField(_("summary"), max_length=300, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("photo"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    template = "portal/news_page.html"

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")


class PotensiPage(DesaArticleMixin, Page):
    """Potensi desa: the village's economic assets, tourism and flagship products."""

    base_form_class = ScopedMediaPageForm

    class Category(models.TextChoices):
        EKONOMI = "ekonomi", _("Economy")
        WISATA = "wisata", _("Tourism")
        PRODUK_UNGGULAN = "produk_unggulan", _("Flagship product")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("description"), features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("photos", label=_("Photos")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    template = "portal/potensi_page.html"

    class Meta:
        verbose_name = _("village potential (potensi desa)")
        verbose_name_plural = _("village potentials")


class ProgressPage(DesaArticleMixin, Page):
    """Progres pembangunan: one development activity and how far it has come."""

    base_form_class = ScopedMediaPageForm

    activity = models.CharField(_("activity"), max_length=255)
    location = models.CharField(_("location"), max_length=255)
    budget = models.DecimalField(
        _("budget (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Dana Desa 2026"),
    )
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    date = models.DateField(_("report date"))
    description = RichTextField(
        _("description"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("activity"),
        FieldPanel("location"),
        MultiFieldPanel(
            [FieldPanel("budget"), FieldPanel("funding_source")], heading=_("Budget")
        ),
        FieldPanel("progress_percent"),
        FieldPanel("date"),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Photos")),
    ]
    template = "portal/progress_page.html"

    class Meta:
        verbose_name = _("development progress (progres pembangunan)")
        verbose_name_plural = _("development progress")


class PotensiPhoto(Orderable):
    page = ParentalKey(PotensiPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    panels = [FieldPanel("image"), FieldPanel("caption")]


class ProgressPhoto(Orderable):
    page = ParentalKey(ProgressPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    panels = [FieldPanel("image"), FieldPanel("caption")]


class DesaAccess(models.Model):
    """The groups and media collection that carry a desa's rights in Wagtail.

    Authors may create and edit drafts and submit them for moderation; publishers
    (operators holding a valid certificate) may also publish. Both apply to the desa's
    own subtree only.
    """

    desa = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="access", verbose_name=_("desa")
    )
    # Deleting the page must never take the desa's rights and media with it.
    page = models.OneToOneField(
        DesaPage, on_delete=models.PROTECT, related_name="access"
    )
    authors = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    publishers = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("desa access")
        verbose_name_plural = _("desa access")

    def __str__(self):
        return str(self.desa)


class ModeratorAccess(models.Model):
    """The moderators group of a kecamatan or kabupaten (its admins)."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="moderator_access"
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return str(self.region)


class PublishEvent(models.Model):
    """One publish of a page in a desa's subtree; the source of website activity."""

    desa = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="publish_events",
        verbose_name=_("desa"),
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_title = models.CharField(_("page title"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), db_index=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("publish event")
        indexes = [
            models.Index(fields=["desa", "-published_at"], name="publish_desa_time")
        ]

    def __str__(self):
        return f"{self.page_title} ({self.published_at:%Y-%m-%d})"


# Website activity ------------------------------------------------------------------
# The facts the one activity rule reads (portal/selectors.py says why they live here).

ACTIVE_DAYS = 30
LESS_ACTIVE_DAYS = 90


class Activity(models.TextChoices):
    """How recently a desa's website published, judged by its kabupaten's windows."""

    AKTIF = "aktif", _("Active")
    KURANG_AKTIF = "kurang_aktif", _("Less active")
    TIDAK_AKTIF = "tidak_aktif", _("Inactive")


class ActivityWindows(models.Model):
    """The windows a kabupaten judges its desa's website activity by; a kabupaten
    without a row uses ACTIVE_DAYS and LESS_ACTIVE_DAYS."""

    kabupaten = models.OneToOneField(
        Region,
        verbose_name=_("kabupaten"),
        on_delete=models.CASCADE,
        related_name="activity_windows",
        limit_choices_to={"level": Region.Level.KABUPATEN},
    )
    active_days = models.PositiveSmallIntegerField(
        _("active: published within (days)"), default=ACTIVE_DAYS
    )
    less_active_days = models.PositiveSmallIntegerField(
        _("less active: published within (days)"), default=LESS_ACTIVE_DAYS
    )

    class Meta:
        verbose_name = _("website activity windows")
        verbose_name_plural = _("website activity windows")

    def __str__(self):
        return str(self.kabupaten)

    def clean(self):
        if self.less_active_days <= self.active_days:
            raise ValidationError(
                {
                    "less_active_days": _(
                        "Make this window longer than the active window."
                    )
                }
            )


class ExternalActivity(models.Model):
    """Publishing activity of a desa whose website lives outside this portal (imported)."""

    desa = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="external_activity"
    )
    last_published_on = models.DateField(_("last publish"))
    article_count = models.PositiveIntegerField(_("articles"), null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Moved from readiness; the table kept its name.
        db_table = "readiness_externalactivity"
        verbose_name = _("imported website activity")

    def __str__(self):
        return f"{self.desa_id}: {self.last_published_on}"


class CreateRequest(models.Model):
    """The token of one Meja Tulis "new page" form, and the page it created.

    A form posted twice (a double tap, a resend on a slow link) carries the same
    token, so the second post finds the first page instead of making another.
    """

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Meja Tulis create request")

    def __str__(self):
        return str(self.token)

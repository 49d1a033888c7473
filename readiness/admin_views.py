"""The readiness dashboard inside the Wagtail admin: national → provinsi → kabupaten →
kecamatan → desa, with charts, filters, exports and the pendampingan list."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage, QuizAttempt
from courses.selectors import operator_progress_rows
from desk.models import HelpRequest
from desk.selectors import desk_counts
from lms.shared.csvimport.views import CsvUploadMixin
from lms.shared.exports import export_response
from portal.models import Activity, ActivityWindows, PublishEvent
from regions.models import Region
from workshops.permissions import workshop_policy
from workshops.services.workshops import WorkshopError, invite_desa

from . import charts, selectors
from .models import KabupatenSettings, Level
from .permissions import readiness_policy
from .services import import_activity, save_kabupaten_settings

NATIONAL = "id"
# Rows of a table on one screen; longer tables are paginated (the exports give all).
ROWS_PER_PAGE = 50
ROWS_PARAM, HELP_PARAM = "p", "p_bantuan"


def page_of(request, rows, param):
    """The page of `rows` (a list or a queryset: then two queries) that `param` in the
    query string asks for, with `query`: the rest of the query string (the filters
    and the other table's page), for the links to other pages."""
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    query.pop("format", None)
    page.param = param
    page.query = f"{query.urlencode()}&" if query else ""
    return page


class ReadinessMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not readiness_policy.user_can_see_any(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def region_or_404(self, code):
        if code == NATIONAL:
            if not readiness_policy.user_can_see_country(self.request.user):
                raise Http404
            return None
        region = get_object_or_404(Region, code=code)
        # Another region's dashboard is simply not found.
        if not readiness_policy.user_can_see(self.request.user, region):
            raise Http404
        return region

    def crumbs(self, region):
        items = [*self.breadcrumbs_items]
        if readiness_policy.user_can_see_country(self.request.user):
            items.append(
                {
                    "url": reverse("readiness:region", args=[NATIONAL]),
                    "label": _("Indonesia"),
                }
            )
        if region is not None:
            chain = Region.objects.filter(
                code__in=[*region.ancestor_codes(), region.code]
            ).order_by("level")
            for r in chain:
                if readiness_policy.user_can_see(self.request.user, r):
                    items.append(
                        {
                            "url": reverse("readiness:region", args=[r.code]),
                            "label": r.display_name,
                        }
                    )
        items[-1] = {**items[-1], "url": ""}
        return items


def home(request):
    if not readiness_policy.user_can_see_any(request.user):
        raise PermissionDenied
    region = readiness_policy.home_region(request.user)
    return redirect("readiness:region", code=region.code if region else NATIONAL)


LEVEL_KEYS = [f"level_{level.value}" for level in Level]
ACTIVITY_KEYS = [f"activity_{a.value}" for a in Activity]


class FilterForm(forms.Form):
    kecamatan = forms.ChoiceField(label=gettext_lazy("Kecamatan"), required=False)
    level = forms.ChoiceField(
        label=gettext_lazy("Level"), required=False, choices=[("", "—"), *Level.choices]
    )
    activity = forms.ChoiceField(
        label=gettext_lazy("Website"),
        required=False,
        choices=[("", "—"), *Activity.choices],
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        kecamatan = []
        if region is not None and region.level == Region.Level.KABUPATEN:
            kecamatan = list(
                Region.objects.filter(parent=region).values_list("code", "name")
            )
        self.kecamatan_names = dict(kecamatan)
        self.fields["kecamatan"].choices = [("", "—"), *kecamatan]
        if not kecamatan:
            del self.fields["kecamatan"]


class RegionView(ReadinessMixin, TemplateView):
    template_name = "readiness/region.html"

    def get(self, request, *args, **kwargs):
        self.region = self.region_or_404(kwargs["code"])
        if self.region is not None and self.region.level == Region.Level.DESA:
            return redirect("readiness:desa", code=self.region.code)
        # Read once, for every table of the page.
        self.windows = selectors.windows_for(self.region)
        self.filters = FilterForm(request.GET or None, region=self.region)
        self.filter_values = (
            self.filters.cleaned_data if self.filters.is_valid() else {}
        )
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Readiness: %(region)s") % {
            "region": self.region.display_name if self.region else _("Indonesia")
        }

    def get_breadcrumbs_items(self):
        return self.crumbs(self.region)

    def child_rows(self, *, paged=False):
        """("desa", desa) for a kecamatan, else ("groups", rows per kecamatan or per
        kabupaten). `paged`: the desa as a queryset, to be shown a page at a time."""
        region = self.region
        if region is not None and region.level == Region.Level.KECAMATAN:
            query = selectors.desa_query(
                region, filters=self.filter_values, windows=self.windows
            )
            return "desa", query if paged else list(query)
        if region is not None and region.level == Region.Level.KABUPATEN:
            # The filter's kecamatan choices already name every kecamatan.
            return "groups", selectors.grouped_table(
                region,
                group_by="kecamatan_code",
                filters=self.filter_values,
                windows=self.windows,
                names=self.filters.kecamatan_names,
            )
        return "groups", selectors.grouped_table(
            region,
            group_by="kabupaten_code",
            filters=self.filter_values,
            windows=self.windows,
        )

    def export(self, fmt):
        kind, rows = self.child_rows()
        name = f"kesiapan-{self.region.code if self.region else NATIONAL}"
        if kind == "desa":
            headers = [
                _("Desa code"),
                _("Desa"),
                _("Level"),
                _("Website"),
                _("Last publish"),
                _("Operators"),
                _("Trained"),
                _("Certified"),
            ]
            data = [
                [
                    r.desa.code,
                    r.desa.name,
                    Level(r.level).label,
                    Activity(r.activity).label,
                    timezone.localtime(r.last_published_at).date().isoformat()
                    if r.last_published_at
                    else "",
                    r.operators,
                    r.operators_trained,
                    r.operators_certified,
                ]
                for r in rows
            ]
        else:
            headers = [
                _("Code"),
                _("Name"),
                _("Desa"),
                *[str(level.label) for level in Level],
                *[str(a.label) for a in Activity],
                _("Operators"),
                _("Trained"),
                _("Certified"),
            ]
            data = [
                [
                    r["code"],
                    r["name"],
                    r["desa"],
                    *[r[k] for k in LEVEL_KEYS],
                    *[r[k] for k in ACTIVITY_KEYS],
                    r["operators"],
                    r["trained"],
                    r["certified"],
                ]
                for r in rows
            ]
        return export_response(fmt, headers, data, name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.region
        provinsi_rows = []
        if region is None:
            # The country: a row per provinsi, the kabupaten a page at a time; the
            # totals add up the kabupaten rows unless a filter narrowed them.
            kind = "groups"
            provinsi_rows, rows = selectors.national_tables(
                filters=self.filter_values, windows=self.windows
            )
            chart_rows = [(r["name"], r) for r in provinsi_rows]
            figures = (
                selectors.overview(None, windows=self.windows)
                if any(self.filter_values.values())
                else selectors.national_overview(rows)
            )
        else:
            figures = selectors.overview(region, windows=self.windows)
            kind, rows = self.child_rows(paged=True)
            chart_rows = [(r["name"], r) for r in rows] if kind == "groups" else []
        rows_page = page_of(self.request, rows, ROWS_PARAM)
        level_legend = charts.legend(
            zip(Level.labels, charts.LEVEL_COLOURS, strict=True)
        )
        activity_legend = charts.legend(
            zip(Activity.labels, charts.ACTIVITY_COLOURS, strict=True)
        )
        trend = selectors.trend(region)
        help_page = (
            page_of(
                self.request,
                selectors.needs_help_query(region, windows=self.windows),
                HELP_PARAM,
            )
            if region is not None and region.level >= Region.Level.KABUPATEN
            else None
        )
        workshops = []
        kabupaten = (
            region
            if region is None or region.level == Region.Level.KABUPATEN
            else Region.objects.filter(code=region.code[:5]).first()
        )
        if region is not None and workshop_policy.user_can_plan(
            self.request.user, kabupaten
        ):
            workshops = list(
                workshop_policy.workshops_for(self.request.user).filter(
                    kabupaten__code=region.code[:5], end_date__gte=timezone.localdate()
                )
            )
        context.update(
            {
                "region": region,
                "figures": figures,
                "level_cards": [
                    (level.label, figures[f"level_{level.value}"]) for level in Level
                ],
                "kind": kind,
                "provinsi_rows": provinsi_rows,
                "rows": rows_page.object_list,
                "rows_page": rows_page,
                "levels": Level,
                "activities": Activity,
                "level_chart": charts.stacked_bars(
                    chart_rows, keys=LEVEL_KEYS, colours=charts.LEVEL_COLOURS
                ),
                "activity_chart": charts.stacked_bars(
                    [(_("All desa"), figures)],
                    keys=ACTIVITY_KEYS,
                    colours=charts.ACTIVITY_COLOURS,
                ),
                "trend_chart": charts.stacked_bars(
                    [
                        (
                            month.strftime("%m/%Y"),
                            {f"level_{k}": v for k, v in counts.items()},
                        )
                        for month, counts in trend
                    ],
                    keys=LEVEL_KEYS,
                    colours=charts.LEVEL_COLOURS,
                    label_width=70,
                ),
                "level_legend": level_legend,
                "activity_legend": activity_legend,
                "filters": self.filters,
                "query": self.request.GET.urlencode(),
                "help_rows": help_page.object_list if help_page else [],
                "help_page": help_page,
                "workshops": workshops,
                "desk": desk_counts(self.request.user),
                "code": region.code if region else NATIONAL,
                "can_edit_settings": region is not None
                and region.level == Region.Level.KABUPATEN
                and readiness_policy.user_can_edit_settings(self.request.user, region),
            }
        )
        return context


class DesaView(ReadinessMixin, TemplateView):
    template_name = "readiness/desa.html"

    def get(self, request, *args, **kwargs):
        self.desa = self.region_or_404(kwargs["code"])
        if self.desa is None or self.desa.level != Region.Level.DESA:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return self.desa.display_name

    def get_breadcrumbs_items(self):
        return self.crumbs(self.desa)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = selectors.readiness_in(self.desa).first()
        operators = list(
            User.objects.filter(role=User.Role.OPERATOR, region=self.desa).order_by(
                "-is_active", "first_name"
            )
        )
        courses = list(CoursePage.objects.live().order_by("path").defer_streamfields())
        progress = operator_progress_rows(operators, courses)
        attempts = (
            QuizAttempt.objects.filter(operator__in=operators, status="graded")
            .select_related("quiz", "operator")
            .order_by("-submitted_at")[:50]
        )
        context.update(
            {
                "desa": self.desa,
                "summary": summary,
                "levels": Level,
                "operators": operators,
                "courses": courses,
                "progress": progress,
                "attempts": attempts,
                "certificates": Certificate.objects.filter(
                    desa_code=self.desa.code
                ).order_by("-issued_at")[:50],
                "publishes": PublishEvent.objects.filter(desa=self.desa).order_by(
                    "-published_at"
                )[:30],
                "threads": HelpRequest.objects.filter(desa=self.desa).order_by(
                    "-created_at"
                )[:30],
            }
        )
        return context


class InviteForm(forms.Form):
    workshop = forms.ModelChoiceField(label=gettext_lazy("Workshop"), queryset=None)

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops


def invite_needing_help(request, code):
    """Turn the desa that need pendampingan into workshop invitations in one action."""
    if request.method != "POST" or not readiness_policy.user_can_see_any(request.user):
        raise PermissionDenied
    region = get_object_or_404(Region, code=code)
    if not readiness_policy.user_can_see(request.user, region):
        raise Http404
    workshops = workshop_policy.workshops_for(request.user).filter(
        kabupaten__code=region.code[:5]
    )
    form = InviteForm(request.POST, workshops=workshops)
    if request.POST.get("all"):
        # Every desa of the region that needs pendampingan, on every page of the list.
        desa = [row.desa for row in selectors.needs_help(region)]
    else:
        desa_codes = request.POST.getlist("desa")
        desa = [
            d
            for d in Region.objects.filter(code__in=desa_codes, level=Region.Level.DESA)
            if region.contains(d)
        ]
    if not form.is_valid() or not desa:
        messages.error(request, _("Choose a workshop and at least one desa."))
        return redirect("readiness:region", code=code)
    try:
        result = invite_desa(
            actor=request.user, workshop=form.cleaned_data["workshop"], desa=desa
        )
    except (WorkshopError, PermissionDenied) as exc:
        messages.error(request, str(exc))
        return redirect("readiness:region", code=code)
    messages.success(
        request,
        _(
            "%(d)s desa invited to %(workshop)s (%(with)s with an operator); %(n)s operator(s) newly invited."
        )
        % {
            "n": len(result.invitations),
            "d": result.desa,
            "with": result.desa_with_operator,
            "workshop": form.cleaned_data["workshop"].title,
        },
    )
    return redirect("readiness:region", code=code)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: kode_desa, tanggal_terakhir_terbit (YYYY-MM-DD), jumlah_artikel (optional). UTF-8."
        ),
    )


class ActivityImportView(CsvUploadMixin, ReadinessMixin, TemplateView):
    template_name = "readiness/import.html"
    page_title = gettext_lazy("Import website activity")
    form_class = ImportForm

    def run_import(self, raw):
        return import_activity(actor=self.request.user, raw=raw)

    def imported(self, result):
        messages.success(
            self.request,
            _("Website activity of %(n)s desa imported.") % {"n": result},
        )
        return redirect("readiness:home")


def _model_field(model, name):
    return model._meta.get_field(name).formfield()


class SettingsForm(forms.Form):
    """A kabupaten's activity windows (portal.ActivityWindows) and its pendampingan
    threshold (KabupatenSettings), on one screen."""

    active_days = _model_field(ActivityWindows, "active_days")
    less_active_days = _model_field(ActivityWindows, "less_active_days")
    stuck_days = _model_field(KabupatenSettings, "stuck_days")

    def clean(self):
        cleaned = super().clean()
        active, less = cleaned.get("active_days"), cleaned.get("less_active_days")
        if active and less and less <= active:
            self.add_error(
                "less_active_days",
                _("Make the less-active window longer than the active window."),
            )
        return cleaned


class SettingsView(ReadinessMixin, TemplateView):
    """A kabupaten's activity windows and pendampingan threshold."""

    template_name = "readiness/settings.html"

    def dispatch(self, request, *args, **kwargs):
        self.kabupaten = get_object_or_404(
            Region, code=kwargs["code"], level=Region.Level.KABUPATEN
        )
        if not readiness_policy.user_can_edit_settings(request.user, self.kabupaten):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Readiness settings: %(kabupaten)s") % {
            "kabupaten": self.kabupaten.display_name
        }

    def get_breadcrumbs_items(self):
        return self.crumbs(self.kabupaten)

    def form(self):
        windows = ActivityWindows.objects.filter(kabupaten=self.kabupaten).first()
        windows = windows or ActivityWindows(kabupaten=self.kabupaten)
        initial = {
            "active_days": windows.active_days,
            "less_active_days": windows.less_active_days,
            "stuck_days": selectors.settings_for(self.kabupaten.code)["stuck_days"],
        }
        return SettingsForm(self.request.POST or None, initial=initial)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form()
        if form.is_valid():
            save_kabupaten_settings(kabupaten=self.kabupaten, **form.cleaned_data)
            messages.success(request, _("The readiness settings are saved."))
            return redirect("readiness:region", code=self.kabupaten.code)
        return self.render_to_response(self.get_context_data(form=form))

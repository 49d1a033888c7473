"""Who reaches which URL: every role, on objects of Belitung Timur and of Banjarnegara.

`MATRIX` is the table. For each URL it holds one line of outcomes, one per role in
the order of ROLES, on an object of Belitung Timur (Desa Jangkar Asam, Kec. Gantung),
and for URLs that take a regional object a second line on the same kind of object in
Banjarnegara (Desa Klampok). `REQUESTS` says how each URL is built and sent.

Columns: ``anon`` anonymous; ``op`` Siti, operator of Jangkar Asam; ``opD`` Budi,
operator of another desa (Mekar Jaya, Kec. Manggar); ``opK`` Sri, operator in another
kabupaten (Klampok); ``kec`` the admin of Kec. Gantung; ``kecO`` of Kec. Manggar;
``kab`` Diskominfo Belitung Timur; ``kabO`` Diskominfo Banjarnegara; ``trn`` the
Belitung Timur trainer; ``su`` the superuser.

Outcomes:

- ``ok``   200, and the body shows no marker of a region outside the user's scope;
- ``ok!``  200, markers of other regions accepted (see ACCEPTED for why);
- ``R``    a redirect within the same area (not to sign-in, not Wagtail's denial);
- ``E``    the page explorer's redirect to the user's own starting page;
- ``H``    a redirect to the user's own home after sign-in (``accounts.homes``);
- ``L``    a redirect to the sign-in page;
- ``A``    Wagtail's denial: back to /admin/ with a permission message (and staff
           who open Meja Tulis, sent to the admin with a message);
- ``M``    an operator sent from the admin to Meja Tulis with a message: operators
           have no admin access, so every /admin/ URL answers ``M`` for them
           (checked for every cell);
- ``400``, ``401``, ``403``, ``404``, ``405``: that status (401: a JSON endpoint's
  "sign in again", where a redirect would not help the script that asked).

Every object is named with a marker: ``ZQJANGKAR`` / ``ZQKLAMPOK`` for a desa's
things (the operators' names too), ``ZQBELTIM`` / ``ZQBANJAR`` for a kabupaten's.
Each request runs in a savepoint that is rolled back, so a POST in one cell changes
nothing the next cell sees.

A URL the project adds without a line here fails `TestMatrixCoversEveryUrl`; so does
a Wagtail URL that is neither in the table nor in `NOT_WALKED` with a reason.

A URL walked on more than one kind of object has one key per kind: the URL name, a
space and the object in brackets (``wagtailadmin_pages:edit [quiz]``). The
course rows walk the shared course (line 1 only: one course for both kabupaten)
and each kabupaten's own course (``own``).
"""

import datetime as dt
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.homes import home_url_for
from accounts.services import issue_sign_in_cards, request_name_change
from certificates.keys import create_issuer_key
from certificates.models import CertificateTemplate
from certificates.services import issue_certificate
from courses.factories import build_course
from courses.models import ExtraAttempt, LessonPage, ModulePage, QuizPage, Renewal
from courses.services import ensure_course_editors_group, start_attempt
from desk.models import HelpMessage
from desk.services import open_help_request
from notifications.models import Notice
from portal.factories import NewsPageFactory
from portal.models import DesaAccess, DesaPage
from regions.models import Region
from workshops.models import LetterSettings, TargetGroup
from workshops.services import workshops as workshop_services

ROLES = (
    "anonymous",
    "operator",
    "other_operator",
    "klampok_operator",
    "gantung_admin",
    "manggar_admin",
    "beltim_admin",
    "banjarnegara_admin",
    "trainer",
    "superuser",
)
OUTCOMES = {
    "ok",
    "ok!",
    "R",
    "E",
    "H",
    "L",
    "A",
    "M",
    "400",
    "401",
    "403",
    "404",
    "405",
}
OPERATORS = {"operator", "other_operator", "klampok_operator"}
MARKERS = {"ZQJANGKAR", "ZQKLAMPOK", "ZQBELTIM", "ZQBANJAR"}
# The markers a role must not see: things of regions outside its scope.
OUTSIDE = {
    "anonymous": MARKERS,
    "operator": {"ZQKLAMPOK", "ZQBANJAR"},
    "other_operator": {"ZQJANGKAR", "ZQKLAMPOK", "ZQBANJAR"},
    "klampok_operator": {"ZQJANGKAR", "ZQBELTIM"},
    "gantung_admin": {"ZQKLAMPOK", "ZQBANJAR"},
    "manggar_admin": {"ZQJANGKAR", "ZQKLAMPOK", "ZQBANJAR"},
    "beltim_admin": {"ZQKLAMPOK", "ZQBANJAR"},
    "banjarnegara_admin": {"ZQJANGKAR", "ZQBELTIM"},
    "trainer": {"ZQKLAMPOK", "ZQBANJAR"},
    "superuser": set(),
}
# The namespaces of the project's own URLs: each of their names needs a line.
PROJECT_NAMESPACES = {
    "accounts",
    "courses",
    "certificates",
    "workshops",
    "desk",
    "operators",
    "certificates_admin",
    "extra_attempts_admin",
    "letter_settings",
    "readiness",
    "issuers",
    "meja",
    "notifications",
}


@dataclass(frozen=True)
class Req:
    """How a URL of the matrix is built from one region's objects, and sent.

    Arguments starting with ``@`` are attributes of the region's objects
    (``@news.pk``); `query` may name them too (``?id={news.pk}``). `url` replaces
    reversing the name, for URLs that only a model knows (a page's address).
    """

    args: tuple = ()
    query: str = ""
    method: str = "get"
    data: dict | None = None
    url: object = None
    # Where an allowed redirect may lead; by default the URL's first segment.
    area: str | None = None
    # Signing out ends the session: such a row gets a client of its own.
    own_client: bool = False

    def build(self, name, side):
        if self.url is not None:
            return self.url(side)
        args = [self._value(a, side) for a in self.args]
        return reverse(url_name(name), args=args) + self.query.format_map(vars(side))

    @staticmethod
    def _value(arg, side):
        if not (isinstance(arg, str) and arg.startswith("@")):
            return arg
        value = side
        for part in arg[1:].split("."):
            value = getattr(value, part)
        return value


def url_name(key):
    """The URL name of a matrix key (``name [object]`` or just ``name``)."""
    return key.split(" [", 1)[0]


def get(*args, **kwargs):
    return Req(args=args, **kwargs)


def post(*args, **kwargs):
    return Req(args=args, method="post", **kwargs)


SNIPPET = "wagtailsnippets_certificates_certificatetemplate"
HOME = "the role's home"  # an `area`: the redirect must go to the user's own home
SNIPPET_CHOOSER = "wagtailsnippetchoosers_certificates_certificatetemplate"

REQUESTS = {
    # Accounts
    "accounts:login": get(area=HOME),
    "accounts:logout": post(area="/", own_client=True),
    "accounts:password_change": get(),
    "accounts:name_change": get(),
    "accounts:sign_in_card": get("@card.token"),
    "accounts:email_change": get(),
    # Courses (courses are shared by every region; attempts are an operator's own)
    "courses:my_courses": get(),
    "courses:progress_table": get(),
    "courses:continue": get("@course.pk", area="/belajar/"),
    "courses:offline": get("@course.pk"),
    "courses:complete_lesson": post("@lesson.pk", area="/belajar/"),
    "courses:start_quiz": post("@quiz.pk"),
    "courses:grant_extra_attempt": get("@quiz.pk", "@operator.pk"),
    "courses:start_renewal": post("@course.pk"),
    "courses:renewal": get("@renewal.pk"),
    "courses:question": get("@attempt.pk", 1),
    "courses:review": get("@attempt.pk"),
    "courses:result": get("@attempt.pk"),
    # Certificates
    "certificates:lookup": get(),
    "certificates:verify": get("@certificate.token"),
    "certificates:verify_json": get("@certificate.token"),
    "certificates:credential": get("@certificate.token"),
    "issuers:did": get("@kabupaten.code"),
    "issuers:status_list": get("@kabupaten.code"),
    "certificates:download": get("@certificate.pk"),
    # Workshops
    "workshops:index": get(),
    "workshops:create": get(),
    "workshops:my_invitations": get(),
    "workshops:detail": get("@workshop.pk"),
    "workshops:add_session": get("@workshop.pk"),
    "workshops:invite": get("@workshop.pk"),
    "workshops:participants": get("@workshop.pk"),
    "workshops:invitation_letter": get("@workshop.pk", "@desa.code"),
    "workshops:board": get("@workshop.pk"),
    "workshops:summary": get("@workshop.pk"),
    "workshops:sign_in_cards": get("@workshop.pk"),
    "workshops:issue_certificates": post("@workshop.pk"),
    "workshops:certificates_zip": get("@workshop.pk"),
    "workshops:attendance": get("@session.pk"),
    "workshops:projector": get("@session.pk"),
    "workshops:check_in": get("@session.pk", "0000000000"),
    "workshops:walk_in": get("@session.pk"),
    "workshops:attendance_document": get("@session.pk", "csv"),
    # Consultation desk
    "desk:index": get(),
    "desk:open": get(),
    "desk:queue": get(),
    "desk:thread": get("@thread.pk"),
    "desk:close": post("@thread.pk"),
    "desk:screenshot": get("@message.pk"),
    # Notifications (the operator's "certificate issued" notice)
    "notifications:index": get(),
    "notifications:open": get("@notice.pk", area="/kursus/"),
    "notifications:mark_all_read": post(),
    "notifications:preferences": get(),
    "notifications:whatsapp": get(),
    # Meja Tulis (a news page in moderation; a draft never published)
    "meja:index": get(),
    "meja:create": get("berita"),
    "meja:edit": get("@news.pk"),
    "meja:preview": get("@news.pk"),
    "meja:withdraw": post("@news.pk"),
    "meja:unpublish": get("@news.pk"),
    "meja:delete": get("@draft.pk"),
    # Admin: operators
    "operators:index": get(),
    "operators:index_results": get(query="?q=a&status=all"),
    "operators:add": get(),
    "operators:import": get(),
    "operators:edit": get("@operator.pk"),
    "operators:reset_password": get("@operator.pk"),
    "operators:deactivate": get("@operator.pk"),
    "operators:reactivate": post("@operator.pk"),
    "operators:name_requests": get(),
    "operators:name_request": get("@name_request.pk"),
    # Admin: certificates
    "certificates_admin:index": get(),
    "certificates_admin:index_results": get(query="?q=a"),
    "certificates_admin:issue": get(),
    "certificates_admin:zip": get(),
    "certificates_admin:history": get("@certificate.pk"),
    "certificates_admin:history_results": get("@certificate.pk"),
    "certificates_admin:revoke": get("@certificate.pk"),
    "certificates_admin:lift_revocation": get("@certificate.pk"),
    "certificates_admin:reissue": get("@certificate.pk"),
    "certificates_admin:preview_template": get("@template.pk"),
    # Admin: Reports → extra quiz attempts given in the region, with their history
    "extra_attempts_admin:index": get(),
    "extra_attempts_admin:index_results": get(query="?q=a"),
    "extra_attempts_admin:history": get("@extra_attempt.pk"),
    "extra_attempts_admin:history_results": get("@extra_attempt.pk"),
    # Wagtail admin: letter settings (kop, nomor surat, signatory) per kabupaten
    "letter_settings:index": get(),
    "letter_settings:index_results": get(),
    "letter_settings:add": get(),
    "letter_settings:edit": get("@letters.pk"),
    # Admin: readiness
    "readiness:home": get(),
    "readiness:import": get(),
    "readiness:region": get("@kecamatan.code"),
    "readiness:desa": get("@desa.code"),
    "readiness:invite": post("@kecamatan.code"),
    "readiness:settings": get("@kabupaten.code"),
    # Wagtail: the site, the dashboard and the page explorer
    "wagtail_serve": Req(url=lambda s: s.desa_page.url),
    "wagtailadmin_home": get(),
    "wagtailadmin_explore_root": get(),
    "wagtailadmin_explore": get("@desa_page.pk"),
    "wagtailadmin_explore_results": get("@desa_page.pk"),
    "wagtailadmin_pages:search": get(query="?q=Berita"),
    "wagtailadmin_pages:search_results": get(query="?q=Berita"),
    "wagtailadmin_pages:type_use": get("portal", "newspage"),
    "wagtailadmin_pages:type_use_results": get("portal", "newspage"),
    "wagtailadmin_pages:choose_parent": get("portal", "newspage"),
    # Wagtail: page actions, on a news page in moderation (or its desa page)
    "wagtailadmin_pages:add": get("portal", "newspage", "@desa_page.pk"),
    "wagtailadmin_pages:preview_on_add": get("portal", "newspage", "@desa_page.pk"),
    "wagtailadmin_pages:add_subpage": get("@desa_page.pk"),
    "wagtailadmin_pages:edit": get("@news.pk"),
    "wagtailadmin_pages:preview_on_edit": get("@news.pk"),
    "wagtailadmin_pages:view_draft": get("@news.pk"),
    "wagtailadmin_pages:delete": get("@news.pk"),
    "wagtailadmin_pages:unpublish": get("@desa_page.pk"),
    "wagtailadmin_pages:move": get("@news.pk"),
    "wagtailadmin_pages:move_confirm": get("@news.pk", "@neighbour_page.pk"),
    "wagtailadmin_pages:set_page_position": post("@news.pk", query="?position=0"),
    "wagtailadmin_pages:copy": get("@news.pk"),
    "wagtailadmin_pages:usage": get("@news.pk"),
    "wagtailadmin_pages:set_privacy": get("@news.pk"),
    "wagtailadmin_pages:lock": post("@desa_page.pk"),
    "wagtailadmin_pages:unlock": post("@desa_page.pk"),
    "wagtailadmin_pages:convert_alias": get("@news.pk"),
    "wagtailadmin_pages:revisions_index": get("@news.pk"),
    "wagtailadmin_pages:revisions_view": get("@news.pk", "@revision.pk"),
    "wagtailadmin_pages:revisions_revert": get("@news.pk", "@revision.pk"),
    "wagtailadmin_pages:revisions_unschedule": get("@news.pk", "@revision.pk"),
    "wagtailadmin_pages:revisions_compare": get("@news.pk", "earliest", "latest"),
    "wagtailadmin_pages:history": get("@news.pk"),
    "wagtailadmin_pages:history_results": get("@news.pk"),
    "wagtailadmin_pages:workflow_history": get("@news.pk"),
    "wagtailadmin_pages:workflow_history_detail": get("@news.pk", "@workflow_state.pk"),
    "wagtailadmin_pages:workflow_action": post("@news.pk", "approve", "@task_state.pk"),
    "wagtailadmin_pages:collect_workflow_action_data": get(
        "@news.pk", "reject", "@task_state.pk"
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": get("@news.pk"),
    "wagtailadmin_pages:workflow_preview": get("@news.pk", "@task.pk"),
    "wagtail_bulk_action": get("wagtailcore", "page", "delete", query="?id={news.pk}"),
    "wagtailadmin_editing_sessions:ping": post("wagtailcore", "page", "@news.pk", 0),
    # Wagtail: course pages, shared (by every kabupaten) and a kabupaten's own
    "wagtail_serve [course]": Req(url=lambda s: s.course.url),
    "wagtail_serve [lesson]": Req(url=lambda s: s.lesson.url),
    "wagtail_serve [quiz]": Req(url=lambda s: s.quiz.url),
    "wagtail_serve [own course]": Req(url=lambda s: s.own_course.url),
    "wagtailadmin_pages:edit [course]": get("@course.pk"),
    "wagtailadmin_pages:edit [module]": get("@module.pk"),
    "wagtailadmin_pages:edit [lesson]": get("@lesson.pk"),
    "wagtailadmin_pages:edit [quiz]": get("@quiz.pk"),
    "wagtailadmin_pages:delete [lesson]": get("@lesson.pk"),
    "wagtailadmin_pages:delete [quiz]": get("@quiz.pk"),
    "wagtailadmin_pages:unpublish [course]": get("@course.pk"),
    "wagtailadmin_pages:edit [own course]": get("@own_course.pk"),
    "wagtailadmin_pages:edit [own quiz]": get("@own_quiz.pk"),
    "wagtailadmin_pages:delete [own lesson]": get("@own_lesson.pk"),
    "wagtailadmin_pages:unpublish [own course]": get("@own_course.pk"),
    # Wagtail: the page chooser
    "wagtailadmin_choose_page": get(),
    "wagtailadmin_choose_page_child": get("@desa_page.pk"),
    "wagtailadmin_choose_page_search": get(query="?q=Berita"),
    "wagtailadmin_choose_page_chosen_multiple": get(query="?id={news.pk}"),
    # Wagtail: the admin API
    "wagtailadmin_api:pages:listing": get(query="?search=Berita"),
    "wagtailadmin_api:pages:detail": get("@news.pk"),
    "wagtailadmin_api:pages:find": get(query="?id={news.pk}"),
    "wagtailadmin_api:pages:action": post("@news.pk", "publish"),
    "wagtailadmin_api:images:listing": get(),
    "wagtailadmin_api:images:detail": get("@image.pk"),
    "wagtailadmin_api:images:find": get(query="?id={image.pk}"),
    "wagtailadmin_api:documents:listing": get(),
    "wagtailadmin_api:documents:detail": get("@document.pk"),
    "wagtailadmin_api:documents:find": get(query="?id={document.pk}"),
    # Wagtail: images
    "wagtailimages:index": get(),
    "wagtailimages:index_results": get(),
    "wagtailimages:add": get(),
    "wagtailimages:add_multiple": get(),
    "wagtailimages:edit": get("@image.pk"),
    "wagtailimages:delete": get("@image.pk"),
    "wagtailimages:url_generator": get("@image.pk"),
    "wagtailimages:url_generator_output": get("@image.pk"),
    "wagtailimages:preview": get("@image.pk", "original"),
    "wagtailimages:image_usage": get("@image.pk"),
    "wagtailimages:edit_multiple": post("@image.pk", data={"title": "Diubah"}),
    "wagtailimages:delete_multiple": post("@image.pk"),
    "wagtailimages_chooser:choose": get(),
    "wagtailimages_chooser:choose_results": get(),
    "wagtailimages_chooser:chosen": get("@image.pk"),
    "wagtailimages_chooser:chosen_multiple": get(query="?id={image.pk}"),
    "wagtailimages_chooser:select_format": get("@image.pk"),
    "wagtailimages_chooser:create": get(),
    # Wagtail: documents
    "wagtaildocs:index": get(),
    "wagtaildocs:index_results": get(),
    "wagtaildocs:add": get(),
    "wagtaildocs:add_multiple": get(),
    "wagtaildocs:edit": get("@document.pk"),
    "wagtaildocs:delete": get("@document.pk"),
    "wagtaildocs:document_usage": get("@document.pk"),
    "wagtaildocs:edit_multiple": post("@document.pk", data={"title": "Diubah"}),
    "wagtaildocs:delete_multiple": post("@document.pk"),
    "wagtaildocs_serve": Req(url=lambda s: s.document.url),
    "wagtaildocs_chooser:choose": get(),
    "wagtaildocs_chooser:choose_results": get(),
    "wagtaildocs_chooser:chosen": get("@document.pk"),
    "wagtaildocs_chooser:chosen_multiple": get(query="?id={document.pk}"),
    "wagtaildocs_chooser:create": get(),
    # Wagtail: snippets (certificate templates)
    "wagtailsnippets:index": get(),
    f"{SNIPPET}:list": get(),
    f"{SNIPPET}:list_results": get(),
    f"{SNIPPET}:add": get(),
    f"{SNIPPET}:edit": get("@template.pk"),
    f"{SNIPPET}:delete": get("@template.pk"),
    f"{SNIPPET}:usage": get("@template.pk"),
    f"{SNIPPET}:history": get("@template.pk"),
    f"{SNIPPET}:history_results": get("@template.pk"),
    f"{SNIPPET}:copy": get("@template.pk"),
    f"{SNIPPET_CHOOSER}:choose": get(),
    f"{SNIPPET_CHOOSER}:choose_results": get(),
    f"{SNIPPET_CHOOSER}:create": get(),
    f"{SNIPPET_CHOOSER}:chosen": get("@template.pk"),
    f"{SNIPPET_CHOOSER}:chosen_multiple": get(query="?id={template.pk}"),
    # Wagtail: reports
    "wagtailadmin_reports:locked_pages": get(),
    "wagtailadmin_reports:locked_pages_results": get(),
    "wagtailadmin_reports:workflow": get(),
    "wagtailadmin_reports:workflow_results": get(),
    "wagtailadmin_reports:workflow_tasks": get(),
    "wagtailadmin_reports:workflow_tasks_results": get(),
    "wagtailadmin_reports:site_history": get(),
    "wagtailadmin_reports:site_history_results": get(),
    "wagtailadmin_reports:aging_pages": get(),
    "wagtailadmin_reports:aging_pages_results": get(),
    "wagtailadmin_reports:page_types_usage": get(),
    "wagtailadmin_reports:page_types_usage_results": get(),
    # Wagtail: users, groups, collections, workflows, sites, redirects, forms
    "wagtailusers_users:index": get(),
    "wagtailusers_users:index_results": get(),
    "wagtailusers_users:add": get(),
    "wagtailusers_users:edit": get("@operator.pk"),
    "wagtailusers_users:delete": get("@operator.pk"),
    "wagtailusers_users:copy": get("@operator.pk"),
    "wagtailusers_users:history": get("@operator.pk"),
    "wagtailusers_users:history_results": get("@operator.pk"),
    "wagtailusers_users:usage": get("@operator.pk"),
    "wagtailusers_groups:index": get(),
    "wagtailusers_groups:index_results": get(),
    "wagtailusers_groups:add": get(),
    "wagtailusers_groups:edit": get("@authors.pk"),
    "wagtailusers_groups:delete": get("@authors.pk"),
    "wagtailusers_groups:history": get("@authors.pk"),
    "wagtailusers_groups:history_results": get("@authors.pk"),
    "wagtailusers_groups:usage": get("@authors.pk"),
    "wagtailadmin_collections:index": get(),
    "wagtailadmin_collections:add": get(),
    "wagtailadmin_collections:edit": get("@collection.pk"),
    "wagtailadmin_collections:delete": get("@collection.pk"),
    "wagtailadmin_collections:set_privacy": get("@collection.pk"),
    "wagtailadmin_workflows:index": get(),
    "wagtailadmin_workflows:index_results": get(),
    "wagtailadmin_workflows:add": get(),
    "wagtailadmin_workflows:edit": get("@workflow.pk"),
    "wagtailadmin_workflows:usage": get("@workflow.pk"),
    "wagtailadmin_workflows:usage_results": get("@workflow.pk"),
    "wagtailadmin_workflows:disable": get("@workflow.pk"),
    "wagtailadmin_workflows:enable": post("@workflow.pk"),
    "wagtailadmin_workflows:remove": post("@kecamatan_page.pk"),
    "wagtailadmin_workflows:task_index": get(),
    "wagtailadmin_workflows:task_index_results": get(),
    "wagtailadmin_workflows:select_task_type": get(),
    "wagtailadmin_workflows:add_task": get("wagtailcore", "groupapprovaltask"),
    "wagtailadmin_workflows:edit_task": get("@task.pk"),
    "wagtailadmin_workflows:disable_task": get("@task.pk"),
    "wagtailadmin_workflows:enable_task": post("@task.pk"),
    "wagtailadmin_workflows:task_chooser": get(),
    "wagtailadmin_workflows:task_chooser_results": get(),
    "wagtailadmin_workflows:task_chooser_create": get(),
    "wagtailadmin_workflows:task_chosen": get("@task.pk"),
    "wagtailsites:index": get(),
    "wagtailsites:index_results": get(),
    "wagtailsites:add": get(),
    "wagtailsites:edit": get("@site.pk"),
    "wagtailsites:delete": get("@site.pk"),
    "wagtailsites:copy": get("@site.pk"),
    "wagtailsites:history": get("@site.pk"),
    "wagtailsites:history_results": get("@site.pk"),
    "wagtailsites:usage": get("@site.pk"),
    "wagtailredirects:index": get(),
    "wagtailredirects:index_results": get(),
    "wagtailredirects:add": get(),
    "wagtailredirects:start_import": get(),
    "wagtailforms:index": get(),
    "wagtailforms:index_results": get(),
}

# fmt: off
MATRIX = {
    # Accounts
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "accounts:login": (
        "ok   H    H    H    H    H    H    H    H    H",
    ),
    "accounts:logout": (
        "R    R    R    R    R    R    R    R    R    R",
    ),
    "accounts:password_change": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "accounts:name_change": (
        "L    ok   ok   ok   403  403  403  403  403  403",
    ),
    "accounts:sign_in_card": (
        "ok!  ok   ok!  ok!  ok   ok!  ok   ok!  ok   ok",
        "ok!  ok!  ok!  ok   ok!  ok!  ok!  ok   ok!  ok",
    ),
    "accounts:email_change": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    # Courses (courses are shared by every region; attempts are an operator's own)
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "courses:my_courses": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "courses:progress_table": (
        "L    403  403  403  ok   ok   ok   ok   ok   ok",
    ),
    "courses:continue": (
        "L    R    R    R    R    R    R    R    R    R",
    ),
    "courses:offline": (
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "courses:complete_lesson": (
        "L    R    R    R    403  403  403  403  403  403",
    ),
    "courses:start_quiz": (
        "L    R    R    R    403  403  403  403  403  403",
    ),
    "courses:grant_extra_attempt": (
        "L    403  403  403  ok   404  ok   404  ok   ok",
        "L    403  403  403  404  404  404  ok   404  ok",
    ),
    # The matrix course offers no renewal: an operator is sent back with a message.
    "courses:start_renewal": (
        "L    R    R    R    403  403  403  403  403  403",
    ),
    "courses:renewal": (
        "L    ok   404  404  404  404  404  404  404  404",
        "L    404  404  ok   404  404  404  404  404  404",
    ),
    "courses:question": (
        "L    ok   404  404  404  404  404  404  404  404",
        "L    404  404  ok   404  404  404  404  404  404",
    ),
    "courses:review": (
        "L    ok   404  404  404  404  404  404  404  404",
        "L    404  404  ok   404  404  404  404  404  404",
    ),
    "courses:result": (
        "L    R    404  404  404  404  404  404  404  404",
        "L    404  404  R    404  404  404  404  404  404",
    ),
    # Certificates
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "certificates:lookup": (
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "certificates:verify": (
        "ok!  ok   ok!  ok!  ok   ok!  ok   ok!  ok   ok",
        "ok!  ok!  ok!  ok   ok!  ok!  ok!  ok   ok!  ok",
    ),
    "certificates:verify_json": (
        "ok!  ok   ok!  ok!  ok   ok!  ok   ok!  ok   ok",
        "ok!  ok!  ok!  ok   ok!  ok!  ok!  ok   ok!  ok",
    ),
    "certificates:credential": (
        "ok!  ok   ok!  ok!  ok   ok!  ok   ok!  ok   ok",
        "ok!  ok!  ok!  ok   ok!  ok!  ok!  ok   ok!  ok",
    ),
    # Public keys and the revocation list of each kabupaten: nothing about a person.
    "issuers:did": (
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "issuers:status_list": (
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "certificates:download": (
        "L    ok   404  404  ok   404  ok   404  ok   ok",
        "L    404  404  ok   404  404  404  ok   404  ok",
    ),
    # Workshops
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "workshops:index": (
        "L    403  403  403  ok   ok   ok   ok   ok   ok",
    ),
    "workshops:create": (
        "L    403  403  403  403  403  ok   ok   ok   403",
    ),
    "workshops:my_invitations": (
        "L    ok   ok   ok   R    R    R    R    R    R",
    ),
    "workshops:detail": (
        "L    404  404  404  ok   ok   ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:add_session": (
        "L    404  404  404  403  403  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:invite": (
        "L    404  404  404  403  403  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:participants": (
        "L    404  404  404  ok   ok!  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:invitation_letter": (
        "L    404  404  404  ok   ok   ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:board": (
        "L    404  404  404  ok   ok!  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:summary": (
        "L    404  404  404  ok   ok   ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:sign_in_cards": (
        "L    404  404  404  403  403  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:issue_certificates": (
        "L    404  404  404  403  403  R    404  R    R",
        "L    404  404  404  404  404  404  R    404  R",
    ),
    "workshops:certificates_zip": (
        "L    404  404  404  403  403  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:attendance": (
        "L    404  404  404  ok   ok!  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:projector": (
        "L    404  404  404  403  403  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:check_in": (
        "L    ok   ok   ok!  ok   ok   ok   ok!  ok   ok",
        "L    ok!  ok!  ok   ok!  ok!  ok!  ok   ok!  ok",
    ),
    "workshops:walk_in": (
        "L    404  404  404  403  403  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    "workshops:attendance_document": (
        "L    404  404  404  ok   ok!  ok   404  ok   ok",
        "L    404  404  404  404  404  404  ok   404  ok",
    ),
    # Consultation desk
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "desk:index": (
        "L    ok   ok   ok   R    R    R    R    R    R",
    ),
    "desk:open": (
        "L    ok   ok   ok   403  403  403  403  403  403",
    ),
    "desk:queue": (
        "L    403  403  403  ok   ok   ok   ok   ok   ok",
    ),
    "desk:thread": (
        "L    ok   404  404  ok   404  ok   404  ok   ok",
        "L    404  404  ok   404  404  404  ok   404  ok",
    ),
    "desk:close": (
        "L    403  404  404  R    404  R    404  R    R",
        "L    404  404  403  404  404  404  R    404  R",
    ),
    "desk:screenshot": (
        "L    ok   404  404  ok   404  ok   404  ok   ok",
        "L    404  404  ok   404  404  404  ok   404  ok",
    ),
    # Notifications: everyone reads their own; staff relay their region's by WhatsApp
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "notifications:index": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "notifications:open": (
        "L    R    404  404  404  404  404  404  404  404",
        "L    404  404  R    404  404  404  404  404  404",
    ),
    "notifications:mark_all_read": (
        "L    R    R    R    R    R    R    R    R    R",
    ),
    "notifications:preferences": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "notifications:whatsapp": (
        "L    403  403  403  ok   ok   ok   ok   ok   ok",
    ),
    # Meja Tulis: operators write their own desa's pages; staff go to the admin
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "meja:index": (
        "L    ok   ok   ok   A    A    A    A    A    A",
    ),
    "meja:create": (
        "L    ok   ok   ok   A    A    A    A    A    A",
    ),
    "meja:edit": (
        "L    ok   404  404  A    A    A    A    A    A",
        "L    404  404  ok   A    A    A    A    A    A",
    ),
    "meja:preview": (
        "L    ok   404  404  A    A    A    A    A    A",
        "L    404  404  ok   A    A    A    A    A    A",
    ),
    "meja:withdraw": (
        "L    R    404  404  A    A    A    A    A    A",
        "L    404  404  R    A    A    A    A    A    A",
    ),
    "meja:unpublish": (
        "L    ok   404  404  A    A    A    A    A    A",
        "L    404  404  ok   A    A    A    A    A    A",
    ),
    "meja:delete": (
        "L    ok   404  404  A    A    A    A    A    A",
        "L    404  404  ok   A    A    A    A    A    A",
    ),
    # Admin: operators
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "operators:index": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "operators:index_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "operators:add": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "operators:import": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "operators:edit": (
        "L    M    M    M    ok   404  ok   404  A    ok",
        "L    M    M    M    404  404  404  ok   A    ok",
    ),
    "operators:reset_password": (
        "L    M    M    M    ok   404  ok   404  A    ok",
        "L    M    M    M    404  404  404  ok   A    ok",
    ),
    "operators:deactivate": (
        "L    M    M    M    ok   404  ok   404  A    ok",
        "L    M    M    M    404  404  404  ok   A    ok",
    ),
    "operators:reactivate": (
        "L    M    M    M    R    404  R    404  A    R",
        "L    M    M    M    404  404  404  R    A    R",
    ),
    "operators:name_requests": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "operators:name_request": (
        "L    M    M    M    ok   404  ok   404  A    ok",
        "L    M    M    M    404  404  404  ok   A    ok",
    ),
    # Admin: Reports → extra quiz attempts
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "extra_attempts_admin:index": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "extra_attempts_admin:index_results": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "extra_attempts_admin:history": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "extra_attempts_admin:history_results": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    # Admin: certificates
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "certificates_admin:index": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "certificates_admin:index_results": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "certificates_admin:issue": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "certificates_admin:zip": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "certificates_admin:history": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "certificates_admin:history_results": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "certificates_admin:revoke": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "certificates_admin:lift_revocation": (
        "L    M    M    M    ok   404  ok   404  A    ok",
        "L    M    M    M    404  404  404  ok   A    ok",
    ),
    "certificates_admin:reissue": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "certificates_admin:preview_template": (
        "L    M    M    M    404  404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    # Wagtail admin: letter settings
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "letter_settings:index": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    "letter_settings:index_results": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    "letter_settings:add": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    "letter_settings:edit": (
        "L    M    M    M    A    A    ok   404  A    ok",
        "L    M    M    M    A    A    404  ok   A    ok",
    ),
    # Admin: readiness
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "readiness:home": (
        "L    M    M    M    R    R    R    R    R    R",
    ),
    "readiness:import": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "readiness:region": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "readiness:desa": (
        "L    M    M    M    ok   404  ok   404  ok   ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "readiness:invite": (
        "L    M    M    M    R    404  R    404  R    R",
        "L    M    M    M    404  404  404  R    404  R",
    ),
    "readiness:settings": (
        "L    M    M    M    404  404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    # Wagtail: the site, the dashboard and the page explorer
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtail_serve": (
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_home": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_explore_root": (
        "L    M    M    M    E    E    E    E    A    ok",
    ),
    "wagtailadmin_explore": (
        "L    M    M    M    ok   E    ok   E    A    ok",
        "L    M    M    M    E    E    E    ok   A    ok",
    ),
    "wagtailadmin_explore_results": (
        "L    M    M    M    ok   E    ok   E    A    ok",
        "L    M    M    M    E    E    E    ok   A    ok",
    ),
    "wagtailadmin_pages:search": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_pages:search_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_pages:type_use": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_pages:type_use_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_pages:choose_parent": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    # Wagtail: page actions, on a news page in moderation (or its desa page)
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailadmin_pages:add": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:preview_on_add": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:add_subpage": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:edit": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:preview_on_edit": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:view_draft": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:delete": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:unpublish": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:move": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:move_confirm": (
        "L    M    M    M    A    A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:set_page_position": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:copy": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:usage": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:set_privacy": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:lock": (
        "L    M    M    M    A    A    A    A    A    R",
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_pages:unlock": (
        "L    M    M    M    A    A    A    A    A    R",
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_pages:convert_alias": (
        "L    M    M    M    404  404  404  404  404  404",
        "L    M    M    M    404  404  404  404  404  404",
    ),
    "wagtailadmin_pages:revisions_index": (
        "L    M    M    M    R    R    R    R    R    R",
        "L    M    M    M    R    R    R    R    R    R",
    ),
    "wagtailadmin_pages:revisions_view": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:revisions_revert": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:revisions_unschedule": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:revisions_compare": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:history": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:history_results": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:workflow_history": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:workflow_history_detail": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:workflow_action": (
        "L    M    M    M    R    A    R    A    A    R",
        "L    M    M    M    A    A    A    R    A    R",
    ),
    "wagtailadmin_pages:collect_workflow_action_data": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:workflow_preview": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtail_bulk_action": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_editing_sessions:ping": (
        "L    M    M    M    ok   404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    # Wagtail: course pages, shared by every kabupaten (one course, line 1) and each
    # kabupaten's own. Only the owner writes a course: the shared one the national
    # course team (not a column here; see courses/tests/test_ownership.py).
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtail_serve [course]": (
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "wagtail_serve [lesson]": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "wagtail_serve [quiz]": (
        "L    ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_pages:edit [course]": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_pages:edit [module]": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_pages:edit [lesson]": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_pages:edit [quiz]": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_pages:delete [lesson]": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_pages:delete [quiz]": (
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_pages:unpublish [course]": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtail_serve [own course]": (
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_pages:edit [own course]": (
        "L    M    M    M    A    A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:edit [own quiz]": (
        "L    M    M    M    A    A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:delete [own lesson]": (
        "L    M    M    M    A    A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailadmin_pages:unpublish [own course]": (
        "L    M    M    M    A    A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    # Wagtail: the page chooser
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailadmin_choose_page": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_choose_page_child": (
        "L    M    M    M    ok   404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "wagtailadmin_choose_page_search": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_choose_page_chosen_multiple": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    # Wagtail: the admin API
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailadmin_api:pages:listing": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_api:pages:detail": (
        "L    M    M    M    ok   404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "wagtailadmin_api:pages:find": (
        "L    M    M    M    R    404  R    404  404  R",
        "L    M    M    M    404  404  404  R    404  R",
    ),
    "wagtailadmin_api:pages:action": (
        "L    M    M    M    ok   404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "wagtailadmin_api:images:listing": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_api:images:detail": (
        "L    M    M    M    ok   404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "wagtailadmin_api:images:find": (
        "L    M    M    M    R    404  R    404  404  R",
        "L    M    M    M    404  404  404  R    404  R",
    ),
    "wagtailadmin_api:documents:listing": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_api:documents:detail": (
        "L    M    M    M    ok   404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    "wagtailadmin_api:documents:find": (
        "L    M    M    M    R    404  R    404  404  R",
        "L    M    M    M    404  404  404  R    404  R",
    ),
    # Wagtail: images
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailimages:index": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailimages:index_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailimages:add": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailimages:add_multiple": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailimages:edit": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages:delete": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages:url_generator": (
        "L    M    M    M    404  404  404  404  A    404",
        "L    M    M    M    404  404  404  404  A    404",
    ),
    "wagtailimages:url_generator_output": (
        "L    M    M    M    404  404  404  404  A    404",
        "L    M    M    M    404  404  404  404  A    404",
    ),
    "wagtailimages:preview": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages:image_usage": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages:edit_multiple": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages:delete_multiple": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages_chooser:choose": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailimages_chooser:choose_results": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailimages_chooser:chosen": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages_chooser:chosen_multiple": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailimages_chooser:select_format": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtailimages_chooser:create": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    # Wagtail: documents
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtaildocs:index": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtaildocs:index_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtaildocs:add": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtaildocs:add_multiple": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtaildocs:edit": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtaildocs:delete": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtaildocs:document_usage": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtaildocs:edit_multiple": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtaildocs:delete_multiple": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtaildocs_serve": (
        "ok!  ok   ok!  ok!  ok   ok!  ok   ok!  ok   ok",
        "ok!  ok!  ok!  ok   ok!  ok!  ok!  ok   ok!  ok",
    ),
    "wagtaildocs_chooser:choose": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtaildocs_chooser:choose_results": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtaildocs_chooser:chosen": (
        "L    M    M    M    ok   A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    "wagtaildocs_chooser:chosen_multiple": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtaildocs_chooser:create": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    # Wagtail: snippets (certificate templates)
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailsnippets:index": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    f"{SNIPPET}:list": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    f"{SNIPPET}:list_results": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    f"{SNIPPET}:add": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    f"{SNIPPET}:edit": (
        "L    M    M    M    404  404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    f"{SNIPPET}:delete": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    f"{SNIPPET}:usage": (
        "L    M    M    M    404  404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    f"{SNIPPET}:history": (
        "L    M    M    M    404  404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    f"{SNIPPET}:history_results": (
        "L    M    M    M    404  404  ok   404  404  ok",
        "L    M    M    M    404  404  404  ok   404  ok",
    ),
    f"{SNIPPET}:copy": (
        "L    M    M    M    A    A    ok   A    A    ok",
        "L    M    M    M    A    A    A    ok   A    ok",
    ),
    f"{SNIPPET_CHOOSER}:choose": (
        "L    M    M    M    ok!  ok!  ok!  ok!  ok!  ok",
    ),
    f"{SNIPPET_CHOOSER}:choose_results": (
        "L    M    M    M    ok!  ok!  ok!  ok!  ok!  ok",
    ),
    f"{SNIPPET_CHOOSER}:create": (
        "L    M    M    M    A    A    ok   ok   A    ok",
    ),
    f"{SNIPPET_CHOOSER}:chosen": (
        "L    M    M    M    ok   ok   ok   ok!  ok   ok",
        "L    M    M    M    ok!  ok!  ok!  ok   ok!  ok",
    ),
    f"{SNIPPET_CHOOSER}:chosen_multiple": (
        "L    M    M    M    ok   ok   ok   ok!  ok   ok",
        "L    M    M    M    ok!  ok!  ok!  ok   ok!  ok",
    ),
    # Wagtail: reports
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailadmin_reports:locked_pages": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_reports:locked_pages_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_reports:workflow": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:workflow_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:workflow_tasks": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:workflow_tasks_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:site_history": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_reports:site_history_results": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_reports:aging_pages": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:aging_pages_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:page_types_usage": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailadmin_reports:page_types_usage_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    # Wagtail: users, groups, collections, workflows, sites, redirects, forms
    #    anon op   opD  opK  kec  kecO kab  kabO trn  su
    "wagtailusers_users:index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:index_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:add": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:edit": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:delete": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:copy": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:history": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:history_results": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_users:usage": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:index_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:add": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:edit": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:delete": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:history": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:history_results": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailusers_groups:usage": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_collections:index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_collections:add": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_collections:edit": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_collections:delete": (
        "L    M    M    M    404  404  404  404  404  ok",
        "L    M    M    M    404  404  404  404  404  ok",
    ),
    "wagtailadmin_collections:set_privacy": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:index_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:add": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:edit": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:usage": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:usage_results": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:disable": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:enable": (
        "L    M    M    M    A    A    A    A    A    R",
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_workflows:remove": (
        "L    M    M    M    A    A    A    A    A    R",
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_workflows:task_index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:task_index_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:select_task_type": (
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_workflows:add_task": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:edit_task": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:disable_task": (
        "L    M    M    M    A    A    A    A    A    ok",
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailadmin_workflows:enable_task": (
        "L    M    M    M    A    A    A    A    A    R",
        "L    M    M    M    A    A    A    A    A    R",
    ),
    "wagtailadmin_workflows:task_chooser": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_workflows:task_chooser_results": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_workflows:task_chooser_create": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailadmin_workflows:task_chosen": (
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
        "L    M    M    M    ok   ok   ok   ok   ok   ok",
    ),
    "wagtailsites:index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:index_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:add": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:edit": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:delete": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:copy": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:history": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:history_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailsites:usage": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailredirects:index": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailredirects:index_results": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailredirects:add": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailredirects:start_import": (
        "L    M    M    M    A    A    A    A    A    ok",
    ),
    "wagtailforms:index": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
    "wagtailforms:index_results": (
        "L    M    M    M    ok   ok   ok   ok   A    ok",
    ),
}
# fmt: on

# Wagtail URL names the matrix does not walk, and why.
NOT_WALKED = {
    "set_language": "Sets the interface language cookie; reads nothing stored.",
    "service_worker": "A static script, the same for everyone (static/js/sw.js).",
    "web_app_manifest": "The app's name and icons, the same for everyone.",
    "wagtailadmin_account": "The signed-in user's own account settings.",
    "wagtailadmin_dismissibles": "Which admin notices the user dismissed; own data.",
    "wagtailadmin_block_preview": "Renders a block from the request; reads nothing.",
    "wagtailadmin_choose_page_anchor_link": "A link form; no stored object.",
    "wagtailadmin_choose_page_email_link": "A link form; no stored object.",
    "wagtailadmin_choose_page_external_link": "A link form; no stored object.",
    "wagtailadmin_choose_page_phone_link": "A link form; no stored object.",
    "wagtailembeds:chooser": "An oEmbed lookup form; no stored object.",
    "wagtailembeds:chooser_upload": "An oEmbed lookup form; no stored object.",
    "wagtailadmin_tag_autocomplete": "Tag names, one vocabulary shared by all.",
    "wagtailadmin_tag_model_autocomplete": "Tag names, one vocabulary shared by all.",
    "wagtailadmin_editing_sessions:release": (
        "Ends the user's own editing session; ping (walked) checks the page."
    ),
    "wagtailadmin_error_test": "Wagtail's deliberate error page for testing.",
    "wagtailadmin_javascript_catalog": "Static translations for the admin.",
    "wagtailadmin_sprite": "Static icons for the admin.",
    "wagtailadmin_login": "Sign-in; WAGTAILADMIN_LOGIN_URL is accounts:login.",
    "wagtailadmin_logout": "Sign-out of one's own session.",
    "wagtailadmin_password_reset": "Password reset by email; no object.",
    "wagtailadmin_password_reset_done": "Password reset by email; no object.",
    "wagtailadmin_password_reset_confirm": "Password reset by email; no object.",
    "wagtailadmin_password_reset_complete": "Password reset by email; no object.",
    "wagtailcore_login": "Sign-in for private pages; no page is private.",
    "wagtailcore_authenticate_with_password": "No page has a password.",
    "wagtaildocs_authenticate_with_password": "No collection has a password.",
    "wagtaildocs:create_multiple_from_uploaded_document": (
        "Acts on the uploader's own pending upload (UploadedFile.uploaded_by_user)."
    ),
    "wagtaildocs:delete_upload_multiple": "Acts on the uploader's own pending upload.",
    "wagtailimages:create_multiple_from_uploaded_image": (
        "Acts on the uploader's own pending upload (UploadedFile.uploaded_by_user)."
    ),
    "wagtailimages:delete_upload_multiple": "Acts on the uploader's own pending upload.",
    "wagtailforms:list_submissions": "The project has no form pages.",
    "wagtailforms:list_submissions_results": "The project has no form pages.",
    "wagtailforms:delete_submissions": "The project has no form pages.",
    "wagtailsettings:edit": "The project registers no settings models.",
    "wagtailsettings:preview_on_edit": "The project registers no settings models.",
    "wagtailredirects:edit": "Superuser only like its index (walked); no redirects.",
    "wagtailredirects:delete": "Superuser only like its index (walked); no redirects.",
    "wagtailredirects:process_import": "Superuser only like start_import (walked).",
}

# Cells marked ``ok!`` and why showing other regions' things there is accepted.
ACCEPTED = {
    "certificates:verify": "Public verification states the holder and the desa.",
    "certificates:verify_json": "Public verification states the holder and the desa.",
    "certificates:credential": "The signed form of the public verification.",
    "workshops:check_in": (
        "Where the projector's QR code leads: the session's title and times, so "
        "a walk-in can check in; the POST refuses other kabupaten."
    ),
    "accounts:sign_in_card": (
        "Where a sign-in card's QR code leads: whoever holds the card (its token is "
        "the secret) sees whose card it is; opening it uses nothing up."
    ),
    "workshops:participants": (
        "Kecamatan admins follow every workshop of their kabupaten (read only), "
        "with its participants from all kecamatan (WorkshopPolicy)."
    ),
    "workshops:board": "As workshops:participants.",
    "workshops:attendance": "As workshops:participants.",
    "workshops:attendance_document": "As workshops:participants.",
    f"{SNIPPET_CHOOSER}:choose": (
        "Wagtail's snippet chooser lists every certificate template by name; "
        "what a template says is printed on public certificates."
    ),
    f"{SNIPPET_CHOOSER}:choose_results": f"As {SNIPPET_CHOOSER}:choose.",
    f"{SNIPPET_CHOOSER}:chosen": f"As {SNIPPET_CHOOSER}:choose.",
    f"{SNIPPET_CHOOSER}:chosen_multiple": f"As {SNIPPET_CHOOSER}:choose.",
    "wagtaildocs_serve": (
        "Documents are public files: the README lets the web server serve /media/ "
        "directly. Only their addresses are kept from other regions (admin API)."
    ),
}


def outcomes(line):
    values = line.split()
    return dict(zip(ROLES, values, strict=True))


def url_names(resolver=None, namespace=None):
    """Every named URL pattern, with its namespace, found in the resolver tree."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else (pattern.namespace)
                )
            yield from url_names(pattern, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


class TestMatrixCoversEveryUrl:
    def test_every_project_url_has_a_line_in_the_matrix(self):
        """A URL added to the project's apps without deciding who may open it fails
        here, with the names to add."""
        missing = sorted(
            name
            for name in set(url_names())
            if name.split(":")[0] in PROJECT_NAMESPACES and name not in MATRIX
        )
        assert not missing, (
            "Add a line to MATRIX and REQUESTS in tests/test_permission_matrix.py "
            "for each of these URLs, saying what every role gets: " + ", ".join(missing)
        )

    def test_every_wagtail_url_is_walked_or_set_aside_with_a_reason(self):
        """A URL a Wagtail upgrade brings fails here until it is walked or set
        aside in NOT_WALKED with a reason."""
        missing = sorted(
            name
            for name in set(url_names())
            if name.split(":")[0] not in PROJECT_NAMESPACES
            and name not in MATRIX
            and name not in NOT_WALKED
        )
        assert not missing, (
            "Add a line to MATRIX and REQUESTS in tests/test_permission_matrix.py "
            "for each of these URLs, or set it aside in NOT_WALKED with a reason: "
            + ", ".join(missing)
        )

    def test_the_matrix_names_only_urls_that_exist(self):
        """A line for a URL that was removed or renamed is dead; it must go."""
        names = set(url_names())

        assert set(MATRIX) == set(REQUESTS)
        assert set(ACCEPTED) <= set(MATRIX)
        assert not ({url_name(key) for key in MATRIX} | set(NOT_WALKED)) - names
        assert not set(MATRIX) & set(NOT_WALKED)

    def test_every_line_has_an_outcome_for_every_role(self):
        """One or two lines per URL, ten known outcomes each; ``ok!`` only where
        ACCEPTED says why."""
        for name, lines in MATRIX.items():
            assert len(lines) in (1, 2), name
            for line in lines:
                values = line.split()
                assert len(values) == len(ROLES), name
                assert set(values) <= OUTCOMES, name
                if "ok!" in values:
                    assert name in ACCEPTED, f"{name} has ok! without a reason"


# ---------------------------------------------------------------------------------------
# The objects each URL points at, in both kabupaten.


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    for kabupaten_code in ("19.06", "33.04"):  # both sign their credentials
        create_issuer_key(kabupaten_code=kabupaten_code)


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


def build_workshop_in(kabupaten, *, planner, course, title):
    today = timezone.localdate()
    workshop = workshop_services.create_workshop(
        actor=planner,
        kabupaten=kabupaten,
        title=title,
        venue="Aula kecamatan",
        start_date=today,
        end_date=today,
        courses=[course],
    )
    workshop_services.add_session(
        actor=planner,
        workshop=workshop,
        title="Sesi 1",
        date=today,
        start_time=dt.time(0, 0),
        end_time=dt.time(23, 59),
        capacity=40,
        target_group=TargetGroup.NEW_OR_INACTIVE,
    )
    return workshop


class Side:
    """One region's objects, each named with the region's marker."""

    def __init__(self, *, desa_code, owner, planner, course, marker, kab_marker):
        self.desa = Region.objects.select_related("parent__parent").get(code=desa_code)
        self.kecamatan = self.desa.parent
        self.kabupaten = self.kecamatan.parent
        access = DesaAccess.objects.select_related("page", "collection").get(
            desa=self.desa
        )
        self.desa_page = access.page.specific
        self.kecamatan_page = self.desa_page.get_parent()
        self.authors = access.authors
        self.collection = access.collection
        self.site = Site.objects.get(is_default_site=True)
        self.course = course
        self.module = ModulePage.objects.child_of(course).first()
        self.lesson = LessonPage.objects.descendant_of(course).first()
        self.quiz = QuizPage.objects.descendant_of(course).first()
        # Named without a marker: every learner may read any course.
        self.own_course = build_course(
            title=f"Kursus Milik {self.kabupaten.name}",
            modules=1,
            lessons_per_module=1,
            owner_kabupaten=self.kabupaten,
        )
        self.own_lesson = LessonPage.objects.descendant_of(self.own_course).first()
        self.own_quiz = QuizPage.objects.descendant_of(self.own_course).first()
        self.operator = owner
        owner.last_name = f"{owner.last_name} {marker}"
        owner.save(update_fields=["last_name"])
        self._pages(owner, marker)
        self._media(marker, kab_marker)
        self._learning(owner, kab_marker)
        self.workshop = build_workshop_in(
            self.kabupaten,
            planner=planner,
            course=course,
            title=f"Lokakarya {kab_marker}",
        )
        workshop_services.invite(
            actor=planner, workshop=self.workshop, desa=[self.desa]
        )
        self.session = self.workshop.sessions.first()
        [self.card] = issue_sign_in_cards(
            actor=planner,
            users=[owner],
            valid_until=timezone.now() + dt.timedelta(days=1),
        )
        self.thread = open_help_request(
            operator=owner,
            topic="foto",
            subject=f"Tanya {marker}",
            body="Foto tidak muncul di berita.",
            screenshot=SimpleUploadedFile("layar.png", png_bytes()),
        )
        self.message = HelpMessage.objects.get(request=self.thread)
        self.name_request = request_name_change(
            operator=owner, name=f"Nama Baru {marker}"
        )

    def _pages(self, owner, marker):
        """A draft news page of the desa, submitted for moderation."""
        self.news = NewsPageFactory(
            parent=self.desa_page, title=f"Berita {marker}", live=False
        )
        self.news.save_revision(user=owner)
        self.revision = self.news.save_revision(user=owner)
        self.workflow = self.news.get_workflow()
        self.workflow_state = self.workflow.start(self.news, owner)
        self.task_state = self.workflow_state.current_task_state
        self.task = self.task_state.task
        # A draft never published, which its operator may delete in Meja Tulis.
        self.draft = NewsPageFactory(
            parent=self.desa_page, title=f"Draf {marker}", live=False, owner=owner
        )
        self.neighbour_page = (
            DesaPage.objects.filter(region__parent__parent=self.kabupaten)
            .exclude(pk=self.desa_page.pk)
            .order_by("path")
            .first()
        )

    def _media(self, marker, kab_marker):
        self.image = get_image_model().objects.create(
            title=f"Foto {marker}",
            file=SimpleUploadedFile("foto.png", png_bytes()),
            collection=self.collection,
        )
        self.document = get_document_model().objects.create(
            title=f"Dokumen {marker}",
            file=ContentFile(b"Isi dokumen desa.", name="dokumen.txt"),
            collection=self.collection,
        )
        self.template = CertificateTemplate.objects.create(
            name=f"Templat {kab_marker}",
            kabupaten=self.kabupaten,
            signatory_name="Kepala Dinas",
            signatory_title="Kepala Dinas Komunikasi dan Informatika",
        )
        self.letters = LetterSettings.objects.create(
            kabupaten=self.kabupaten,
            office_name=f"Diskominfo {kab_marker}",
            signatory_name="Kepala Dinas",
            signatory_nip="198501012010011001",
            signatory_title="Kepala Dinas Komunikasi dan Informatika",
        )

    def _learning(self, owner, kab_marker):
        self.certificate = issue_certificate(operator=owner, course=self.course)
        # The matrix is about who may fetch the PDF, not about rendering it.
        self.certificate.pdf.save("sertifikat.pdf", ContentFile(b"%PDF-1.4 uji"))
        self.attempt = start_attempt(operator=owner, quiz=self.quiz)
        # Made directly: the service gives one only when every attempt is used.
        self.extra_attempt = ExtraAttempt.objects.create(
            operator=owner, quiz=self.quiz, reason=f"Alasan {kab_marker}"
        )
        self.renewal = Renewal.objects.create(
            operator=owner, course=self.course, mode=Renewal.Mode.RETAKE
        )
        self.notice = Notice.objects.get(
            recipient=owner, key=f"cert-issued:{self.certificate.pk}"
        )


@pytest.fixture
def sides(operator, klampok_operator, trainer, banjarnegara_admin, portal):
    course = build_course(title="Kursus Matriks", modules=1, lessons_per_module=1)
    # The admins above were made before the course index: give its editors their
    # rights on it, as any later role assignment would.
    ensure_course_editors_group()
    return {
        "beltim": Side(
            desa_code="19.06.02.2003",
            owner=operator,
            planner=trainer,
            course=course,
            marker="ZQJANGKAR",
            kab_marker="ZQBELTIM",
        ),
        "banjar": Side(
            desa_code="33.04.02.2005",
            owner=klampok_operator,
            planner=banjarnegara_admin,
            course=course,
            marker="ZQKLAMPOK",
            kab_marker="ZQBANJAR",
        ),
    }


# ---------------------------------------------------------------------------------------
# Running a cell.


def signed_in(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def explorer_start(user):
    """Where Wagtail's explorer sends the user: their explorable root page."""
    if user is None:
        return None
    root = PagePermissionPolicy().explorable_root_instance(user)
    return reverse("wagtailadmin_explore", args=[root.pk]) if root else None


def body_of(response):
    content = b"".join(response) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def observe(response, *, role, url, area, explorer):
    """The outcome of a response, written as in the matrix."""
    status = response.status_code
    if status in (301, 302, 303):
        parts = urlsplit(response["Location"])
        location = parts.path + (f"?{parts.query}" if parts.query else "")
        if location.startswith(reverse("accounts:login")):
            return "L"
        if location == reverse("meja:index"):
            said = list(get_messages(response.wsgi_request))
            return "M" if said else "R (to /meja/ without a message)"
        if area == HOME:
            home = home_url_for(response.wsgi_request.user)
            return "H" if location == home else f"R (to {location}, not {home})"
        if location == reverse("wagtailadmin_home"):
            said = list(get_messages(response.wsgi_request))
            return "A" if said else "R (to /admin/ without a message)"
        if location == explorer:
            return "E"
        area = area or "/" + url.lstrip("/").split("/", 1)[0] + "/"
        return "R" if location.startswith(area) else f"R (to {location})"
    if status == 200:
        body = body_of(response)
        seen = sorted(marker for marker in OUTSIDE[role] if marker in body)
        return f"ok! (shows {', '.join(seen)})" if seen else "ok"
    return str(status)


def send(client, name, side, *, role, explorer):
    """Request one cell in a savepoint that is rolled back; return (url, outcome)."""
    request = REQUESTS[name]
    url = request.build(name, side)
    try:
        with transaction.atomic():
            response = getattr(client, request.method)(url, request.data or {})
            transaction.set_rollback(True)
    except Exception as exc:  # a server error is a finding like any other
        return url, f"500 ({type(exc).__name__}: {exc})"
    return url, observe(
        response, role=role, url=url, area=request.area, explorer=explorer
    )


def agrees(expected, actual):
    if expected == "ok!":
        return actual == "ok" or actual.startswith("ok! ")
    return expected == actual


class TestPermissionMatrix:
    @pytest.mark.parametrize("role", ROLES)
    def test_each_role_gets_what_the_matrix_says_on_every_url(
        self, request, role, sides
    ):
        """Allowed cells answer, denied cells refuse the way the matrix says, and
        no page shows things of a region outside the user's scope."""
        user = None if role == "anonymous" else request.getfixturevalue(role)
        client, explorer = signed_in(user), explorer_start(user)
        wrong = []
        for name, lines in MATRIX.items():
            for side, line in zip(("beltim", "banjar"), lines, strict=False):
                expected = outcomes(line)[role]
                browser = signed_in(user) if REQUESTS[name].own_client else client
                url, actual = send(
                    browser, name, sides[side], role=role, explorer=explorer
                )
                if role in OPERATORS and url.startswith("/admin/") and expected != "M":
                    wrong.append(f"{name} [{side}] {url}: an operator must get M")
                if not agrees(expected, actual):
                    wrong.append(
                        f"{name} [{side}] {url}: expected {expected}, got {actual}"
                    )

        assert not wrong, f"{len(wrong)} cell(s) differ for {role}:\n" + "\n".join(
            wrong
        )

    def test_the_markers_show_where_they_belong(self, superuser, sides):
        """The superuser's lists show both regions' markers, so their absence from
        other users' pages means something."""
        client = signed_in(superuser)
        for name, markers in {
            "wagtailimages:index": {"ZQJANGKAR", "ZQKLAMPOK"},
            "wagtaildocs:index": {"ZQJANGKAR", "ZQKLAMPOK"},
            "operators:index": {"ZQJANGKAR", "ZQKLAMPOK"},
            "operators:name_requests": {"ZQJANGKAR", "ZQKLAMPOK"},
            "certificates_admin:index": {"ZQJANGKAR", "ZQKLAMPOK"},
            "extra_attempts_admin:index": {"ZQJANGKAR", "ZQKLAMPOK"},
            "desk:queue": {"ZQJANGKAR", "ZQKLAMPOK"},
            f"{SNIPPET}:list": {"ZQBELTIM", "ZQBANJAR"},
            "workshops:index": {"ZQBELTIM", "ZQBANJAR"},
            "notifications:whatsapp": {"ZQJANGKAR", "ZQKLAMPOK"},
        }.items():
            body = body_of(client.get(reverse(name)))

            assert all(marker in body for marker in markers), name

    def test_the_page_filters_name_only_owners_in_scope(
        self, gantung_admin, superuser, sides
    ):
        """The explorer's "Owner" filter lists the owners of the pages the user may
        see, not every operator who owns a page (Meja Tulis makes them owners)."""
        explore = reverse("wagtailadmin_explore", args=[sides["beltim"].desa_page.pk])

        mine = body_of(signed_in(gantung_admin).get(explore))
        everyone = body_of(signed_in(superuser).get(explore))

        assert "Siti Aminah ZQJANGKAR" in mine
        assert "ZQKLAMPOK" not in mine
        assert "ZQKLAMPOK" in everyone

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.services import PortalSetupError, setup_portal


class Command(BaseCommand):
    help = "Build the portal tree, desa groups and moderation workflows of a kabupaten."

    def add_arguments(self, parser):
        parser.add_argument("kabupaten_code", help="e.g. 19.06")

    def handle(self, *args, kabupaten_code, **options):
        try:
            portal = setup_portal(kabupaten_code=kabupaten_code)
        except PortalSetupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Portal ready: %(title)s (%(url)s)")
            % {"title": portal.title, "url": portal.url}
        )

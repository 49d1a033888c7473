from django.core.management.base import BaseCommand, CommandError

from certificates.keys import IssuerKeyError, create_issuer_key, keys_dir


class Command(BaseCommand):
    help = (
        "Create the Ed25519 key a kabupaten signs its digital credentials with "
        "(kept in CREDENTIAL_KEYS_DIR, outside the database and media)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kabupaten", required=True, help="The kabupaten's code, e.g. 19.06."
        )
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the current key; its public key stays published so "
            "credentials signed with it still verify.",
        )

    def handle(self, *args, **options):
        code = options["kabupaten"].strip()
        try:
            number = create_issuer_key(kabupaten_code=code, rotate=options["rotate"])
        except IssuerKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Key {number} of kabupaten {code} created in {keys_dir() / code}. "
            "Back this folder up: without it no new credential can be signed."
        )

"""The kabupaten's signing keys for digital credentials, kept as files.

Each kabupaten has its own Ed25519 key, made by `manage.py create_issuer_key`. The
keys live in settings.CREDENTIAL_KEYS_DIR, never in the database or the media
folders, one folder per kabupaten:

    <CREDENTIAL_KEYS_DIR>/19.06/key-1.pem   private key (mode 0600), the one that signs
    <CREDENTIAL_KEYS_DIR>/19.06/key-1.pub   its public key, published in the DID document

Rotation adds key-2.pem and key-2.pub and deletes key-1.pem: key-1.pub stays, so the
credentials signed before still verify, and nothing can be signed with the old key.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

KABUPATEN_CODE = re.compile(r"^\d{2}\.\d{2}$")
KEY_FILE = re.compile(r"^key-(\d+)\.(pem|pub)$")


class IssuerKeyError(Exception):
    """No key can be made or used; the message says what to do."""


@dataclass(frozen=True)
class SigningKey:
    number: int
    private_key: Ed25519PrivateKey


def keys_dir() -> Path:
    return Path(settings.CREDENTIAL_KEYS_DIR)


def _folder(kabupaten_code: str) -> Path:
    # The code becomes a folder name: only a well-formed kabupaten code may.
    if not KABUPATEN_CODE.match(kabupaten_code or ""):
        raise IssuerKeyError(
            _("%(code)s is not a kabupaten code; write it like 19.06.")
            % {"code": kabupaten_code}
        )
    return keys_dir() / kabupaten_code


def _files(folder: Path) -> dict[int, set[str]]:
    """{key number: {"pem", "pub"}} of the key files in the folder."""
    found: dict[int, set[str]] = {}
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        match = KEY_FILE.match(entry.name)
        if match:
            found.setdefault(int(match[1]), set()).add(match[2])
    return found


def _unreadable(path):
    return IssuerKeyError(
        _("%(path)s is not an Ed25519 key. Restore it from the backup.")
        % {"path": path}
    )


def _read_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as exc:
        raise _unreadable(path) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise _unreadable(path)
    return key


def _read_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (ValueError, TypeError, OSError) as exc:
        raise _unreadable(path) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise _unreadable(path)
    return key


def signing_key(*, kabupaten_code: str) -> SigningKey | None:
    """The kabupaten's current private key (the newest), or None if it has none."""
    folder = _folder(kabupaten_code)
    numbers = [n for n, kinds in _files(folder).items() if "pem" in kinds]
    if not numbers:
        return None
    number = max(numbers)
    return SigningKey(number, _read_private(folder / f"key-{number}.pem"))


def public_keys(*, kabupaten_code: str) -> list[tuple[int, Ed25519PublicKey]]:
    """Every public key the kabupaten has signed with, oldest first."""
    folder = _folder(kabupaten_code)
    keys = []
    for number, kinds in sorted(_files(folder).items()):
        if "pub" in kinds:
            keys.append((number, _read_public(folder / f"key-{number}.pub")))
        else:
            keys.append(
                (number, _read_private(folder / f"key-{number}.pem").public_key())
            )
    return keys


def _write_new(path: Path, content: bytes, mode: int) -> None:
    # O_EXCL: two commands run at once never overwrite each other's key.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


def create_issuer_key(*, kabupaten_code: str, rotate: bool = False) -> int:
    """Make the kabupaten's signing key; with `rotate`, replace the current one.

    Returns the new key's number. Without `rotate` an existing key is never touched.
    """
    folder = _folder(kabupaten_code)
    existing = _files(folder)
    if existing and not rotate:
        raise IssuerKeyError(
            _(
                "Kabupaten %(code)s already has a signing key in %(folder)s; "
                "nothing was changed. Add --rotate to replace it with a new one."
            )
            % {"code": kabupaten_code, "folder": folder}
        )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    number = max(existing, default=0) + 1
    private_key = Ed25519PrivateKey.generate()
    try:
        _write_new(
            folder / f"key-{number}.pem",
            private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            0o600,
        )
    except FileExistsError as exc:
        raise IssuerKeyError(
            _("Another key was created at the same time; run the command again.")
        ) from exc
    _write_new(
        folder / f"key-{number}.pub",
        private_key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        ),
        0o644,
    )
    for old, kinds in existing.items():
        if "pem" not in kinds:
            continue
        old_private = folder / f"key-{old}.pem"
        old_public = folder / f"key-{old}.pub"
        if "pub" not in kinds:  # keep what verifiers need before dropping the secret
            _write_new(
                old_public,
                _read_private(old_private)
                .public_key()
                .public_bytes(
                    serialization.Encoding.PEM,
                    serialization.PublicFormat.SubjectPublicKeyInfo,
                ),
                0o644,
            )
        old_private.unlink()
    return number


def check_keys_dir(app_configs=None, **kwargs):
    """The signing keys must not sit where the web server or a media backup reaches."""
    folder = Path(os.path.abspath(keys_dir()))
    served = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, settings.STATIC_ROOT]
    served += list(settings.STATICFILES_DIRS)
    for other in filter(None, served):
        other = Path(os.path.abspath(other))
        if folder.is_relative_to(other) or other.is_relative_to(folder):
            return [
                checks.Error(
                    f"CREDENTIAL_KEYS_DIR ({folder}) overlaps {other}, so the "
                    "kabupaten's signing keys could be served or copied as media.",
                    hint="Point DJANGO_CREDENTIAL_KEYS_DIR to a folder of its own, "
                    "outside the media and static folders.",
                    id="certificates.E001",
                )
            ]
    return []

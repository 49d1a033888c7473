"""The private file storage: files that only permission-checked views read.

Certificate PDFs and help-desk screenshots live under `PRIVATE_MEDIA_ROOT`, a folder
outside `MEDIA_ROOT` that no URL maps to, so neither `make run` nor a web server
without special rules can hand them out; a view reads them after asking its policy.
"""

import filecmp
import logging
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)


@deconstructible(path="lms.shared.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under `PRIVATE_MEDIA_ROOT`, with no URL at all."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        # `url()` raises ValueError: a private file is only ever streamed by a view.
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    """The storage of private FileFields (`STORAGES["private"]`)."""
    return storages["private"]


def _is_within(path, folder):
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


def check_private_media_root(app_configs=None, **kwargs):
    """The private root must not be reachable through the public media URL."""
    private, public = settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT
    if _is_within(private, public) or _is_within(public, private):
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap, so private files would "
                "be served as public media.",
                hint="Point DJANGO_PRIVATE_MEDIA_ROOT to a folder outside "
                "DJANGO_MEDIA_ROOT.",
                id="lms.E001",
            )
        ]
    return []


def move_private_files(folder, *, source=None, target=None):
    """Move `folder` (e.g. "certificates") from the public media root to the private
    one, keeping each file's name relative to its root; return how many moved.

    Running it again moves nothing more. A file already in the private root wins;
    an identical public copy of it is removed, a different one is left and logged.
    """
    source = Path(source or settings.MEDIA_ROOT)
    target = Path(target or settings.PRIVATE_MEDIA_ROOT)
    moved = 0
    if not (source / folder).is_dir():
        return moved
    for path in sorted((source / folder).rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        destination = target / path.relative_to(source)
        if destination.exists():
            if filecmp.cmp(path, destination, shallow=False):
                path.unlink()
            else:
                logger.warning(
                    "%s differs from %s; the private file is kept, "
                    "remove the public one by hand.",
                    path,
                    destination,
                )
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        _move(path, destination)
        moved += 1
    _remove_empty_folders(source / folder)
    return moved


def _move(path, destination):
    if path.stat().st_dev == destination.parent.stat().st_dev:
        os.replace(path, destination)
        return
    # Across disks, a half-copied file must never carry the final name.
    partial = destination.with_name(destination.name + ".part")
    shutil.copy2(path, partial)
    os.replace(partial, destination)
    path.unlink()


def _remove_empty_folders(folder):
    for directory in sorted(folder.rglob("*"), reverse=True):
        if directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()

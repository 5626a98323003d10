"""Errors a user can meet. Each carries a message in the user's language that
says what happened and what to do. Programming errors are not wrapped here."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from leersessie.base.i18n import tr


class UserFacingError(Exception):
    """An error to show the user as it is: the message is already translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(UserFacingError):
    """Something the user typed cannot be accepted (an empty name, a bad date)."""


class DataDirError(UserFacingError):
    """The data folder cannot be created or written."""


class DatabaseError(UserFacingError):
    """The database cannot be opened safely; the file was left as it was."""


class TemplateError(UserFacingError):
    """A template file is broken: names the file, the place and the problem."""

    def __init__(self, file: str, place: str, problem: str) -> None:
        self.file = file
        self.place = place
        self.problem = problem
        where = f"{file}: {place}: " if place else f"{file}: "
        super().__init__(where + problem)


def describe_os_error(error: OSError) -> str:
    """What went wrong with a file, in the user's language (the OS says it in English).

    For a message such as "De map {path} kan niet worden gebruikt ({reason})".
    """
    if getattr(error, "winerror", None) in _WINDOWS_IN_USE:
        return tr("het bestand is in gebruik door een ander programma")
    phrases = {
        errno.EACCES: tr("geen toestemming"),
        errno.EPERM: tr("geen toestemming"),
        errno.ENOENT: tr("het bestand of de map bestaat niet"),
        errno.ENOSPC: tr("de schijf is vol"),
        errno.EDQUOT: tr("uw schijfquotum is op"),
        errno.EROFS: tr("de schijf is alleen-lezen"),
        errno.EEXIST: tr("het bestand bestaat al"),
        errno.EISDIR: tr("dit is een map, geen bestand"),
        errno.ENOTDIR: tr("een deel van het pad is geen map"),
        errno.EBUSY: tr("het bestand is in gebruik door een ander programma"),
        errno.ENAMETOOLONG: tr("de naam is te lang"),
        errno.EIO: tr("de schijf gaf een leesfout of schrijffout"),
    }
    phrase = phrases.get(error.errno) if error.errno is not None else None
    if phrase is not None:
        return phrase
    code = (
        errno.errorcode.get(error.errno, str(error.errno)) if error.errno else type(error).__name__
    )
    return tr("systeemfout {code}", code=code)


# ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program holds the file open.
_WINDOWS_IN_USE = (32, 33)
# Below this much free space a "disk I/O error" of SQLite is a full disk: it could not
# make its -wal or -shm file, and says only that.
NEARLY_FULL_BYTES = 1 << 20


def is_disk_full(exc: BaseException, where: Path | None = None) -> bool:
    """A full disk, whether the operating system or SQLite says it. With ``where`` (a
    file on the disk in question), also SQLite's bare "disk I/O error" on a full disk."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    if "database or disk is full" in text or "no space left" in text:
        return True
    return "disk i/o error" in text and where is not None and _free_bytes(where) < NEARLY_FULL_BYTES


def _free_bytes(where: Path) -> int:
    folder = Path(where)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return NEARLY_FULL_BYTES  # unknown: do not claim the disk is full


def explain_failure(exc: BaseException, where: Path | None = None) -> UserFacingError | None:
    """A Dutch message for a failure the user can do something about (a full disk, a
    database another program holds, a read-only file, an OS error), or None for what
    is a programming error and must be shown and logged as such. ``where`` (the data
    folder or database) lets SQLite's bare "disk I/O error" count as a full disk."""
    if isinstance(exc, UserFacingError):
        return exc
    if is_disk_full(exc, where):
        return UserFacingError(
            tr(
                "De schijf is vol, dus dit kon niet worden afgemaakt. Wat al was opgeslagen, "
                "is veilig. Maak ruimte vrij op de schijf en probeer het opnieuw."
            )
        )
    # Deferred: the SQLCipher driver is not needed until a failure is explained.
    from leersessie.base.sqlite_errors import SQLITE_OPERATIONAL_ERRORS

    if isinstance(exc, SQLITE_OPERATIONAL_ERRORS):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return UserFacingError(held_by_another_program())
        if "readonly" in text or "read-only" in text:
            return UserFacingError(
                tr(
                    "De database is alleen-lezen, dus dit kon niet worden opgeslagen. "
                    "Controleer de schrijfrechten van de gegevensmap."
                )
            )
    if isinstance(exc, OSError):
        place = f" ({exc.filename})" if exc.filename else ""
        return UserFacingError(
            tr(
                "Dit is niet gelukt: {reason}{where}. Controleer de map en probeer het opnieuw.",
                reason=describe_os_error(exc),
                where=place,
            )
        )
    return None


def held_by_another_program(path: object = None) -> str:
    """The message for a database another program holds: said within seconds, and
    nothing was changed."""
    if path is None:
        return tr(
            "De database is in gebruik door een ander programma (of een ander venster van "
            "Leersessie). Er is niets gewijzigd. Sluit dat programma en probeer het opnieuw."
        )
    return tr(
        "De database {path} is in gebruik door een ander programma (of een ander venster van "
        "Leersessie). Er is niets gewijzigd. Sluit dat programma en probeer het opnieuw.",
        path=path,
    )

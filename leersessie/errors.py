"""Errors a user can meet. Each carries a message in the user's language that
says what happened and what to do. Programming errors are not wrapped here."""

from __future__ import annotations

import errno

from leersessie.i18n import tr


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
        errno.ENOENT: tr("bestaat niet"),
        errno.ENOSPC: tr("de schijf is vol"),
        errno.EDQUOT: tr("de schijf is vol"),
        errno.EROFS: tr("de schijf is alleen-lezen"),
        errno.EEXIST: tr("bestaat al"),
        errno.EISDIR: tr("is een map, geen bestand"),
        errno.ENOTDIR: tr("is geen map"),
        errno.EBUSY: tr("het bestand is in gebruik door een ander programma"),
        errno.ENAMETOOLONG: tr("de naam is te lang"),
        errno.EIO: tr("de schijf gaf een lees- of schrijffout"),
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

"""Errors a user can meet. Each carries a message in the user's language that
says what happened and what to do. Programming errors are not wrapped here."""

from __future__ import annotations


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

"""The one change notification of the app, and the only way to send one: an edit runs as an
operation through ``ChangeHub.run``, which announces what the operation changed, with who
started it, once the write succeeded. A write that raises announces nothing. Every view
that shows that data, the coach's and the group's, follows ``changed``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from leersessie.base.changes import Change

if TYPE_CHECKING:
    from leersessie_ui.background import BackgroundRunner

Result = TypeVar("Result")


class ChangeHub(QObject):
    changed = Signal(object)  # Change

    def run(
        self,
        operation: Callable[[], Result],
        says: Change | Iterable[Change] | Callable[[Result], Change | Iterable[Change]],
        *,
        by: object = None,
    ) -> Result:
        """Run ``operation`` (a write through the core) and announce what ``says`` names:
        the changes, or a function of the operation's result that gives them (an added
        record's id is known only afterwards)."""
        result = operation()
        self._announce(says, result, by)
        return result

    def run_in_background(
        self,
        runner: BackgroundRunner,
        operation: Callable[[Database], Result],
        says: Change | Iterable[Change] | Callable[[Result], Change | Iterable[Change]],
        *,
        done: Callable[[Result], object],
        failed: Callable[[str], object],
        by: object = None,
    ) -> None:
        """The same for slow work (a deletion, an import) on the runner's own connection:
        announced on the GUI thread once it succeeded, before ``done`` is called."""

        def succeeded(result: Result) -> None:
            self._announce(says, result, by)
            done(result)

        runner.run(operation, succeeded, failed)

    def _announce(
        self,
        says: Change | Iterable[Change] | Callable[[Result], Change | Iterable[Change]],
        result: Result,
        by: object,
    ) -> None:
        named = says(result) if callable(says) else says
        for change in [named] if isinstance(named, Change) else named:
            self.changed.emit(replace(change, by=by))

"""What a change notification says: the kind of record that changed, its id, what happened
to it, and who started it.

The core names the kinds so that everything that changes data (the app, an import, a
deletion) speaks of changes in one vocabulary; the Qt layer's operation runner
(``leersessie_ui.changes.ChangeHub.run``) announces them to every view through one signal,
after the operation that made them succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    NOTE = "note"  # a step's notes; id: the session
    RATING = "rating"  # a score for an item; id: the session
    ACTION = "action"  # added, edited, removed or its status changed; id: the action
    REVIEW = "review"  # a look-back outcome of an action; id: the action
    FINDING = "finding"  # a leerreview finding; id: the finding
    MEASURE = "measure"  # a reviewteam's improvement measure; id: the measure
    THEME = "theme"  # a reviewteam's theme over several cases; id: the theme
    QUESTION = "question"  # a question asked in the group; id: the question
    DEVELOPMENT_QUESTION = "development_question"  # a casusinbrenger's; id: the session
    ROUND = "round"  # opened, answered, revealed or closed; id: the round
    SESSION = "session"  # created, finished, reopened, step moved, deleted; id: the session
    TEAM = "team"  # created, edited, deleted, pseudonymised; id: the team
    DATA = "data"  # many records at once (restore, import, retention); id: ""


class Happened(StrEnum):
    """What happened to the record, so that a view need not ask the database."""

    ADDED = "added"
    EDITED = "edited"
    REMOVED = "removed"  # deleted, or its name replaced (pseudonymised)
    FINISHED = "finished"  # a session was finished
    REOPENED = "reopened"  # a finished session was opened for changes again
    STEP_MOVED = "step_moved"  # a session went to another step


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    id: str
    # The session the record belongs to, where there is one, so a view of one session can
    # ignore the changes of others without a query.
    session_id: str | None = None
    happened: Happened = Happened.EDITED
    # Who started it (the controller whose operation it was), so that it can leave its own
    # change alone; set by the operation runner, never compared.
    by: object = field(default=None, compare=False)

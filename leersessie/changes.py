"""What a change notification says: the kind of record a coach changed and its id.

The core names the kinds so that everything that changes data (the app, an import, a
deletion) speaks of changes in one vocabulary; the Qt layer carries them to every view
through one signal (``leersessie_ui.changes.ChangeHub``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    NOTE = "note"  # a step's notes; id: the session
    RATING = "rating"  # a score for an item; id: the session
    ACTION = "action"  # added, edited, removed or its status changed; id: the action
    REVIEW = "review"  # a look-back outcome of an action; id: the action
    FINDING = "finding"  # a leerreview finding; id: the finding
    MEASURE = "measure"  # a reviewteam's improvement measure; id: the measure
    QUESTION = "question"  # a question asked in the group; id: the question
    DEVELOPMENT_QUESTION = "development_question"  # a casusinbrenger's; id: the session
    ROUND = "round"  # opened, answered, revealed or closed; id: the round
    SESSION = "session"  # created, finished, reopened, step moved, deleted; id: the session
    TEAM = "team"  # created, edited, deleted, pseudonymised; id: the team
    DATA = "data"  # many records at once (restore, import, retention); id: ""


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    id: str
    # The session the record belongs to, where there is one, so a view of one session can
    # ignore the changes of others without a query.
    session_id: str | None = None

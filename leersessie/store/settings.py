"""Every per-database preference in one place: its key, type, default and meaning.

Read and write a setting only through ``read`` and ``write`` with one of the constants
below. Adding one is one line: ``NAME = Setting("key", KIND, default, "meaning")``. A key is
stored in old databases: never rename one (add a new setting and a migration instead).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlite_utils import Database

T = TypeVar("T")


@dataclass(frozen=True)
class Kind(Generic[T]):
    """How a setting's value is kept in the settings table's text column."""

    name: str
    decode: Callable[[str], T]
    encode: Callable[[T], str]


def _positive_or_none(text: str) -> int | None:
    return int(text) if text.isdigit() and int(text) > 0 else None


TEXT = Kind[str]("text", str, str)
NUMBER = Kind[int]("whole number", int, str)
MONTHS_OR_OFF = Kind[int | None](
    "months, or off", _positive_or_none, lambda value: str(value) if value else ""
)
TEXT_LIST = Kind[list[str]](
    "list of texts",
    lambda text: [str(item) for item in json.loads(text)] if text else [],
    lambda value: json.dumps(value, ensure_ascii=False),
)
FLAG = Kind[bool]("on or off", lambda text: text == "1", lambda value: "1" if value else "0")
TEXT_MAP = Kind[dict[str, str]](
    "texts by name",
    lambda text: {str(k): str(v) for k, v in json.loads(text).items()} if text else {},
    lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
)

REGISTRY: dict[str, Setting[object]] = {}


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: Kind[T]
    default: T
    meaning: str

    def __post_init__(self) -> None:
        if self.key in REGISTRY:
            raise ValueError(f"setting {self.key!r} is registered twice")
        REGISTRY[self.key] = self  # type: ignore[assignment]  # each Setting keeps its own T


# The registry. Keys keep the names old databases hold (three styles, from before this file).
LANGUAGE = Setting("taal", TEXT, "nl", "language of the interface, nl or en (Beeld > Taal)")
LAST_FACILITATOR = Setting("laatste_leercoach", TEXT, "", "leercoach filled in for a new session")
RETENTION_MONTHS = Setting(
    "privacy.retention_months", MONTHS_OR_OFF, None, "delete sessions older than this; None: off"
)
BLOCKED_NAMES = Setting(
    "privacy.blocked_names", TEXT_LIST, [], "the coach's 'niet vastleggen' names for the check"
)
REPLACEMENTS = Setting(
    "privacy.replacements",
    TEXT_MAP,
    {},
    "texts the coach replaced by a pseudonym: '<words>:<sha256>' -> pseudonym (never the text)",
)
SOUND_AT_TIME_UP = Setting(
    "geluid_bij_einde_tijd", FLAG, False, "a sound when a step's time is up (Beeld menu)"
)
TIMER_WITH_STEP = Setting(
    "timer_met_stap", FLAG, False, "entering a step starts its timer (Beeld menu)"
)
QUESTION_COACH = Setting(
    "vragencoach", FLAG, True, "the question coach in a session that did not choose for itself"
)
SYNC_FOLDER = Setting("archive.sync_folder", TEXT, "", "the organisation's shared folder; '': none")
INSTALLATION_ID = Setting(
    "archive.installation_id", TEXT, "", "names this database's files in the shared folder"
)
SYNC_MERGED = Setting(
    "archive.merged",
    TEXT_MAP,
    {},
    "per shared archive file: 'sha256:<hash>' of the version merged (before: its created_at)",
)
SYNC_REFUSED = Setting(
    "archive.refused", TEXT_MAP, {}, "per shared archive file refused: its hash, named once"
)
COACH_ZOOM = Setting("zoom.coach", NUMBER, 100, "the coach's window zoom in percent (Ctrl++)")
GROUP_ZOOM = Setting(
    "zoom.group", NUMBER, 100, "the group screen's zoom in percent of its readable size"
)

IDLE_LOCK_MINUTES = Setting(
    "vergrendelen_na_minuten", NUMBER, 0, "lock after this many idle minutes (encrypted); 0: off"
)


def read(db: Database, setting: Setting[T]) -> T:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [setting.key]).fetchone()
    return setting.kind.decode(row[0]) if row else copy(setting.default)  # a list stays ours


def write(db: Database, setting: Setting[T], value: T) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [setting.key, setting.kind.encode(value)],
        )

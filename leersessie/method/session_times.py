"""The time a session took: its clock from its start, and the time spent in each step.

One model of time: the session clock counts the session's own time (it runs while the
session is open in the app and stops when it is finished); each step's time counts while
its timer runs, one step at a time. Both are stored, so they survive a restart, and the
summary sets them beside the minutes the format plans.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database


@dataclass(frozen=True)
class SessionTimes:
    elapsed_ms: int = 0  # the session clock
    step_ms: Mapping[str, int] = field(default_factory=dict)  # step key -> time spent


def read_times(db: Database, session_id: str) -> SessionTimes:
    clock = db.execute(
        "SELECT elapsed_ms FROM session_clock WHERE session_id = ?", [session_id]
    ).fetchone()
    steps = db.execute(
        "SELECT step_key, spent_ms FROM step_times WHERE session_id = ?", [session_id]
    ).fetchall()
    return SessionTimes(clock[0] if clock else 0, {key: spent for key, spent in steps})


def save_times(db: Database, session_id: str, times: SessionTimes) -> None:
    """Store the clock and the steps' times as they are now (one transaction)."""
    with db.atomic():
        db.execute(
            "INSERT INTO session_clock (session_id, elapsed_ms) VALUES (?, ?) "
            "ON CONFLICT (session_id) DO UPDATE SET elapsed_ms = excluded.elapsed_ms",
            [session_id, max(0, times.elapsed_ms)],
        )
        db.conn.executemany(
            "INSERT INTO step_times (session_id, step_key, spent_ms) VALUES (?, ?, ?) "
            "ON CONFLICT (session_id, step_key) DO UPDATE SET spent_ms = excluded.spent_ms",
            [(session_id, key, max(0, spent)) for key, spent in times.step_ms.items()],
        )


def whole_minutes(ms: int) -> int:
    """Minutes as a person reads a clock: 90 seconds is 2 minutes, 20 seconds is 0."""
    return (ms + 30_000) // 60_000

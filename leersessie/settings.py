"""Small per-database preferences (last facilitator, language, retention...)."""

from __future__ import annotations

from sqlite_utils import Database

SOUND_KEY = "geluid_bij_einde_tijd"  # "1": a sound when a step's time is up (off by default)


def get_setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

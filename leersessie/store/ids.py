"""Stable record ids and change times: every record has a UUID, so a team's history can
move between laptops and merge by id (see leersessie.sharing.merge)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

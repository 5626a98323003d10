"""One registry of settings: each read and written with its type, through a real database."""

from __future__ import annotations

import pytest

from leersessie.store import settings
from leersessie.store.settings import (
    BLOCKED_NAMES,
    LANGUAGE,
    LAST_FACILITATOR,
    NUMBER,
    REGISTRY,
    RETENTION_MONTHS,
    Setting,
)


def test_a_fresh_database_gives_every_default(workspace) -> None:
    assert settings.read(workspace.db, LANGUAGE) == "nl"
    assert settings.read(workspace.db, LAST_FACILITATOR) == ""
    assert settings.read(workspace.db, RETENTION_MONTHS) is None
    assert settings.read(workspace.db, BLOCKED_NAMES) == []


def test_values_come_back_with_their_type_after_a_reopen(data_dir) -> None:
    from leersessie.workspace import open_workspace

    ws = open_workspace(data_dir)
    settings.write(ws.db, RETENTION_MONTHS, 18)
    settings.write(ws.db, BLOCKED_NAMES, ["Anna de Vries", "Joël"])
    settings.write(ws.db, LANGUAGE, "en")
    ws.close()
    ws = open_workspace(data_dir)
    try:
        assert settings.read(ws.db, RETENTION_MONTHS) == 18
        assert settings.read(ws.db, BLOCKED_NAMES) == ["Anna de Vries", "Joël"]
        assert settings.read(ws.db, LANGUAGE) == "en"
        settings.write(ws.db, RETENTION_MONTHS, None)
        assert settings.read(ws.db, RETENTION_MONTHS) is None
    finally:
        ws.close()


def test_a_default_list_is_a_copy_nobody_can_change_for_others(workspace) -> None:
    settings.read(workspace.db, BLOCKED_NAMES).append("Iemand")
    assert settings.read(workspace.db, BLOCKED_NAMES) == []


def test_keys_stay_as_old_databases_hold_them() -> None:
    # Renaming a key would silently reset the setting in every existing database.
    assert {"taal", "laatste_leercoach", "privacy.retention_months"} <= set(REGISTRY)
    assert "privacy.blocked_names" in REGISTRY


def test_a_key_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        Setting("taal", NUMBER, 0, "a second language setting")

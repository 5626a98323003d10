"""The change notification: operations announce what they changed, with who started them,
to every listener; a failed write announces nothing; nothing announces by hand."""

import re
from datetime import date
from pathlib import Path

import pytest

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.errors import InputError
from leersessie.memory.actions import add_action, session_actions

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]


def test_an_operation_announces_to_every_listener_with_its_kind_ids_and_initiator(qapp):
    from leersessie_ui.changes import ChangeHub

    hub = ChangeHub()
    coach, group = [], []
    hub.changed.connect(coach.append)
    hub.changed.connect(group.append)
    starter = object()
    result = hub.run(lambda: 42, Change(ChangeKind.RATING, "s1", "s1"), by=starter)
    assert result == 42
    assert coach == group == [Change(ChangeKind.RATING, "s1", "s1")]
    assert coach[0].by is starter and coach[0].happened is Happened.EDITED


def test_an_added_record_is_announced_with_the_id_the_write_gave_it(qapp, db, catalogue, today):
    from leersessie.method.sessions import start_session
    from leersessie.method.teams import create_team
    from leersessie_ui.changes import ChangeHub

    team = create_team(db, "Team Noord", ["Ans", "Bram"])
    template = catalogue.get("actieleren")
    session_id = start_session(
        db,
        team_id=team.id,
        template=template,
        on=today,
        facilitator="Coach",
        present=[p.id for p in team.people],
    )
    hub = ChangeHub()
    seen: list[Change] = []
    hub.changed.connect(seen.append)
    step = template.steps[-1].key
    action = hub.run(
        lambda: add_action(db, session_id, step, "Bellen met school", None, date(2026, 12, 1)),
        lambda added: Change(ChangeKind.ACTION, added.id, session_id, Happened.ADDED),
    )
    assert [a.id for a in session_actions(db, session_id)] == [action.id]
    assert seen == [Change(ChangeKind.ACTION, action.id, session_id, Happened.ADDED)]


def test_a_write_that_fails_announces_nothing(qapp):
    from leersessie_ui.changes import ChangeHub

    hub = ChangeHub()
    seen: list[Change] = []
    hub.changed.connect(seen.append)

    def refused() -> None:
        raise InputError("Een actie heeft een omschrijving nodig.")

    with pytest.raises(InputError):
        hub.run(refused, Change(ChangeKind.ACTION, "a1", "s1", Happened.ADDED))
    assert seen == []


def test_no_code_announces_a_change_by_hand():
    """Every change goes through ChangeHub.run (or run_in_background): no call site can
    forget to announce, or announce a write that failed."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("ui", "leersessie", "tests", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bchanges\.changed\.emit\(|\.announce\(", line)
        and path.name not in ("changes.py", "test_changes.py")
    ]
    assert offenders == []

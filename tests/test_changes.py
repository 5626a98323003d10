"""The change notification carries kind, id and session to every listener."""

import pytest

from leersessie.base.changes import Change, ChangeKind

pytestmark = pytest.mark.gui


def test_a_change_reaches_every_listener_with_its_kind_and_ids(qapp):
    from leersessie_ui.changes import ChangeHub

    hub = ChangeHub()
    coach, group = [], []
    hub.changed.connect(coach.append)
    hub.changed.connect(group.append)
    hub.announce(ChangeKind.RATING, "s1", session_id="s1")
    assert coach == group == [Change(ChangeKind.RATING, "s1", "s1")]

"""Screen readers need a name for every control, and tests find controls by object name:
every interactive widget on every page has both."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from leersessie.demo import load_demo

pytestmark = pytest.mark.gui
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractItemView,
    QDateEdit,
    QSpinBox,
)


QT_PARTS = {"QScrollBar", "QTableCornerButton"}


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def _unnamed(page: QWidget) -> list[str]:
    missing = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.parent() is None:
            continue
        qt_part = (
            isinstance(widget, QHeaderView)
            or widget.objectName().startswith("qt_")
            or type(widget).__name__ in QT_PARTS
            or _inside(widget, (QComboBox, QSpinBox, QLineEdit))
        )
        if qt_part:
            continue  # Qt's own parts of a table, combo, spin box or field (its clear button)
        label = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or label):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
        elif not widget.objectName():
            missing.append(
                f"{type(widget).__name__} without objectName: {label or widget.accessibleName()}"
            )
    return missing


def test_every_control_on_every_page_has_a_name(qtbot, main_window, workspace, today):
    session_id = load_demo(workspace.db, workspace.catalogue, today)
    main_window.home.refresh()
    pages = [main_window.home.view]
    main_window.show_session(session_id)
    for index in range(main_window.session.view.step_list.count()):
        main_window.session.go_to(index)
    pages.append(main_window.session.view)
    main_window.show_actions()
    pages.append(main_window.overview.view)
    main_window.show_search()
    pages.append(main_window.search.view)
    problems = {type(page).__name__: _unnamed(page) for page in pages}
    assert {page: names for page, names in problems.items() if names} == {}


def test_every_control_in_every_form_has_a_name(qtbot, workspace, today):
    from leersessie.method.teams import create_team, get_team
    from leersessie_ui.dialogs.privacy import (
        BackupsDialog,
        BlockedNamesDialog,
        PseudonymDialog,
        RetentionDialog,
        SensitiveCheckDialog,
    )
    from leersessie_ui.dialogs.records import (
        ActionDialog,
        NewSessionDialog,
        ReviewDialog,
        TeamDialog,
    )

    team = get_team(workspace.db, create_team(workspace.db, "Team Oost", ["Ans"]).id)
    from leersessie.method.models import Action, ActionStatus

    action = Action("a", team.id, "s", "actie", "Bellen", None, "", None, ActionStatus.OPEN)
    forms = [
        TeamDialog(),
        NewSessionDialog([team], workspace.catalogue.sorted()),
        ActionDialog(team.people, today),
        ReviewDialog(action, "gedaan", True, today),
        SensitiveCheckDialog("Toch opslaan"),
        RetentionDialog(),
        BackupsDialog(),
        BlockedNamesDialog([]),
        PseudonymDialog(team.people),
    ]
    for form in forms:
        qtbot.addWidget(form)
    problems = {type(form).__name__: _unnamed(form) for form in forms}
    assert {form: names for form, names in problems.items() if names} == {}

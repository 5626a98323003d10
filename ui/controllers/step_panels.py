"""The format-specific panels of a step: findings, measures, ratings, the look back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QWidget,
)
from sqlite_utils import Database

from leersessie.actions import OUTCOME_LABELS, action_trail, actions_to_review, review_action
from leersessie.changes import Change, ChangeKind
from leersessie.dates import short
from leersessie.errors import InputError
from leersessie.i18n import tr
from leersessie.leerreview import (
    Finding,
    Measure,
    MeasureLevel,
    add_finding,
    add_measure,
    linked_findings,
    measures_for_finding,
    remove_finding,
    remove_measure,
    session_findings,
    session_measures,
)
from leersessie.models import Action, ReviewOutcome, Session
from leersessie.ratings import session_ratings, set_rating
from leersessie.sessions import load_session
from leersessie.templates import RatingItem, Step
from leersessie_ui.changes import ChangeHub
from leersessie_ui.dialogs import ReviewDialog
from leersessie_ui.style import WARNING
from leersessie_ui.views.panels import (
    FindingsPanelView,
    LookbackPanelView,
    MeasuresPanelView,
    RatingsPanelView,
    fill_table,
)


def _warn(parent: QWidget, error: InputError) -> None:
    QMessageBox.warning(parent, tr("Niet opgeslagen"), error.message)


def _concerns(change: Change, session: Session | None, *kinds: ChangeKind) -> bool:
    """Whether a panel showing ``session`` must follow ``change``."""
    return session is not None and change.session_id == session.id and change.kind in kinds


class FindingsPanel:
    def __init__(self, db: Database, changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        changes.changed.connect(self._follow)
        self.view = FindingsPanelView()
        self.session: Session | None = None
        self.step: Step | None = None
        self.findings: list[Finding] = []
        self.view.add_button.clicked.connect(self.add)
        self.view.new_text.returnPressed.connect(self.add)
        self.view.remove_button.clicked.connect(self.remove)

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.view.new_text, self.view.add_button, self.view.remove_button):
            widget.setVisible(not read_only)

    def refresh(self) -> None:
        assert self.session
        self.findings = session_findings(self.db, self.session.id)
        # The link from a finding to the measures a reviewteam made of it.
        fill_table(
            self.view.table,
            [
                (
                    f"{number}. {finding.text}",
                    "; ".join(m.what for m in measures_for_finding(self.db, finding.id)) or "–",
                )
                for number, finding in enumerate(self.findings, start=1)
            ],
        )

    def _follow(self, change: Change) -> None:
        if _concerns(change, self.session, ChangeKind.FINDING, ChangeKind.MEASURE):
            self.refresh()

    def add(self) -> None:
        assert self.session and self.step
        try:
            finding = add_finding(
                self.db, self.session.id, self.step.key, self.view.new_text.text()
            )
        except InputError as error:
            _warn(self.view, error)
            return
        self.view.new_text.clear()
        self.changes.announce(ChangeKind.FINDING, finding.id, self.session.id)

    def remove(self) -> None:
        assert self.session
        row = self.view.table.currentRow()
        if 0 <= row < len(self.findings):
            finding = self.findings[row]
            try:  # refused when a reviewteam already made measures of this finding
                remove_finding(self.db, finding.id)
            except InputError as error:
                _warn(self.view, error)
                return
            self.changes.announce(ChangeKind.FINDING, finding.id, self.session.id)


class MeasuresPanel:
    def __init__(self, db: Database, changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        changes.changed.connect(self._follow)
        self.view = MeasuresPanelView()
        for level in MeasureLevel:
            self.view.level.add_choice(level.label, level.value)
        self.session: Session | None = None
        self.findings: list[Finding] = []
        self.measures: list[Measure] = []
        self.view.findings.itemSelectionChanged.connect(self._show_measures)
        self.view.add_button.clicked.connect(self.add)
        self.view.what.returnPressed.connect(self.add)
        self.view.remove_button.clicked.connect(self.remove)

    def show_step(self, session: Session, step: Step) -> None:
        self.session = session
        self.findings = linked_findings(self.db, session.id)
        if session.linked_session_id:
            source = load_session(self.db, session.linked_session_id)
            self.view.source.setText(
                tr(
                    "Bevindingen uit: {title}, {team}, {date}",
                    title=source.template.title,
                    team=source.team.name,
                    date=short(source.date),
                )
            )
        self._refresh_findings()
        if self.findings:
            self.view.findings.selectRow(0)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.view.what,
            self.view.owner,
            self.view.level,
            self.view.add_button,
            self.view.remove_button,
        ):
            widget.setVisible(not read_only)

    def _refresh_findings(self) -> None:
        assert self.session
        own = session_measures(self.db, self.session.id)
        fill_table(
            self.view.findings,
            [
                (f"{number}. {finding.text}", str(sum(m.finding_id == finding.id for m in own)))
                for number, finding in enumerate(self.findings, start=1)
            ],
        )

    def _current_finding(self) -> Finding | None:
        row = self.view.findings.currentRow()
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def _show_measures(self) -> None:
        assert self.session
        finding = self._current_finding()
        self.measures = [
            m
            for m in session_measures(self.db, self.session.id)
            if finding is not None and m.finding_id == finding.id
        ]
        fill_table(
            self.view.measures, [(m.what, m.owner or "–", m.level.label) for m in self.measures]
        )

    def add(self) -> None:
        assert self.session
        finding = self._current_finding()
        if finding is None:
            _warn(self.view, InputError(tr("Kies eerst de bevinding waar de maatregel bij hoort.")))
            return
        level = self.view.level.value()
        assert level is not None  # the list of levels has no empty choice
        try:
            measure = add_measure(
                self.db,
                self.session.id,
                finding.id,
                self.view.what.text(),
                self.view.owner.text(),
                level,
                None,
            )
        except InputError as error:
            _warn(self.view, error)
            return
        self.view.what.clear()
        self.changes.announce(ChangeKind.MEASURE, measure.id, self.session.id)

    def remove(self) -> None:
        assert self.session
        row = self.view.measures.currentRow()
        if 0 <= row < len(self.measures):
            measure = self.measures[row]
            remove_measure(self.db, measure.id)
            self.changes.announce(ChangeKind.MEASURE, measure.id, self.session.id)

    def _follow(self, change: Change) -> None:
        if _concerns(change, self.session, ChangeKind.MEASURE, ChangeKind.FINDING):
            finding_row = self.view.findings.currentRow()
            assert self.session is not None  # _concerns: a change of the shown session
            self.findings = linked_findings(self.db, self.session.id)
            self._refresh_findings()
            self.view.findings.selectRow(finding_row)
            self._show_measures()


class RatingsPanel:
    def __init__(self, db: Database, changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        self.view = RatingsPanelView()
        self.groups: dict[str, QButtonGroup] = {}
        self._rows: list[QWidget] = []
        self.session: Session | None = None
        self.step: Step | None = None

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        for row in self._rows:
            row.deleteLater()
        self._rows.clear()
        self.groups.clear()
        stored = session_ratings(self.db, session.id)
        for item in step.items:
            self._add_row(item, stored.get((step.key, item.key)))

    def _add_row(self, item: RatingItem, value: int | None) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        behaviours = "".join(f"<br>• {escape(b)}" for b in item.behaviours)
        label = QLabel(f"<b>{escape(item.title)}</b>{behaviours}")
        label.setWordWrap(True)
        layout.addWidget(label, 1)
        group = QButtonGroup(row)
        for score in range(1, 6):
            choice = QRadioButton(str(score), objectName=f"rating_{item.key}_{score}")
            choice.setAccessibleName(tr("{item}: {score} van 5", item=item.title, score=score))
            group.addButton(choice, score)
            layout.addWidget(choice)
            if value == score:
                choice.setChecked(True)
        group.idClicked.connect(lambda score, key=item.key: self._rate(key, score))
        self.groups[item.key] = group
        self.view.rows.addWidget(row)
        self._rows.append(row)

    def _rate(self, item_key: str, score: int) -> None:
        assert self.session and self.step
        set_rating(self.db, self.session.id, self.step.key, item_key, score)
        self.changes.announce(ChangeKind.RATING, self.session.id, self.session.id)

    def set_read_only(self, read_only: bool) -> None:
        for group in self.groups.values():
            for choice in group.buttons():
                choice.setEnabled(not read_only)


class LookbackPanel:
    def __init__(self, db: Database, today: Callable[[], date], changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        changes.changed.connect(self._follow)
        self.today = today
        self.view = LookbackPanelView()
        self.session: Session | None = None
        self.actions: list[Action] = []
        self.view.done_button.clicked.connect(lambda: self.review(ReviewOutcome.DONE))
        self.view.continue_button.clicked.connect(lambda: self.review(ReviewOutcome.CONTINUED))
        self.view.drop_button.clicked.connect(lambda: self.review(ReviewOutcome.DROPPED))
        self.view.table.itemSelectionChanged.connect(self._show_trail)

    def show_step(self, session: Session, step: Step) -> None:
        self.session = session
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.view.done_button, self.view.continue_button, self.view.drop_button):
            widget.setVisible(not read_only)

    def _review_here(self, action: Action) -> tuple[str, str]:
        assert self.session
        for review in action_trail(self.db, action.id):
            if review.session_id == self.session.id:
                label = tr(OUTCOME_LABELS[review.outcome])
                if review.new_due_date:
                    label += tr(" tot {date}", date=short(review.new_due_date))
                return label, review.learned
        return tr("nog bespreken"), ""

    def refresh(self) -> None:
        assert self.session
        self.actions = actions_to_review(self.db, self.session.id)
        today = self.today()
        fill_table(
            self.view.table,
            [
                (a.what, a.owner_name or "–", short(a.due_date) or "–", *self._review_here(a))
                for a in self.actions
            ],
        )
        for row, action in enumerate(self.actions):
            item = self.view.table.item(row, 2)
            if item is not None and action.is_overdue(today):
                item.setForeground(QColor(WARNING))
        if not self.actions:
            self.view.trail.setText(tr("Er staan geen acties open van eerdere sessies."))

    def _selected(self) -> Action | None:
        row = self.view.table.currentRow()
        return self.actions[row] if 0 <= row < len(self.actions) else None

    def _show_trail(self) -> None:
        action = self._selected()
        if action is None:
            return
        lines = [
            f"{short(r.session_date)}: {tr(OUTCOME_LABELS[r.outcome])}"
            + (f" – {r.learned}" if r.learned else "")
            for r in action_trail(self.db, action.id)
        ]
        self.view.trail.setText(
            tr("Verloop (plan-do-check-act): {lines}", lines="; ".join(lines)) if lines else ""
        )

    def review(self, outcome: ReviewOutcome) -> None:
        assert self.session
        action = self._selected()
        if action is None:
            QMessageBox.information(self.view, tr("Terugblik"), tr("Kies eerst een actie."))
            return
        dialog = ReviewDialog(
            action,
            tr(OUTCOME_LABELS[outcome]),
            outcome is ReviewOutcome.CONTINUED,
            self.today(),
            self.view,
        )
        session_id = self.session.id
        dialog.submit = lambda: review_action(
            self.db,
            action.id,
            session_id,
            outcome,
            dialog.learned.toPlainText(),
            dialog.new_due_date(),
        )
        if dialog.run():
            self.changes.announce(ChangeKind.REVIEW, action.id, session_id)

    def _follow(self, change: Change) -> None:
        if _concerns(change, self.session, ChangeKind.REVIEW, ChangeKind.ACTION):
            row = self.view.table.currentRow()
            self.refresh()
            self.view.table.selectRow(row)

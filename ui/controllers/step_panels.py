"""The format-specific panels of a step: findings, measures, themes, ratings, the look
back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QMessageBox,
    QRadioButton,
    QTableWidgetItem,
    QWidget,
)
from sqlite_utils import Database

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.dates import short
from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.memory.actions import (
    OUTCOME_LABELS,
    STATUS_LABELS,
    action_trail,
    actions_to_review,
    review_action,
)
from leersessie.method.leerreview import (
    CHOOSABLE_LEVELS,
    Finding,
    Measure,
    Quadrant,
    Theme,
    add_finding,
    add_measure,
    add_theme,
    earlier_measures,
    findings_to_cluster,
    linked_findings,
    measures_for_finding,
    quadrant_explanation,
    remove_finding,
    remove_measure,
    remove_theme,
    review_measure,
    session_findings,
    session_measures,
    session_themes,
    theme_counts,
    update_finding,
    update_measure,
    update_theme,
)
from leersessie.method.models import Action, ReviewOutcome, Session
from leersessie.method.ratings import (
    MAX_RATING,
    MIN_RATING,
    ItemScores,
    session_item_scores,
    set_people_ratings,
    set_rating,
)
from leersessie.method.sessions import load_session
from leersessie.method.templates import RatingItem, Step
from leersessie_ui.changes import ChangeHub
from leersessie_ui.dialogs.records import (
    FindingDialog,
    MeasureDialog,
    MeasureReviewDialog,
    ReviewDialog,
    from_qdate,
    to_qdate,
)
from leersessie_ui.style import WARNING
from leersessie_ui.views.panels import (
    FindingsPanelView,
    LookbackPanelView,
    MeasuresPanelView,
    RatingRowView,
    RatingsPanelView,
    ThemesPanelView,
    fill_table,
)

NO_SCORE = "-"  # in a row of digits: this person gave no score


def _warn(parent: QWidget, error: InputError) -> None:
    QMessageBox.warning(parent, tr("Niet opgeslagen"), error.message)


def quadrant_choices() -> list[tuple[str, str | None]]:
    """The quadrant a measure can be placed in; it may stay open ('nog niet gekozen')."""
    return [(tr("nog niet gekozen"), None)] + [(q.label, q.value) for q in Quadrant]


def quadrant_help_html() -> str:
    """The explanation of the four quadrants, as the coach reads it beside the choice."""
    first, *quadrants = quadrant_explanation().splitlines()
    items = "".join(f"<li>{escape(line)}</li>" for line in quadrants)
    return f"{escape(first)}<ul>{items}</ul>"


def _concerns(change: Change, session: Session | None, *kinds: ChangeKind) -> bool:
    """Whether a panel showing ``session`` must follow ``change``."""
    return session is not None and change.session_id == session.id and change.kind in kinds


class StepPanel(Protocol):
    """What the session page asks of the panel of a kind of step (actions, findings,
    measures, scores, the look back): a view to put in its place, filled for a step, and
    locked when the session is finished. A new kind of step is a class with these and one
    entry in ``SessionController``'s table of panels."""

    @property
    def view(self) -> QWidget: ...

    def show_step(self, session: Session, step: Step) -> None: ...

    def set_read_only(self, read_only: bool) -> None: ...


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
        self.view.edit_button.clicked.connect(self.edit)
        self.view.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.view.remove_button.clicked.connect(self.remove)

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.view.new_text,
            self.view.add_button,
            self.view.edit_button,
            self.view.remove_button,
        ):
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
            session_id, step_key, text = self.session.id, self.step.key, self.view.new_text.text()
            self.changes.run(
                lambda: add_finding(self.db, session_id, step_key, text),
                lambda finding: self._change(finding.id, Happened.ADDED),
                by=self,
            )
        except InputError as error:
            _warn(self.view, error)
            return
        self.view.new_text.clear()

    def edit(self) -> None:
        """Change a finding's wording; a reviewteam's measures stay linked to it."""
        row = self.view.table.currentRow()
        if not (0 <= row < len(self.findings)) or not self.view.edit_button.isVisible():
            return
        finding = self.findings[row]
        dialog = FindingDialog(finding.text, self.view)
        dialog.submit = lambda: self.changes.run(
            lambda: update_finding(self.db, finding.id, dialog.text.text()),
            self._change(finding.id),
            by=self,
        )
        if dialog.run():
            self.view.table.selectRow(row)

    def remove(self) -> None:
        assert self.session
        row = self.view.table.currentRow()
        if 0 <= row < len(self.findings):
            finding = self.findings[row]
            try:  # refused when a reviewteam already made measures of this finding
                self.changes.run(
                    lambda: remove_finding(self.db, finding.id),
                    self._change(finding.id, Happened.REMOVED),
                    by=self,
                )
            except InputError as error:
                _warn(self.view, error)

    def _change(self, finding_id: str, happened: Happened = Happened.EDITED) -> Change:
        assert self.session
        return Change(ChangeKind.FINDING, finding_id, self.session.id, happened)


class MeasuresPanel:
    def __init__(self, db: Database, today: Callable[[], date], changes: ChangeHub) -> None:
        self.db = db
        self.today = today
        self.changes = changes
        changes.changed.connect(self._follow)
        self.view = MeasuresPanelView()
        for level in CHOOSABLE_LEVELS:
            self.view.level.add_choice(level.label, level.value)
        for label, value in quadrant_choices():
            self.view.quadrant.add_choice(label, value)
        self.view.quadrant_help.setText(quadrant_help_html())
        self.session: Session | None = None
        self.findings: list[Finding] = []
        self.measures: list[Measure] = []
        self.view.findings.itemSelectionChanged.connect(self._show_measures)
        self.view.add_button.clicked.connect(self.add)
        self.view.what.returnPressed.connect(self.add)
        self.view.edit_button.clicked.connect(self.edit)
        self.view.measures.itemDoubleClicked.connect(lambda _item: self.edit())
        self.view.remove_button.clicked.connect(self.remove)
        self.earlier: list[tuple[Measure, ReviewOutcome | None]] = []
        self.view.done_button.clicked.connect(lambda: self.review(ReviewOutcome.DONE))
        self.view.continue_button.clicked.connect(lambda: self.review(ReviewOutcome.CONTINUED))
        self.view.drop_button.clicked.connect(lambda: self.review(ReviewOutcome.DROPPED))

    def show_step(self, session: Session, step: Step) -> None:
        self.session = session
        # The template asks for a date per measure: a month ahead unless the coach picks one.
        self.view.due.setDate(to_qdate(self.today()).addDays(28))
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
            self.view.quadrant,
            self.view.quadrant_label,
            self.view.quadrant_help,
            self.view.due,
            self.view.add_button,
            self.view.edit_button,
            self.view.remove_button,
        ):
            widget.setVisible(not read_only)
        for button in self._review_buttons():
            button.setVisible(bool(self.earlier) and not read_only)

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
            self.view.measures,
            [
                (
                    m.what,
                    m.owner or "–",
                    m.level.label,
                    m.quadrant.label if m.quadrant else "–",
                    short(m.due_date) if m.due_date else "–",
                )
                for m in self.measures
            ],
        )
        self._show_earlier(finding)

    def _show_earlier(self, finding: Finding | None) -> None:
        """The look back on this finding's measures from earlier reviewteam sessions."""
        assert self.session
        self.earlier = earlier_measures(self.db, self.session.id, finding.id) if finding else []
        fill_table(
            self.view.earlier,
            [
                (
                    m.what,
                    m.owner,
                    short(m.due_date) if m.due_date else "–",
                    tr(STATUS_LABELS[m.status]),
                    tr(OUTCOME_LABELS[outcome]) if outcome else tr("nog bespreken"),
                )
                for m, outcome in self.earlier
            ],
        )
        shown = bool(self.earlier)
        for widget in (self.view.earlier_heading, self.view.earlier):
            widget.setVisible(shown)
        for button in self._review_buttons():
            button.setVisible(shown and not self.session.is_finished)

    def _review_buttons(self) -> tuple[QWidget, ...]:
        return (self.view.done_button, self.view.continue_button, self.view.drop_button)

    def review(self, outcome: ReviewOutcome) -> None:
        assert self.session
        row = self.view.earlier.currentRow()
        if not 0 <= row < len(self.earlier):
            _warn(self.view, InputError(tr("Kies eerst de eerdere maatregel waar het om gaat.")))
            return
        measure = self.earlier[row][0]
        new_due = None
        if outcome is ReviewOutcome.CONTINUED:
            dialog = MeasureReviewDialog(measure.what, self.today(), self.view)
            if not dialog.run():
                return
            new_due = dialog.new_due_date()
        session_id = self.session.id
        self.changes.run(
            lambda: review_measure(self.db, measure.id, session_id, outcome, new_due),
            self._change(measure.id),
            by=self,
        )
        self.view.earlier.selectRow(row)

    def add(self) -> None:
        assert self.session
        finding = self._current_finding()
        if finding is None:
            _warn(self.view, InputError(tr("Kies eerst de bevinding waar de maatregel bij hoort.")))
            return
        session_id, view = self.session.id, self.view
        try:
            self.changes.run(
                lambda: add_measure(
                    self.db,
                    session_id,
                    finding.id,
                    view.what.text(),
                    view.owner.text(),
                    view.level.value() or "",
                    from_qdate(view.due.date()),
                    view.quadrant.value(),
                ),
                lambda measure: self._change(measure.id, Happened.ADDED),
                by=self,
            )
        except InputError as error:
            _warn(self.view, error)
            return
        self.view.what.clear()
        self.view.quadrant.select(None)

    def edit(self) -> None:
        """Change a measure: what, owner, level, quadrant and the date it is to be done."""
        row = self.view.measures.currentRow()
        if not (0 <= row < len(self.measures)) or not self.view.edit_button.isVisible():
            return
        measure = self.measures[row]
        levels = [(level.label, level.value) for level in CHOOSABLE_LEVELS]
        dialog = MeasureDialog(measure, levels, quadrant_choices(), self.today(), self.view)
        dialog.submit = lambda: self.changes.run(
            lambda: update_measure(
                self.db,
                measure.id,
                what=dialog.what.text(),
                owner=dialog.owner.text(),
                level=dialog.level.value() or "",
                due=dialog.due.value(),
                quadrant=dialog.quadrant.value(),
            ),
            self._change(measure.id),
            by=self,
        )
        if dialog.run():
            self.view.measures.selectRow(row)

    def _change(self, measure_id: str, happened: Happened = Happened.EDITED) -> Change:
        """What a measure's operation says; every view of it (this panel too, in _follow)
        shows it again."""
        assert self.session
        return Change(ChangeKind.MEASURE, measure_id, self.session.id, happened)

    def remove(self) -> None:
        assert self.session
        row = self.view.measures.currentRow()
        if 0 <= row < len(self.measures):
            measure = self.measures[row]
            self.changes.run(
                lambda: remove_measure(self.db, measure.id),
                self._change(measure.id, Happened.REMOVED),
                by=self,
            )

    def _follow(self, change: Change) -> None:
        if _concerns(change, self.session, ChangeKind.MEASURE, ChangeKind.FINDING):
            finding_row = self.view.findings.currentRow()
            assert self.session is not None  # _concerns: a change of the shown session
            self.findings = linked_findings(self.db, self.session.id)
            self._refresh_findings()
            self.view.findings.selectRow(finding_row)
            self._show_measures()


class ThemesPanel:
    """From N=1 to N=veel: the coach ticks findings of this and earlier casegroep sessions
    and names the theme they share; choosing a theme ticks its findings again."""

    def __init__(self, db: Database, changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        changes.changed.connect(self._follow)
        self.view = ThemesPanelView()
        self.session: Session | None = None
        self.step: Step | None = None
        self.offered: list[Finding] = []
        self.themes: list[Theme] = []
        self.view.add_button.clicked.connect(self.add)
        self.view.text.returnPressed.connect(self.add)
        self.view.save_button.clicked.connect(self.save)
        self.view.remove_button.clicked.connect(self.remove)
        self.view.themes.itemSelectionChanged.connect(self._theme_chosen)

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        cases = findings_to_cluster(self.db, session.id)
        self.offered = [finding for case in cases for finding in case.findings]
        rows = []
        for case in cases:
            source = tr(
                "{team}, {date}", team=case.session.team_name, date=short(case.session.date)
            )
            if case.linked:
                source = tr("{source} (deze review)", source=source)
            rows += [(f"{n}. {finding.text}", source) for n, finding in enumerate(case.findings, 1)]
        fill_table(self.view.findings, rows)
        for row in range(len(rows)):
            item = self._box(row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.view.text,
            self.view.add_button,
            self.view.save_button,
            self.view.remove_button,
        ):
            widget.setVisible(not read_only)

    def refresh(self) -> None:
        assert self.session
        self.themes = session_themes(self.db, self.session.id)
        fill_table(
            self.view.themes,
            [
                (f"{n}. {theme.text}", theme_counts(self.db, theme))
                for n, theme in enumerate(self.themes, start=1)
            ],
        )

    def checked(self) -> list[str]:
        """The ids of the ticked findings, in the order shown."""
        return [
            finding.id
            for row, finding in enumerate(self.offered)
            if self._box(row).checkState() == Qt.CheckState.Checked
        ]

    def _box(self, row: int) -> QTableWidgetItem:
        """The finding's cell, which holds its check box."""
        item = self.view.findings.item(row, 0)
        assert item is not None  # show_step fills every row
        return item

    def _tick(self, finding_ids: tuple[str, ...] | list[str]) -> None:
        for row, finding in enumerate(self.offered):
            ticked = finding.id in finding_ids
            state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            self._box(row).setCheckState(state)

    def _current(self) -> Theme | None:
        row = self.view.themes.currentRow()
        return self.themes[row] if 0 <= row < len(self.themes) else None

    def _theme_chosen(self) -> None:
        theme = self._current()
        if theme is not None:
            self.view.text.setText(theme.text)
            self._tick(theme.finding_ids)

    def add(self) -> None:
        assert self.session and self.step
        session_id, step_key = self.session.id, self.step.key
        text, findings = self.view.text.text(), self.checked()
        try:
            self.changes.run(
                lambda: add_theme(self.db, session_id, step_key, text, findings),
                lambda theme: self._change(theme.id, Happened.ADDED),
                by=self,
            )
        except InputError as error:
            _warn(self.view, error)
            return
        self.view.text.clear()
        self._tick([])

    def save(self) -> None:
        theme = self._current()
        if theme is None:
            _warn(self.view, InputError(tr("Kies eerst het thema dat je wilt wijzigen.")))
            return
        text, findings = self.view.text.text(), self.checked()
        try:
            self.changes.run(
                lambda: update_theme(self.db, theme.id, text, findings),
                self._change(theme.id),
                by=self,
            )
        except InputError as error:
            _warn(self.view, error)

    def remove(self) -> None:
        theme = self._current()
        if theme is not None:
            self.changes.run(
                lambda: remove_theme(self.db, theme.id),
                self._change(theme.id, Happened.REMOVED),
                by=self,
            )

    def _change(self, theme_id: str, happened: Happened = Happened.EDITED) -> Change:
        assert self.session
        return Change(ChangeKind.THEME, theme_id, self.session.id, happened)

    def _follow(self, change: Change) -> None:
        if _concerns(change, self.session, ChangeKind.THEME):
            row = self.view.themes.currentRow()
            self.refresh()
            if 0 <= row < len(self.themes):
                self.view.themes.selectRow(row)


class RatingsPanel:
    def __init__(self, db: Database, changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        self.view = RatingsPanelView()
        self.groups: dict[str, QButtonGroup] = {}
        self.people_rows: dict[str, RatingRowView] = {}
        # Rows made as a step needs them and kept: the next step fills them again.
        self._pool: list[tuple[RatingRowView, QButtonGroup]] = []
        self._read_only = False
        self.session: Session | None = None
        self.step: Step | None = None

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        self.groups.clear()
        self.people_rows.clear()
        low, high = step.scale_words()
        self.view.scale.setText(
            tr(
                "<b>Cijfer</b>: {min} = {low}, {max} = {high}. Eerst ieder voor zich: typ "
                "achter 'Ieder' één cijfer per aanwezige, in de volgorde {names} (- = geen "
                "cijfer). Kies dan samen het teamcijfer.",
                min=MIN_RATING,
                max=MAX_RATING,
                low=escape(low),
                high=escape(high),
                names=escape(", ".join(person.name for person in session.present)),
            )
        )
        stored = session_item_scores(self.db, session.id)
        for at, item in enumerate(step.items):
            if at == len(self._pool):
                self._pool.append(self._new_row())
            row, group = self._pool[at]
            self._fill_row(row, group, item, stored.get((step.key, item.key), ItemScores(None)))
        for at, (row, _group) in enumerate(self._pool):
            row.setVisible(at < len(step.items))

    def _new_row(self) -> tuple[RatingRowView, QButtonGroup]:
        row = RatingRowView()
        group = QButtonGroup(row)
        for score in range(MIN_RATING, MAX_RATING + 1):
            choice = QRadioButton(str(score))
            group.addButton(choice, score)
            row.choices.addWidget(choice)
        group.idClicked.connect(lambda score: self._rate(row.item_key, score))
        row.people.textEdited.connect(lambda text: self._rate_people(row.item_key, text))
        self.view.rows.addWidget(row)
        return row, group

    def _fill_row(
        self, row: RatingRowView, group: QButtonGroup, item: RatingItem, scores: ItemScores
    ) -> None:
        assert self.session
        behaviours = "".join(f"<br>• {escape(b)}" for b in item.behaviours)
        names = ", ".join(person.name for person in self.session.present)
        row.show_item(
            item.key,
            f"<b>{escape(item.title)}</b>{behaviours}",
            tr(
                "{item}: één cijfer per persoon, in de volgorde {names}",
                item=item.title,
                names=names,
            ),
        )
        group.setExclusive(False)  # so that no score can be checked
        for choice in group.buttons():
            score = group.id(choice)
            choice.setObjectName(f"rating_{item.key}_{score}")
            choice.setAccessibleName(tr("{item}: {score} van 5", item=item.title, score=score))
            choice.setChecked(scores.team == score)
            choice.setEnabled(not self._read_only)
        group.setExclusive(True)
        row.people.setMaxLength(max(1, len(self.session.present)))
        row.people.setText(self._digits(scores))
        row.people.setReadOnly(self._read_only)
        self._show_spread(row, scores)
        self.groups[item.key] = group
        self.people_rows[item.key] = row

    def _digits(self, scores: ItemScores) -> str:
        """The stored scores as the row of digits the coach typed, in the order present."""
        assert self.session
        digits = [str(scores.people.get(p.id, NO_SCORE)) for p in self.session.present]
        return "".join(digits).rstrip(NO_SCORE)

    def _rate(self, item_key: str, score: int) -> None:
        assert self.session and self.step
        session_id, step_key = self.session.id, self.step.key
        self.changes.run(
            lambda: set_rating(self.db, session_id, step_key, item_key, score),
            self._change(),
            by=self,
        )

    def _rate_people(self, item_key: str, text: str) -> None:
        """Each typed digit is the score of the person at that place; anything else is none."""
        assert self.session and self.step
        allowed = {str(n) for n in range(MIN_RATING, MAX_RATING + 1)}
        cleaned = "".join(c if c in allowed else NO_SCORE for c in text if not c.isspace())
        row = self.people_rows[item_key]
        if cleaned != text:
            row.people.setText(cleaned)
        scores: dict[str, int | None] = {
            person.id: int(cleaned[i]) if i < len(cleaned) and cleaned[i] != NO_SCORE else None
            for i, person in enumerate(self.session.present)
        }
        session_id, step_key = self.session.id, self.step.key
        self.changes.run(
            lambda: set_people_ratings(self.db, session_id, step_key, item_key, scores),
            self._change(),
            by=self,
        )
        stored = session_item_scores(self.db, self.session.id)
        self._show_spread(row, stored.get((self.step.key, item_key), ItemScores(team=None)))

    @staticmethod
    def _show_spread(row: RatingRowView, scores: ItemScores) -> None:
        spread = scores.spread
        row.spread.setText(spread.describe() if spread else "")

    def _change(self) -> Change:
        assert self.session
        return Change(ChangeKind.RATING, self.session.id, self.session.id)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for group in self.groups.values():
            for choice in group.buttons():
                choice.setEnabled(not read_only)
        for row in self.people_rows.values():
            row.people.setReadOnly(read_only)


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
        dialog.submit = lambda: self.changes.run(
            lambda: review_action(
                self.db,
                action.id,
                session_id,
                outcome,
                dialog.learned.toPlainText(),
                dialog.new_due_date(),
            ),
            Change(ChangeKind.REVIEW, action.id, session_id),
            by=self,
        )
        dialog.run()

    def _follow(self, change: Change) -> None:
        if _concerns(change, self.session, ChangeKind.REVIEW, ChangeKind.ACTION):
            row = self.view.table.currentRow()
            self.refresh()
            self.view.table.selectRow(row)

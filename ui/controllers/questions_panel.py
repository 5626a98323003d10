"""The question coach in a step where the group asks questions: the coach (or a scribe)
types each question as it is asked; the rules name its kind, the coach may correct it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableWidgetItem
from sqlite_utils import Database

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.i18n import tr
from leersessie.method.models import Session
from leersessie.method.questions import (
    Question,
    QuestionKind,
    add_question,
    correct_kind,
    good_share,
    kind_label,
    question_coach_on,
    remove_question,
    session_questions,
    set_question_coach,
    share_text,
)
from leersessie.method.templates import Step
from leersessie_ui.changes import ChangeHub
from leersessie_ui.views.panels import cells_at_once
from leersessie_ui.views.questions_view import QuestionsPanelView


class QuestionsPanel:
    def __init__(self, db: Database, changes: ChangeHub) -> None:
        self.db = db
        self.changes = changes
        # Steps whose questions the coach put on the group screen: off by default, like notes.
        self._on_group: set[tuple[str, str]] = set()
        # Steps where each question shows its kind there too; else only the tally of kinds.
        self._labels_on_group: set[tuple[str, str]] = set()
        self.view = QuestionsPanelView()
        self.session: Session | None = None
        self.step: Step | None = None
        self.questions: list[Question] = []
        self.view.new_text.returnPressed.connect(self.add)
        self.view.add_button.clicked.connect(self.add)
        self.view.remove_button.clicked.connect(self.remove)
        self.view.coach.toggled.connect(self._set_coach)
        self.view.zoomed.connect(self._fit_kind_column)
        self.view.on_group.toggled.connect(self._show_on_group)
        self.view.labels_on_group.toggled.connect(self._show_labels_on_group)
        self.view.table.currentCellChanged.connect(lambda row, *_: self._explain(row))

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        self.view.asker.clear()
        self.view.asker.addItem(tr("(wie vroeg?)"), None)
        for person in session.present:
            self.view.asker.addItem(person.name, person.id)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.view.new_text, self.view.asker, self.view.add_button):
            widget.setVisible(not read_only)
        self.view.remove_button.setVisible(not read_only)
        self.view.coach.setEnabled(not read_only)

    @property
    def coach_on(self) -> bool:
        assert self.session
        return question_coach_on(self.db, self.session.id)

    def refresh(self) -> None:
        assert self.session and self.step
        self.questions = session_questions(self.db, self.session.id, self.step.key)
        coach = self.coach_on
        for check, checked in (
            (self.view.coach, coach),
            (self.view.on_group, self.on_group(self.session.id, self.step.key)),
            (self.view.labels_on_group, self.labels_on_group(self.session.id, self.step.key)),
        ):
            check.blockSignals(True)
            check.setChecked(checked)
            check.blockSignals(False)
        self.view.labels_on_group.setEnabled(coach and self.view.on_group.isChecked())
        table = self.view.table
        table.setColumnHidden(1, not coach)
        table.setRowCount(len(self.questions))
        with cells_at_once(table):
            for row, question in enumerate(self.questions):
                table.setItem(row, 0, QTableWidgetItem(question.text))
                if coach:
                    self._show_kind(row, question)
                else:
                    table.removeCellWidget(row, 1)
        table.resizeRowsToContents()
        self._fit_kind_column()
        self._show_share(coach)
        self._explain(table.currentRow())

    def _fit_kind_column(self) -> None:
        """A cell widget does not count for a column's content width: measure it (again
        after a zoom)."""
        box = self.view.kind_box(0)
        if box is not None:
            self.view.table.setColumnWidth(1, box.sizeHint().width())

    def _show_kind(self, row: int, question: Question) -> None:
        """The row's choice of kind, filled in place where it has one: showing the step
        again makes no widgets (nor leaves wrappers of deleted ones behind)."""
        box = self.view.kind_box(row)
        if box is None:
            box = QComboBox(objectName="questionKind")
            for kind in QuestionKind:
                box.addItem(kind_label(kind), kind)
            box.activated.connect(
                lambda index, at=row: self._correct(self.questions[at], list(QuestionKind)[index])
            )
            self.view.table.setCellWidget(row, 1, box)
        box.setAccessibleName(tr("Soort vraag: {text}", text=question.text))
        box.setCurrentIndex(list(QuestionKind).index(question.kind))
        box.setToolTip(question.classification.reason)

    def _show_share(self, coach: bool) -> None:
        share = good_share(q.kind for q in self.questions) if coach else None
        self.view.share.setVisible(share is not None)
        if share is not None:
            asked = sum(q.kind is not QuestionKind.NONE for q in self.questions)
            self.view.share.setValue(round(share * 100))
            self.view.share.setFormat(share_text(round(share * asked), asked))

    def _explain(self, row: int) -> None:
        if not (self.coach_on and 0 <= row < len(self.questions)):
            self.view.explanation.clear()
            return
        found = self.questions[row].classification
        text = found.reason
        if found.open_example:
            text += " " + tr("Open gevraagd bijvoorbeeld: “{example}”", example=found.open_example)
        self.view.explanation.setText(text)

    def add(self) -> None:
        assert self.session and self.step
        session_id, step_key = self.session.id, self.step.key
        text, asker = self.view.new_text.text(), self.view.asker.currentData()
        asked = self.changes.run(
            lambda: add_question(self.db, session_id, step_key, text, asker),
            lambda added: [self._change(added.id, Happened.ADDED)] if added else [],
            by=self,
        )
        self.view.new_text.clear()
        self.view.asker.setCurrentIndex(0)
        if asked:  # an empty line adds nothing
            self.refresh()
            self.view.table.setCurrentCell(len(self.questions) - 1, 0)
            self.view.new_text.setFocus()

    def _correct(self, question: Question, kind: QuestionKind) -> None:
        assert self.session
        corrected = None if kind is question.classification.kind else kind
        self.changes.run(
            lambda: correct_kind(self.db, question.id, corrected),
            self._change(question.id),
            by=self,
        )
        self.refresh()

    def remove(self) -> None:
        assert self.session
        row = self.view.table.currentRow()
        if 0 <= row < len(self.questions):
            question = self.questions[row]
            self.changes.run(
                lambda: remove_question(self.db, question.id),
                self._change(question.id, Happened.REMOVED),
                by=self,
            )
            self.refresh()

    def _set_coach(self, on: bool) -> None:
        assert self.session
        session_id = self.session.id
        self.changes.run(
            lambda: set_question_coach(self.db, session_id, on),
            Change(ChangeKind.SESSION, session_id, session_id),
            by=self,
        )
        self.refresh()

    def on_group(self, session_id: str, step_key: str) -> bool:
        """Whether the coach put this step's questions on the group screen."""
        return (session_id, step_key) in self._on_group

    def labels_on_group(self, session_id: str, step_key: str) -> bool:
        """Whether each question on the group screen shows its own kind."""
        return (session_id, step_key) in self._labels_on_group

    def _show_on_group(self, shown: bool) -> None:
        self._toggle(self._on_group, shown)
        self.view.labels_on_group.setEnabled(self.coach_on and shown)

    def _show_labels_on_group(self, shown: bool) -> None:
        self._toggle(self._labels_on_group, shown)

    def _toggle(self, steps: set[tuple[str, str]], on: bool) -> None:
        assert self.session and self.step
        key = (self.session.id, self.step.key)
        # Nothing is written: what the group screen shows changes, and it follows.
        self.changes.run(
            lambda: steps.add(key) if on else steps.discard(key),
            self._change(""),
            by=self,
        )

    def _change(self, question_id: str, happened: Happened = Happened.EDITED) -> Change:
        assert self.session
        return Change(ChangeKind.QUESTION, question_id, self.session.id, happened)

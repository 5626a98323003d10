"""Forms: a new team, a new session, an action. Each collects input; the caller hands it
to the core, and a refusal from the core (InputError) is shown inside the form, which
stays open with everything the user typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.memory.actions import check_action_text
from leersessie.method.leerreview import Measure
from leersessie.method.models import Action, Person, SessionInfo, Team
from leersessie.method.teams import check_team_name
from leersessie.method.templates import Template, TemplateOrigin
from leersessie_ui.views.panels import tall_enough_for_its_text
from leersessie_ui.widgets.choice_box import ChoiceBox
from leersessie_ui.widgets.date_field import DateField
from leersessie_ui.zoom import show_whole_text


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FormDialog(QDialog):
    """A dialog whose OK runs ``check`` and then ``submit``; an InputError keeps it open
    with the message. The message goes as soon as the form is valid again, and the form
    opens with the focus in its first field (on OK, a typed space submitted it)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Callable[[], object] | None = None
        # A message from check() follows the form as it is edited; one from submit() (the
        # core refusing) stays until the next try, as only trying again can tell.
        self._message_follows_form = False
        self.form = QFormLayout()
        self.error = QLabel(objectName="warning")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("OK"))
        ok.setObjectName("okButton")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Annuleren"))
        cancel.setObjectName("cancelButton")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def run(self) -> bool:
        """Show the dialog modally; afterwards it is deleted from the GUI thread.

        ``submit`` closures refer back to the dialog; left to Python's cycle collector,
        which may run on a worker thread, the widget would be destroyed from that thread.
        """
        try:
            return bool(self.exec())
        finally:
            self.submit = None
            self.deleteLater()

    def check(self) -> None:
        """Raise InputError when the form cannot be submitted as it is; writes nothing.
        Forms add their own rules; every date field must hold a date."""
        for field in self.findChildren(DateField):
            problem = field.problem() if field.isEnabled() and field.isVisibleTo(self) else None
            if problem:
                raise InputError(problem)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def fields(self) -> list[QWidget]:
        """The form's input widgets, top to bottom."""
        found: list[QWidget | None] = []
        for row in range(self.form.rowCount()):
            for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
                item = self.form.itemAt(row, role)
                layout = item.layout() if item is not None else None
                if item is not None and layout is None:
                    widget = item.widget()  # a field, or a composite one (a due date)
                    if widget is not None:
                        found += [widget, *widget.findChildren(QWidget)]
                elif layout is not None:  # a row of widgets, e.g. a check box and a date
                    parts = (layout.itemAt(i) for i in range(layout.count()))
                    found += [part.widget() for part in parts if part is not None]
        return [w for w in found if w is not None and w.focusPolicy() & Qt.FocusPolicy.TabFocus]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter submits only from a single-line field (or presses the focused button):
        in a list or a choice it submitted the form before it was filled in."""
        return (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not isinstance(watched, (QLineEdit, QAbstractSpinBox, QAbstractButton))
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        tall_enough_for_its_text(self)
        first = next((w for w in self.fields() if w.isEnabled() and w.isVisible()), None)
        if first is not None:
            first.setFocus()
        for field in self.fields():
            self._recheck_on_edit(field)
            if isinstance(field, QPlainTextEdit):
                field.setTabChangesFocus(True)  # Tab leaves a text box, as everywhere
            elif isinstance(field, (QListWidget, QComboBox)):
                field.installEventFilter(self)

    def _recheck_on_edit(self, field: QWidget) -> None:
        if field.property("rechecks"):
            return
        field.setProperty("rechecks", True)
        signal = (
            field.textChanged
            if isinstance(field, (QLineEdit, QPlainTextEdit))
            else field.toggled
            if isinstance(field, QAbstractButton)
            else field.currentIndexChanged
            if isinstance(field, QComboBox)
            else field.currentRowChanged
            if isinstance(field, QListWidget)
            else None
        )
        if signal is not None:
            signal.connect(self._recheck)

    def _recheck(self) -> None:
        """Once a message shows, it follows the form: gone when the form is valid."""
        if self.error.isHidden() or not self._message_follows_form:
            return
        try:
            self.check()
        except InputError as error:
            self.show_error(error.message)
            return
        self.error.hide()

    def _try_accept(self) -> None:
        try:
            self.check()
        except InputError as error:
            self._message_follows_form = True
            self.show_error(error.message)
            return
        try:
            if self.submit:
                self.submit()
        except InputError as error:
            self._message_follows_form = False
            self.show_error(error.message)
            return
        self.accept()


class TeamDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, team: Team | None = None) -> None:
        super().__init__(tr("Team bewerken") if team else tr("Nieuw team"), parent)
        self.name = QLineEdit(objectName="teamName")
        self.name.setAccessibleName(tr("Naam van het team"))
        self.people = QPlainTextEdit(objectName="teamParticipants")
        self.people.setAccessibleName(tr("Deelnemers, één per regel"))
        self.people.setPlaceholderText(tr("Eén naam per regel (voornaam is genoeg)"))
        self.form.addRow(tr("&Naam"), self.name)
        self.form.addRow(tr("&Deelnemers"), self.people)
        if team:
            self.name.setText(team.name)
            self.people.setPlainText("\n".join(p.name for p in team.people if p.active))
            hint = QLabel(
                tr(
                    "Haalt u een naam weg, dan blijft die persoon in de geschiedenis "
                    "staan, maar wordt niet meer aangeboden bij een nieuwe sessie."
                ),
                objectName="muted",
            )
            hint.setWordWrap(True)
            self.form.addRow("", hint)
        self.resize(420, 360)

    def check(self) -> None:
        super().check()
        check_team_name(self.name.text())

    def participant_names(self) -> list[str]:
        return [line for line in self.people.toPlainText().splitlines() if line.strip()]


def template_description(template: Template) -> str:
    """What a coach needs to choose a format: purpose, duration, group size, source."""
    origin = tr(" (eigen sjabloon)") if template.origin is TemplateOrigin.USER else ""
    # Translated apart from the f-string: the extractor reads no calls inside one.
    duration, minutes, group, audience, source = (
        tr("Duur"),
        tr("minuten"),
        tr("Groep"),
        tr("Voor"),
        tr("Bron"),
    )
    return (
        f"<b>{escape(template.title)}</b>{origin}<br>{escape(template.summary)}<br><br>"
        f"<b>{duration}:</b> {template.duration_minutes} {minutes} · "
        f"<b>{group}:</b> {escape(template.group_size)}<br>"
        f"<b>{audience}:</b> {escape(template.audience)}<br>"
        f"<small>{source}: {escape(template.source.document)}, "
        f"{escape(template.source.section)}</small>"
    )


class NewSessionDialog(FormDialog):
    def __init__(
        self, teams: Sequence[Team], templates: Sequence[Template], parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("Nieuwe sessie"), parent)
        self.team = ChoiceBox(objectName="sessionTeam")
        self.team.setAccessibleName(tr("Team"))
        for team in teams:
            self.team.add_choice(team.name, team.id)
        self.template_list = QListWidget(objectName="sessionTemplate")
        self.template_list.setAccessibleName(tr("Werkvorm"))
        self.template_list.setMinimumWidth(270)
        show_whole_text(self.template_list)
        for template in templates:
            item = QListWidgetItem(template.title)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            self.template_list.addItem(item)
        self.template_info = QLabel(objectName="templateInfo")
        self.template_info.setWordWrap(True)
        self.template_info.setMinimumWidth(320)
        self.template_info.setAlignment(Qt.AlignmentFlag.AlignTop)
        chooser = QHBoxLayout()
        chooser.addWidget(self.template_list, 1)
        chooser.addWidget(self.template_info, 2)
        self.date = DateField("sessionDate")
        self.date.setDate(QDate.currentDate())
        self.date.setAccessibleName(tr("Datum van de sessie"))
        self.facilitator = QLineEdit(objectName="sessionFacilitator")
        self.facilitator.setAccessibleName(tr("Leercoach"))
        self.present = QListWidget(objectName="sessionPresent")
        self.present.setAccessibleName(tr("Aanwezigen"))
        # Guests from other organisations take part in this session only.
        self.guests = QPlainTextEdit(objectName="sessionGuests")
        self.guests.setAccessibleName(tr("Gasten van andere organisaties"))
        self.guests.setPlaceholderText(tr("Eén naam per regel; zij worden geen lid van het team"))
        self.guests.setTabChangesFocus(True)
        self.guests.setMaximumHeight(60)
        show_whole_text(self.present)
        self.casusinbrenger = ChoiceBox(objectName="sessionCasusinbrenger")
        self.casusinbrenger.setAccessibleName(tr("Casusinbrenger"))
        self.casusinbrenger_label = QLabel(tr("&Casusinbrenger"))
        self.casusinbrenger_label.setBuddy(self.casusinbrenger)
        self.development_question = QLabel(objectName="developmentQuestion")
        self.development_question.setWordWrap(True)
        self.linked = ChoiceBox(objectName="sessionLinked")
        self.linked.setAccessibleName(tr("Sessie waarvan de bevindingen worden uitgewerkt"))
        self.linked_label = QLabel(tr("&Bevindingen uit"))
        self.linked_label.setBuddy(self.linked)

        self.form.addRow(tr("&Team"), self.team)
        template_label = QLabel(tr("&Werkvorm"))
        template_label.setBuddy(self.template_list)  # a row holding a layout gets no buddy
        self.form.addRow(template_label, chooser)
        self.form.addRow(tr("&Datum"), self.date)
        self.form.addRow(tr("&Leercoach"), self.facilitator)
        self.form.addRow(tr("&Aanwezig"), self.present)
        self.form.addRow(tr("&Gasten"), self.guests)
        self.form.addRow(self.casusinbrenger_label, self.casusinbrenger)
        self.form.addRow("", self.development_question)
        self.form.addRow(self.linked_label, self.linked)
        self.resize(760, 640)

    def check(self) -> None:
        super().check()
        if self.selected_template_id() is None:
            raise InputError(tr("Kies een werkvorm."))

    def selected_template_id(self) -> str | None:
        item = self.template_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def set_people(self, people: Sequence[Person]) -> None:
        self.present.clear()
        for person in people:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.present.addItem(item)

    def present_ids(self) -> list[str]:
        return [
            self.present.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.present.count())
            if self.present.item(i).checkState() == Qt.CheckState.Checked
        ]

    def guest_names(self) -> list[str]:
        return [line for line in self.guests.toPlainText().splitlines() if line.strip()]

    def set_casusinbrenger_choices(self, people: Sequence[Person]) -> None:
        current = self.casusinbrenger.value()
        self.casusinbrenger.clear()
        self.casusinbrenger.add_choice(tr("– nog niet gekozen –"), None)
        for person in people:
            self.casusinbrenger.add_choice(person.name, person.id)
        self.casusinbrenger.select(current)

    def set_linkable(self, sessions: Sequence[SessionInfo]) -> None:
        self.linked.clear()
        for info in sessions:
            label = f"{info.date:%d-%m-%Y} · {info.team_name} · {info.template_title}"
            self.linked.add_choice(label, info.id)


class ActionDialog(FormDialog):
    def __init__(
        self,
        people: Sequence[Person],
        today: date,
        parent: QWidget | None = None,
        action: Action | None = None,
        default_owner: str | None = None,
    ) -> None:
        """``default_owner``: who a new action is for (the casusinbrenger, where the
        format has one)."""
        super().__init__(tr("Actie bewerken") if action else tr("Nieuwe actie"), parent)
        self.today = today
        self.what = QLineEdit(objectName="actionWhat")
        self.what.setAccessibleName(tr("Wat is de actie"))
        self.what.setPlaceholderText(tr("Wat gaat er concreet gebeuren?"))
        self.owner = ChoiceBox(objectName="actionOwner")
        self.owner.setAccessibleName(tr("Eigenaar van de actie"))
        self.owner.add_choice(tr("– nog niemand –"), None)
        for person in people:
            self.owner.add_choice(person.name, person.id)
        self.due_field = DueDateField(
            "action",
            tr("Streefdatum"),
            tr("Streefdatum van de actie"),
            today,
            action.due_date if action else None,
            default_days=14,
        )
        self.has_due, self.due = self.due_field.has_due, self.due_field.due
        self.past_warning = self.due_field.past_warning
        self.form.addRow(tr("&Wat"), self.what)
        self.form.addRow(tr("&Eigenaar"), self.owner)
        self.form.addRow(tr("Wanneer"), self.due_field)
        self.form.addRow("", self.past_warning)
        if action:
            self.what.setText(action.what)
            self.owner.select(action.owner_id)
            self.has_due.setChecked(action.due_date is not None)
        else:
            self.owner.select(default_owner)
        self.resize(520, 220)

    def check(self) -> None:
        super().check()
        check_action_text(self.what.text())

    def due_date(self) -> date | None:
        return self.due_field.value()


class ReviewDialog(FormDialog):
    """The look back on one action: what was learned, and a new date if it continues."""

    def __init__(
        self,
        action: Action,
        outcome_label: str,
        needs_new_date: bool,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Terugblik: {outcome}", outcome=outcome_label), parent)
        self.action_label = QLabel(f"<b>{escape(action.what)}</b>")
        self.action_label.setWordWrap(True)
        self.learned = QPlainTextEdit(objectName="reviewLearned")
        self.learned.setAccessibleName(tr("Wat hebben we geleerd"))
        self.learned.setPlaceholderText(tr("Wat heeft de actie opgeleverd, en wat leren we ervan?"))
        self.new_due = DateField("reviewNewDue")
        self.new_due.setAccessibleName(tr("Nieuwe streefdatum"))
        # Two weeks on, or the date it already had where that is later.
        later = max(today + timedelta(days=14), action.due_date or today)
        self.new_due.setDate(to_qdate(later))
        self.form.addRow(self.action_label)
        self.form.addRow(tr("&Geleerd"), self.learned)
        if needs_new_date:
            self.form.addRow(tr("&Nieuwe streefdatum"), self.new_due)
        self.needs_new_date = needs_new_date
        self.resize(480, 260)

    def new_due_date(self) -> date | None:
        return from_qdate(self.new_due.date()) if self.needs_new_date else None


class DueDateField(QWidget):
    """An optional date: a checkbox to have one and the date, on by default, with a
    warning (for the caller to place) when the date lies in the past."""

    def __init__(
        self,
        name: str,
        check_label: str,
        accessible: str,
        today: date,
        due: date | None,
        default_days: int = 28,
    ) -> None:
        super().__init__()
        self.today = today
        self.has_due = QCheckBox(check_label, objectName=f"{name}HasDue")
        self.due = DateField(f"{name}Due")  # takes typed dates (12-12, 12-12-2026)
        self.due.setAccessibleName(accessible)
        self.due.setDate(to_qdate(due) if due else to_qdate(today).addDays(default_days))
        self.past_warning = QLabel(
            tr("Let op: deze datum ligt in het verleden."), objectName="warning"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_due)
        row.addWidget(self.due, 1)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.has_due.toggled.connect(self._update_warning)
        self.due.dateChanged.connect(self._update_warning)
        self.has_due.setChecked(True)
        self._update_warning()

    def value(self) -> date | None:
        return self.due.value() if self.has_due.isChecked() else None

    def _update_warning(self) -> None:
        due = self.value()
        self.past_warning.setVisible(due is not None and due < self.today)


class FindingDialog(FormDialog):
    """Edit a leerreview finding's text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("Bevinding bewerken"), parent)
        self.text = QLineEdit(text, objectName="findingText")
        self.text.setAccessibleName(tr("Tekst van de bevinding"))
        self.form.addRow(tr("&Bevinding"), self.text)
        self.resize(560, 120)


class MeasureDialog(FormDialog):
    """Edit an improvement measure: what, owner, level, quadrant and the date it is to be
    done."""

    def __init__(
        self,
        measure: Measure,
        levels: Sequence[tuple[str, str]],
        quadrants: Sequence[tuple[str, str | None]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Maatregel bewerken"), parent)
        self.what = QLineEdit(measure.what, objectName="measureEditWhat")
        self.what.setAccessibleName(tr("Verbetermaatregel"))
        self.owner = QLineEdit(measure.owner, objectName="measureEditOwner")
        self.owner.setAccessibleName(tr("Eigenaar van de maatregel"))
        self.level = ChoiceBox(objectName="measureEditLevel")
        self.level.setAccessibleName(tr("Niveau van de maatregel"))
        for label, value in levels:
            self.level.add_choice(label, value)
        self.level.select(measure.level.value)
        self.quadrant = ChoiceBox(objectName="measureEditQuadrant")
        self.quadrant.setAccessibleName(tr("Kwadrant van de maatregel"))
        for label, choice in quadrants:
            self.quadrant.add_choice(label, choice)
        self.quadrant.select(measure.quadrant.value if measure.quadrant else None)
        self.due = DueDateField(
            "measureEdit",
            tr("Klaar op"),
            tr("Datum waarop de maatregel klaar is"),
            today,
            measure.due_date,
        )
        self.due.has_due.setChecked(measure.due_date is not None)
        self.form.addRow(tr("&Wat"), self.what)
        self.form.addRow(tr("&Eigenaar"), self.owner)
        self.form.addRow(tr("&Niveau"), self.level)
        self.form.addRow(tr("&Kwadrant"), self.quadrant)
        self.form.addRow(tr("Wanneer"), self.due)
        self.form.addRow("", self.due.past_warning)
        self.resize(560, 220)


class MeasureReviewDialog(FormDialog):
    """A measure that continues: the new date by which it is to be done."""

    def __init__(self, what: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(tr("Maatregel loopt door"), parent)
        label = QLabel(f"<b>{escape(what)}</b>")
        label.setWordWrap(True)
        self.new_due = DateField("measureNewDue")  # takes typed dates, like every date field
        self.new_due.setAccessibleName(tr("Nieuwe datum waarop de maatregel klaar is"))
        self.new_due.setDate(to_qdate(today).addDays(28))
        self.form.addRow(label)
        self.form.addRow(tr("&Nieuwe datum"), self.new_due)
        self.resize(440, 140)

    def new_due_date(self) -> date:
        return from_qdate(self.new_due.date())

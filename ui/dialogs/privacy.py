"""Layouts of the dialogs that guard sensitive data: the client-data check, retention,
backups, the "niet vastleggen" list, and pseudonymising a participant."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie.method.models import Person
from leersessie_ui.views.panels import button, dialog_buttons, make_table
from leersessie_ui.widgets.choice_box import ChoiceBox


class SensitiveCheckDialog(QDialog):
    """Each hit in context, with one step to replace it by a pseudonym. Warns, never blocks."""

    def __init__(self, continue_label: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Controle op cliëntgegevens"))
        self.intro = QLabel(objectName="sensitiveIntro")
        self.intro.setWordWrap(True)
        self.table = make_table(
            "sensitiveHits",
            tr("Mogelijke cliëntgegevens"),
            [tr("In de context"), tr("Wat"), tr("Waar")],
        )
        self.pseudonym = QLineEdit(objectName="sensitivePseudonym")
        self.pseudonym.setAccessibleName(tr("Vervangende tekst"))
        self.pseudonym.setText(tr("[verwijderd]"))
        self.replace_button = button(tr("Vervangen"), "replaceHit", tr("Gekozen vondst vervangen"))
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Vervangen door:")))
        row.addWidget(self.pseudonym, 1)
        row.addWidget(self.replace_button)
        self.buttons = dialog_buttons(
            self, continue_label, tr("Sluiten") if not continue_label else tr("Annuleren")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(820, 460)


class RetentionDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Bewaartermijn"))
        self.months = QSpinBox(objectName="retentionMonths", minimum=0, maximum=240)
        self.months.setAccessibleName(tr("Bewaartermijn in maanden (0 is uit)"))
        self.months.setSpecialValueText(tr("uit"))
        self.months.setSuffix(tr(" maanden"))
        self.explanation = QLabel(objectName="retentionExplanation")
        self.explanation.setWordWrap(True)
        self.preview = make_table(
            "retentionPreview",
            tr("Sessies die verwijderd worden"),
            [tr("Team"), tr("Werkvorm"), tr("Datum")],
        )
        self.delete_now = button(tr("Deze sessies nu verwijderen…"), "retentionApply")
        form = QFormLayout()
        form.addRow(tr("Sessies bewaren"), self.months)
        self.buttons = dialog_buttons(self, tr("Instelling bewaren"), tr("Annuleren"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.delete_now)
        layout.addWidget(self.buttons)
        self.resize(640, 480)


class BackupsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Reservekopie terugzetten"))
        self.intro = QLabel(
            tr(
                "Kies de reservekopie die u wilt terugzetten. De huidige gegevens "
                "worden eerst zelf als reservekopie bewaard, zodat niets verloren "
                "gaat."
            )
        )
        self.intro.setWordWrap(True)
        self.table = make_table(
            "backupList", tr("Reservekopieën"), [tr("Gemaakt op"), tr("Soort"), tr("Grootte")]
        )
        self.other_file = button(
            tr("Ander bestand…"), "restoreOtherFile", tr("Een ander reservekopiebestand kiezen")
        )
        self.buttons = dialog_buttons(self, tr("Terugzetten"), tr("Annuleren"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.other_file)
        layout.addWidget(self.buttons)
        self.resize(560, 420)


class BlockedNamesDialog(QDialog):
    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Lijst 'niet vastleggen'"))
        intro = QLabel(
            tr(
                "Namen die nooit in notities horen, zoals die van cliënten en "
                "gezinsleden. De controle op cliëntgegevens waarschuwt als ze toch "
                "voorkomen. Eén naam per regel; de lijst blijft op deze computer."
            )
        )
        intro.setWordWrap(True)
        self.names = QPlainTextEdit(objectName="blockedNames")
        self.names.setAccessibleName(tr("Namen die niet vastgelegd mogen worden"))
        self.names.setPlainText("\n".join(names))
        self.buttons = dialog_buttons(self, tr("Bewaren"), tr("Annuleren"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.buttons)
        self.resize(440, 380)


class PseudonymDialog(QDialog):
    def __init__(self, people: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Deelnemer vervangen door een schuilnaam"))
        intro = QLabel(
            tr(
                "De naam verdwijnt overal: uit de deelnemerslijst en uit alle "
                "notities, acties en bevindingen waarin hij voluit staat. Dit kan "
                "niet ongedaan worden gemaakt."
            )
        )
        intro.setWordWrap(True)
        self.person = ChoiceBox(objectName="pseudonymPerson")
        self.person.setAccessibleName(tr("Deelnemer"))
        for person in people:
            self.person.add_choice(person.name, person.id)
        self.pseudonym = QLineEdit(objectName="pseudonymName")
        self.pseudonym.setAccessibleName(tr("Schuilnaam"))
        self.pseudonym.setPlaceholderText(tr("bijvoorbeeld Deelnemer A"))
        form = QFormLayout()
        form.addRow(tr("&Deelnemer"), self.person)
        form.addRow(tr("&Schuilnaam"), self.pseudonym)
        self.buttons = dialog_buttons(self, tr("Vervangen"), tr("Annuleren"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

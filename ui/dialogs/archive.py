"""Layouts of the team archive dialogs: what to export, and the import plan to confirm."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie.method.models import Team
from leersessie_ui.views.panels import dialog_buttons, passphrase_field, tall_enough_for_its_text
from leersessie_ui.widgets.choice_box import ChoiceBox
from leersessie_ui.zoom import MinimumLines

PLAN_LINES = 10


class ExportTeamDialog(QDialog):
    """The team, and optionally a passphrase (typed twice)."""

    def __init__(self, teams: Sequence[Team], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Team exporteren"))
        intro = QLabel(
            tr(
                "Het teamarchief bevat de hele geschiedenis van het team: sessies, notities, "
                "acties met hun terugblikken, bevindingen en scores. Een andere leercoach of "
                "laptop kan het importeren en samenvoegen."
            )
        )
        intro.setWordWrap(True)
        self.team = ChoiceBox(objectName="archiveTeam")
        self.team.setAccessibleName(tr("Team"))
        for team in teams:
            self.team.add_choice(team.name, team.id)
        self.protect = QCheckBox(tr("Met een wachtwoord beveiligen"), objectName="archiveProtect")
        self.passphrase = passphrase_field("archivePassphrase")
        self.repeat = passphrase_field("archiveRepeat")
        for field, name in ((self.passphrase, tr("Wachtwoord")), (self.repeat, tr("Nog een keer"))):
            field.setAccessibleName(name)
            field.setEnabled(False)
            self.protect.toggled.connect(field.setEnabled)
        self.problem = QLabel(objectName="archiveProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Team:"), self.team)
        form.addRow("", self.protect)
        form.addRow(tr("Wachtwoord:"), self.passphrase)
        form.addRow(tr("Nog een keer:"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(dialog_buttons(self, tr("Exporteren…"), tr("Annuleren")))
        self.resize(520, 280)

    def chosen_passphrase(self) -> str | None:
        return self.passphrase.text() if self.protect.isChecked() else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        tall_enough_for_its_text(self)

    def accept(self) -> None:
        if self.protect.isChecked() and not self.passphrase.text():
            self.problem.setText(tr("Kies een wachtwoord, of zet de beveiliging uit."))
        elif self.protect.isChecked() and self.passphrase.text() != self.repeat.text():
            self.problem.setText(tr("De twee wachtwoorden verschillen. Typ ze opnieuw."))
        else:
            super().accept()


class ImportPlanDialog(QDialog):
    """What an import will add, change and delete, and its conflicts, before anything is
    written."""

    def __init__(self, lines: Sequence[str], can_import: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Importeren"))
        intro = QLabel(
            tr(
                "Dit gebeurt als u importeert. Er wordt eerst een reservekopie gemaakt; "
                "verloren gaat er niets."
            )
            if can_import
            else tr("Er valt niets te importeren.")
        )
        intro.setWordWrap(True)
        self.plan = QPlainTextEdit(objectName="importPlan")
        self.plan.setReadOnly(True)
        self.plan.setAccessibleName(tr("Wat de import doet"))
        self.plan.setPlainText("\n".join(lines))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.plan, 1)
        if can_import:
            layout.addWidget(dialog_buttons(self, tr("Importeren"), tr("Annuleren")))
        else:
            layout.addWidget(dialog_buttons(self, tr("Sluiten"), tr("Annuleren")))
        # The plan keeps ten lines of its own font in view at any zoom level.
        MinimumLines(self.plan, PLAN_LINES)
        self.resize(640, 420)

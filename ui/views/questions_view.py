"""The question coach's panel: type each question as it is asked, see its kind and why."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.views.panels import button, entry_row, stack, step_table


class QuestionsPanelView(QWidget):
    zoomed = Signal()  # the font changed: the kind column is measured again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("<b>" + tr("Gestelde vragen") + "</b>")
        self.coach = QCheckBox(tr("Vragencoach: soort vraag tonen"), objectName="questionCoach")
        self.coach.setAccessibleName(tr("Vragencoach aan of uit voor deze sessie"))
        self.on_group = QCheckBox(
            tr("Vragen tonen op het groepsscherm"), objectName="questionsOnGroup"
        )
        self.on_group.setAccessibleName(
            tr("De vragen en het aandeel open vragen op het groepsscherm tonen, zonder namen")
        )
        self.labels_on_group = QCheckBox(
            tr("Soort per vraag op het groepsscherm"), objectName="questionLabelsOnGroup"
        )
        self.labels_on_group.setAccessibleName(
            tr("Bij elke vraag op het groepsscherm haar soort tonen (anders alleen de telling)")
        )
        self.table = step_table("questionsTable", tr("Gestelde vragen"), [tr("Vraag"), tr("Soort")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.explanation = QLabel(objectName="questionExplanation")
        self.explanation.setWordWrap(True)
        self.share = QProgressBar(objectName="openShare")
        self.share.setAccessibleName(tr("Aandeel open vragen"))
        self.share.setRange(0, 100)
        self.share.setTextVisible(True)
        self.new_text = QLineEdit(objectName="newQuestion")
        self.new_text.setAccessibleName(tr("Nieuwe vraag"))
        self.new_text.setPlaceholderText(tr("Typ de vraag zoals hij gesteld wordt, dan Enter"))
        self.asker = QComboBox(objectName="questionAsker")
        self.asker.setAccessibleName(tr("Wie stelde de vraag (mag leeg blijven)"))
        self.add_button = button(tr("Toevoegen"), "addQuestion", tr("Vraag toevoegen"))
        self.remove_button = button(tr("Verwijderen"), "removeQuestion", tr("Vraag verwijderen"))
        stack(
            self,
            self.heading,
            entry_row((self.new_text, 3), (self.asker, 1), self.add_button),
            self.table,
            self.explanation,
            entry_row((self.share, 1), self.remove_button),
            # One choice a line: side by side they widened the page past a 1024 px screen.
            self.coach,
            self.on_group,
            self.labels_on_group,
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self.zoomed.emit)  # once the choices have their new font

    def kind_box(self, row: int) -> QComboBox | None:
        widget = self.table.cellWidget(row, 1)
        return widget if isinstance(widget, QComboBox) else None

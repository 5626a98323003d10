"""A step's content as the group reads it: titled lists, and the radar where there is one.

Used on the group screen (large type) and in the coach's step for what the step ``shows``;
the text comes from ``leersessie.memory.step_content``, so both screens say the same.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from leersessie.base.i18n import tr
from leersessie.memory.step_content import Section, StepContent
from leersessie.method.questions import share_text
from leersessie_ui.widgets.radar import RadarWidget, describe


def section_html(section: Section) -> str:
    """One paragraph per line, so items stay apart when they wrap."""
    if not section.lines:
        return f"<i>{escape(section.empty)}</i>"
    return "".join(f"<p style='margin: 0 0 4px 0'>{escape(line)}</p>" for line in section.lines)


class StepContentView(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # The lists on the left, the radar beside them where there is one.
        self._layout = QVBoxLayout()
        self._labels: list[QLabel] = []  # made as needed, kept, the unused hidden
        self._shown = 0
        # The share of open questions: a calm bar, no names, no colour for "bad".
        self.open_share = QProgressBar(objectName="groupOpenShare")
        self.open_share.setRange(0, 100)
        self.open_share.setAccessibleName(tr("Aandeel open en reflectieve vragen"))
        self.open_share.hide()
        self._layout.addWidget(self.open_share)
        self._layout.addStretch()
        self.radar = RadarWidget()
        self.radar_caption = QLabel(objectName="contentCaption")
        self.radar_caption.setWordWrap(True)
        self.radar_box = QWidget()
        radar_column = QVBoxLayout(self.radar_box)
        radar_column.setContentsMargins(0, 0, 0, 0)
        radar_column.addWidget(self.radar)
        radar_column.addWidget(self.radar_caption)
        radar_column.addStretch()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(self._layout, 1)
        row.addWidget(self.radar_box, 1)

    def show_content(self, content: StepContent) -> None:
        """Fill the labels in place: a step change makes no widgets (making and polishing
        them was most of its time) and leaves none behind to delete."""
        texts = [
            (name, text)
            for section in content.sections
            for name, text in (
                ("contentHeading", escape(section.title)),
                ("contentBody", section_html(section)),
            )
        ]
        while len(self._labels) < len(texts):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setIndent(0)  # a styled margin would otherwise indent the text
            self._layout.insertWidget(len(self._labels), label)
            self._labels.append(label)
        for at, label in enumerate(self._labels):
            shown = at < len(texts)
            if shown:
                name, text = texts[at]
                if label.objectName() != name:
                    label.setObjectName(name)  # heading or body: restyled only when it turns
                    label.style().unpolish(label)
                    label.style().polish(label)
                if label.text() != text:
                    label.setText(text)
            label.setVisible(shown)
        self._shown = len(texts)
        self._show_share(content.open_share)
        radar = content.radar
        if radar is not None and radar != self.radar.data:
            self.radar.set_data(radar)
            caption = describe(radar)
            if len(radar.points) > 1:
                caption += ". " + tr("Dik: deze sessie; lichter: de vorige.")
            self.radar_caption.setText(caption)
        self.radar_box.setVisible(radar is not None)

    def _show_share(self, share: tuple[int, int] | None) -> None:
        self.open_share.setVisible(share is not None)
        if share is not None:
            good, asked = share
            self.open_share.setValue(round(100 * good / asked))
            self.open_share.setFormat(share_text(good, asked))

    def texts(self) -> list[str]:
        """Every text shown, as plain text (what a reader of the screen gets)."""
        shown = [label.text() for label in self._labels[: self._shown]]
        if self.radar_box.isVisibleTo(self):
            shown.append(self.radar_caption.text())
        if self.open_share.isVisibleTo(self):
            shown.append(self.open_share.text())
        return shown

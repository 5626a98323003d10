"""Search as you type over all notes, actions and findings; a result opens its session."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QListWidgetItem

from leersessie.dates import short
from leersessie.i18n import N_, ntr, tr
from leersessie.search import SearchHit, SearchKind, search
from leersessie.workspace import Workspace
from leersessie_ui.views.search_view import SearchView

DEBOUNCE_MS = 200
RESULT_LIMIT = 50
HIGHLIGHT = "#ffe58a"
KIND_NL = {
    SearchKind.NOTE: N_("Notitie"),
    SearchKind.ACTION: N_("Actie"),
    SearchKind.FINDING: N_("Bevinding"),
    SearchKind.MEASURE: N_("Maatregel"),
    SearchKind.REVIEW: N_("Terugblik"),
}


def snippet_html(hit: SearchHit) -> str:
    """The snippet as rich text: every piece escaped, matched words marked."""
    return "".join(
        f'<b style="background-color:{HIGHLIGHT}">{escape(text)}</b>' if marked else escape(text)
        for text, marked in hit.snippet_parts
    )


def hit_heading(hit: SearchHit) -> str:
    return " · ".join(
        (tr(KIND_NL[hit.kind]), hit.team_name, short(hit.session_date), hit.template_title)
    )


def result_html(hit: SearchHit) -> str:
    return f"<b>{escape(hit_heading(hit))}</b><br>{snippet_html(hit)}"


class SearchController(QObject):
    open_result = Signal(str, str)  # session id, step key
    back_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = workspace.db
        self.view = SearchView()
        self.hits: list[SearchHit] = []
        # Search as you type, but not on every keystroke of a fast typist.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        view = self.view
        view.field.textChanged.connect(lambda _text: self.timer.start())
        view.field.returnPressed.connect(self._enter)
        view.results.itemActivated.connect(self._activated)
        view.back_button.clicked.connect(self.back_requested.emit)
        self.run()

    def focus(self) -> None:
        self.view.field.setFocus()
        self.view.field.selectAll()

    def _enter(self) -> None:
        """Enter searches at once; with results already shown it opens the selected one."""
        if self.timer.isActive() or not self.hits:
            self.run()
        self.view.results.setFocus()
        if self.view.results.currentRow() < 0 and self.hits:
            self.view.results.setCurrentRow(0)

    def run(self) -> None:
        self.timer.stop()
        query = self.view.field.text()
        self.hits = search(self.db, query, limit=RESULT_LIMIT) if query.strip() else []
        results = self.view.results
        results.clear()
        for hit in self.hits:
            self.view.add_result(result_html(hit), f"{hit_heading(hit)}: {hit.snippet}")
        self.view.state.setText(self._state_text(query))

    def _state_text(self, query: str) -> str:
        if not query.strip():
            return tr("Accenten maken niet uit: coordinatie vindt ook coördinatie.")
        if not self.hits:
            return tr("Niets gevonden voor {query}.", query=query.strip())
        if len(self.hits) >= RESULT_LIMIT:
            return tr(
                "De eerste {count} resultaten; typ meer woorden om te verfijnen.",
                count=len(self.hits),
            )
        return ntr("{n} resultaat", "{n} resultaten", len(self.hits))

    def _activated(self, item: QListWidgetItem) -> None:
        row = self.view.results.row(item)
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.open_result.emit(hit.session_id, hit.step_key)

    def open_row(self, row: int) -> None:
        self.view.results.setCurrentRow(row)
        self._activated(self.view.results.item(row))

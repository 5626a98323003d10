"""Search as you type over all notes, actions and findings; a result opens its session."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QTimer, Signal

from leersessie.base.dates import short
from leersessie.base.i18n import N_, ntr, tr
from leersessie.memory.search import (
    PREFIX_MIN_LENGTH,
    SearchHit,
    SearchKind,
    last_word_too_short_for_prefix,
    search,
)
from leersessie.workspace import Workspace
from leersessie_ui.background import LatestOnlyWorker
from leersessie_ui.views.search_view import HIGHLIGHT, SearchResult, SearchView

DEBOUNCE_MS = 200
RESULT_LIMIT = 50
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


def _result(hit: SearchHit) -> SearchResult:
    heading = hit_heading(hit)
    return SearchResult(heading, hit.snippet_parts, result_html(hit), f"{heading}: {hit.snippet}")


class SearchController(QObject):
    """Search as you type: the query runs on a worker thread after a short pause in the
    typing, and only the answer to the newest text is shown."""

    open_result = Signal(str, str)  # session id, step key
    back_requested = Signal()
    results_shown = Signal()  # after the newest results are in the list

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = SearchView()
        self.hits: list[SearchHit] = []
        self.worker = LatestOnlyWorker(workspace.db_path, self)
        self._query = ""
        self._select_first = False  # Enter was pressed before the results came
        # Search as you type, but not on every keystroke of a fast typist.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        view = self.view
        view.field.textChanged.connect(lambda _text: self.timer.start())
        view.field.returnPressed.connect(self._enter)
        view.results.activated.connect(lambda index: self._open(index.row()))
        view.back_button.clicked.connect(self.back_requested.emit)
        self.run()

    def focus(self) -> None:
        self.view.field.setFocus()
        self.view.field.selectAll()

    def _enter(self) -> None:
        """Enter searches at once; with results already shown it opens the selected one."""
        if self.timer.isActive() or not self.hits:
            self._select_first = True
            self.run()
        else:
            self._focus_results()

    def _focus_results(self) -> None:
        self.view.results.setFocus()
        if self.view.current_row() < 0 and self.hits:
            self.view.select_row(0)

    def run(self) -> None:
        """Search for the text in the field; the results arrive on the GUI thread."""
        self.timer.stop()
        query = self.view.field.text()
        if not query.strip():
            self.worker.drop_pending()
            self._show(query, [])
            return
        self.worker.submit(
            lambda db: search(db, query, limit=RESULT_LIMIT),
            lambda hits: self._show(query, hits),
        )

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.view.show_results([_result(hit) for hit in hits])
        self.view.state.setText(self._state_text(query))
        if self._select_first:
            self._select_first = False
            self._focus_results()
        self.results_shown.emit()

    def _state_text(self, query: str) -> str:
        if not query.strip():
            return tr("Accenten maken niet uit: coordinatie vindt ook coördinatie.")
        if not self.hits:
            nothing = tr("Niets gevonden voor {query}.", query=query.strip())
            if last_word_too_short_for_prefix(query):
                nothing += " " + tr(
                    "Woorden die zo beginnen, zoekt Leersessie vanaf {count} letters.",
                    count=PREFIX_MIN_LENGTH,
                )
            return nothing
        if len(self.hits) >= RESULT_LIMIT:
            return tr(
                "De eerste {count} resultaten; typ meer woorden om te verfijnen.",
                count=len(self.hits),
            )
        return ntr("{n} resultaat", "{n} resultaten", len(self.hits))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.open_result.emit(hit.session_id, hit.step_key)

    def open_row(self, row: int) -> None:
        self.view.select_row(row)
        self._open(row)

    def close(self) -> None:
        """End the search thread and its connection (the window closes)."""
        self.worker.stop()

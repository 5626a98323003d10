"""Running a session: navigating steps, autosaving notes, finishing, and the summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TypeAlias

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.dates import short, written
from leersessie.base.i18n import tr
from leersessie.memory.lookback import development_questions, set_development_question
from leersessie.memory.step_content import shown_content
from leersessie.method.models import LOOKBACK_STEP_KEY, Session
from leersessie.method.session_times import SessionTimes, read_times, save_times, whole_minutes
from leersessie.method.sessions import (
    finish_session,
    load_session,
    reopen_session,
    save_note,
    saved_note,
    session_status,
    set_current_step,
)
from leersessie.method.templates import Step, StepKind
from leersessie.privacy.client_data import Hit, blocked_names_of, scan
from leersessie.reports.formats import SUMMARY_FORMATS, OutputFormat
from leersessie.room.rounds import close_open_rounds
from leersessie.store import settings
from leersessie.workspace import Workspace
from leersessie_ui.autosave import NoteAutosaver
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.controllers.actions_panel import ActionsPanel
from leersessie_ui.controllers.questions_panel import QuestionsPanel
from leersessie_ui.controllers.round_controller import RoundController
from leersessie_ui.controllers.step_panels import (
    FindingsPanel,
    LookbackPanel,
    MeasuresPanel,
    RatingsPanel,
    StepPanel,
    ThemesPanel,
)
from leersessie_ui.views.session_view import SessionView

# The client-data check of a session before its summary is written: (session id, the
# label of the button that writes it anyway, what writes it).
ExportCheck: TypeAlias = Callable[[str, str, Callable[[], None]], None]
PRIVACY_PAUSE_MS = 1500
STORE_EVERY = 30  # seconds: how often a running session's times are stored
# Characters; a longer note is checked on a worker thread, so typing never waits on it.
PRIVACY_BACKGROUND_FROM = 10_000
# The edits of a session that the coach sees confirmed with "Opgeslagen".
EDIT_KINDS = frozenset(
    {
        ChangeKind.NOTE,
        ChangeKind.RATING,
        ChangeKind.ACTION,
        ChangeKind.REVIEW,
        ChangeKind.FINDING,
        ChangeKind.MEASURE,
        ChangeKind.THEME,
        ChangeKind.QUESTION,
        ChangeKind.DEVELOPMENT_QUESTION,
    }
)


class SessionController(QObject):
    back_requested = Signal()
    check_requested = Signal(str)  # session id: run the client-data check
    delete_requested = Signal(str, str)  # session id, a label naming it for the confirmation
    # What the group screen follows, so it never reaches into this page's widgets.
    notes_choice_changed = Signal(bool)  # the coach chose to show (or hide) the step's notes
    time_up = Signal()  # the step's timebox ran out

    def __init__(
        self,
        workspace: Workspace,
        runner: BackgroundRunner,
        changes: ChangeHub,
        check_before_export: ExportCheck,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.db = workspace.db
        self.runner = runner
        self.changes = changes
        # Before a summary leaves the app: the client-data check (warns, never blocks).
        # Required: a summary never leaves without it.
        self.check_before_export = check_before_export
        # Data replaced elsewhere (the client-data check) while a dialog is open: shown
        # again once the dialog is gone, not under the feet of an export in progress.
        self._stale = False
        self.today = today
        self.view = SessionView()
        self.session: Session | None = None
        self.step_index = 0
        self._loading = False
        self.autosaver = NoteAutosaver(self._write_note, self)
        # A gentle hint while typing when a note looks like it holds client data; it runs
        # when typing pauses, never on the keystroke itself.
        self._privacy_timer = QTimer(self, singleShot=True, interval=PRIVACY_PAUSE_MS)
        self._privacy_timer.timeout.connect(self._hint_client_data)
        self._blocked_names: list[str] = []
        self._hint_generation = 0  # a background check's result counts only if still current
        # One model of time (leersessie.method.session_times): the session clock runs while the
        # session is open here and not finished; one step timer runs at a time.
        self._step_ms: dict[str, int] = {}  # time spent per step, the shown step's aside
        self._extra_seconds: dict[str, int] = {}  # "a minute more" per step
        self._clock_ms = 0  # the session clock before it last started
        self._clock = QElapsedTimer()  # valid while the session clock runs
        self.timer_with_step = settings.read(self.db, settings.TIMER_WITH_STEP)
        self._ticks = 0  # seconds since the times were last stored while running
        self._list_tick = QTimer(self, interval=1000)
        self._list_tick.timeout.connect(self._show_current_step_time)
        # Notes typed since the session was loaded (the loaded Session is a read-only record).
        self._typed: dict[str, str] = {}
        self.panels: dict[StepKind, StepPanel] = {
            StepKind.ACTIONS: ActionsPanel(self.db, today, changes),
            StepKind.FINDINGS: FindingsPanel(self.db, changes),
            StepKind.MEASURES: MeasuresPanel(self.db, today, changes),
            StepKind.RATINGS: RatingsPanel(self.db, changes),
            StepKind.THEMES: ThemesPanel(self.db, changes),
        }
        self.lookback = LookbackPanel(self.db, today, changes)
        self.questions = QuestionsPanel(self.db, changes)
        host = self.view.questions_host.layout()
        assert host is not None
        host.addWidget(self.questions.view)
        self.rounds = RoundController(self.db, changes, self.view)
        round_host = self.view.round_host.layout()
        assert round_host is not None
        round_host.addWidget(self.rounds.bar)
        self.rounds.before_reveal = self.flush
        self.rounds.flowed_into.connect(self._round_flowed_into)
        self._empty_panel = QWidget()
        self.view.panel_stack.addWidget(self._empty_panel)
        for panel in self._all_panels():
            self.view.panel_stack.addWidget(panel.view)
        self._connect()

    def _connect(self) -> None:
        view = self.view
        view.back_button.clicked.connect(self.leave)
        view.step_list.currentRowChanged.connect(self._step_chosen)
        view.previous_button.clicked.connect(lambda: self.go_to(self.step_index - 1))
        view.next_button.clicked.connect(lambda: self.go_to(self.step_index + 1))
        view.finish_button.clicked.connect(self.finish)
        view.edit_button.clicked.connect(self.reopen)
        view.notes.textChanged.connect(self._notes_typed)
        view.dev_question.editingFinished.connect(self._save_development_question)
        view.handout_button.clicked.connect(self.save_handout)
        self.changes.changed.connect(self._follow)
        self.autosaver.failed.connect(self._show_save_error)
        view.show_notes.toggled.connect(self.notes_choice_changed)
        view.timebox.overrun.connect(self.time_up)
        menu = QMenu(view.summary_button)
        for output in SUMMARY_FORMATS:
            menu.addAction(tr(output.menu_text), partial(self.save_summary_as, output))
        menu.addAction(tr("Openen in PDF-viewer"), self.open_summary)
        menu.addAction(tr("Afdrukken…"), self.print_summary)
        view.summary_button.setMenu(menu)
        more = QMenu(view.more_button)
        more.addAction(tr("Controle op cliëntgegevens…"), self._request_check)
        more.addSeparator()
        more.addAction(tr("Sessie verwijderen…"), self._request_delete)
        view.more_button.setMenu(more)

    def _all_panels(self) -> list[StepPanel]:
        return [*self.panels.values(), self.lookback]

    def panels_by_kind(self) -> dict[str, StepPanel]:
        """The panels by step kind, and the look back as "lookback"."""
        return {
            **{kind.value: panel for kind, panel in self.panels.items()},
            "lookback": self.lookback,
        }

    def _panel_for(self, step: Step) -> StepPanel | None:
        return self.lookback if step.key == LOOKBACK_STEP_KEY else self.panels.get(step.kind)

    # --- loading and steps ---------------------------------------------------

    def open(self, session_id: str) -> None:
        self.flush()
        self.pause_clock()  # stores the times of the session shown until now
        if self.session is None or self.session.id != session_id:
            self._clear_status()  # "Verslag opgeslagen: …" belongs to the session it was of
            self.rounds.shutdown()  # another session: the last one's phone round ends
        self.session = load_session(self.db, session_id)
        times = read_times(self.db, session_id)
        self._step_ms, self._clock_ms = dict(times.step_ms), times.elapsed_ms
        self._extra_seconds.clear()
        self._stale = False
        self._typed.clear()  # flushed above: the loaded notes hold them
        self._blocked_names = blocked_names_of(self.db)
        session = self.session
        self.view.title.setText(
            f"{session.template.title} · {session.team.name} · {written(session.date)}"
        )
        self._loading = True
        self.view.set_step_names(
            [f"{number}. {step.title}" for number, step in enumerate(session.steps, start=1)]
        )
        for row, step in enumerate(session.steps):
            self.view.step_list.item(row).setToolTip(step.purpose)
        self._loading = False
        keys = [step.key for step in session.steps]
        start = keys.index(session.current_step) if session.current_step in keys else 0
        self._apply_read_only()
        self.resume_clock()
        self.step_index = -1
        self.go_to(start)
        for row in range(len(session.steps)):
            self._show_step_time(row)

    def reload(self) -> None:
        """Show the session again from the database (text was replaced elsewhere), on the
        same step."""
        if self.session is None:
            return
        index = self.step_index
        self.open(self.session.id)
        self.go_to(index)

    @property
    def current_step(self) -> Step:
        assert self.session
        return self.session.steps[self.step_index]

    def go_to(self, index: int) -> None:
        assert self.session
        if not 0 <= index < len(self.session.steps) or index == self.step_index:
            return
        self.flush()
        left = self.step_index
        if 0 <= left < len(self.session.steps):
            self._step_ms[self.current_step.key] = self.view.timebox.snapshot()[0]
        self.step_index = index
        self.view.step_list.blockSignals(True)
        self.view.step_list.setCurrentRow(index)
        self.view.step_list.blockSignals(False)
        self._show_step()
        if left >= 0:
            self._show_step_time(left)
            self._store_times()
        session_id, step_key = self.session.id, self.current_step.key
        finished = self.session.is_finished

        def move() -> None:
            if not finished:  # a finished session keeps the step it ended on
                set_current_step(self.db, session_id, step_key)

        self.changes.run(
            move, Change(ChangeKind.SESSION, session_id, session_id, Happened.STEP_MOVED), by=self
        )

    def _step_chosen(self, row: int) -> None:
        if not self._loading and row >= 0:
            self.go_to(row)

    def _show_step(self) -> None:
        assert self.session
        step, view, total = self.current_step, self.view, len(self.session.steps)
        view.step_counter.setText(
            tr("Stap {number} van {total}", number=self.step_index + 1, total=total)
        )
        view.step_title.setText(step.title)
        # Where the step comes from, for a coach who wants to read the source: on hover.
        source = step.origin_text()
        view.step_title.setToolTip(tr("Bron: {where}", where=source) if source else "")
        view.step_purpose.setText(step.purpose)
        view.watch_for.set_points(step.watch_for)
        view.questions.set_points(step.questions)
        # Leaving a step pauses its timer; entering one starts it if the coach chose that.
        view.timebox.set_minutes(
            step.minutes,
            self._step_ms.get(step.key, 0),
            self.timer_with_step and self.clock_running,
            self._extra_seconds.get(step.key, 0),
        )
        self._loading = True
        view.notes.setPlainText(self._typed.get(step.key, self.session.notes.get(step.key, "")))
        self._hint_client_data()
        self._loading = False
        panel = self._panel_for(step)
        self._show_development_question(step)
        view.panel_stack.setCurrentWidget(panel.view if panel else self._empty_panel)
        view.panel_stack.setVisible(panel is not None)
        if panel:
            panel.show_step(self.session, step)
        self.rounds.show_step(self.session, step)
        self.view.round_host.setVisible(step.round is not None and not self.session.is_finished)
        self.view.questions_host.setVisible(step.asks_questions)
        if step.asks_questions:
            self.questions.show_step(self.session, step)
        self._show_shown_content()
        view.previous_button.setEnabled(self.step_index > 0)
        view.next_button.setEnabled(self.step_index < total - 1)
        view.order_tabs(panel.view if panel else None)
        view.scroll_to_top()  # step number, title and timer in view, whatever came before

    def _clear_status(self) -> None:
        self.view.save_state.setText("")
        self.view.error_text.hide()

    def _show_shown_content(self) -> None:
        """What the step's ``shows`` asks for (the scores and radar, the casegroep's
        findings), on the coach's screen as on the group's."""
        assert self.session
        content = shown_content(self.db, self.session, self.current_step)
        self.view.shown_content.show_content(content)
        self.view.shown_content.setVisible(not content.is_empty)

    # --- time ------------------------------------------------------------------

    @property
    def clock_running(self) -> bool:
        return self._clock.isValid()

    def session_elapsed_ms(self) -> int:
        """The session clock: the session's own time since it started, pauses left out."""
        return self._clock_ms + (self._clock.elapsed() if self.clock_running else 0)

    def step_remaining_seconds(self) -> int:
        """What is left of the shown step's time; below zero once it ran over."""
        return self.view.timebox.remaining_seconds()

    def show_notes_choice(self, shown: bool) -> None:
        """Put the "show notes on the group screen" choice as the group screen has it for
        this step, without it counting as the coach's choice."""
        box = self.view.show_notes
        box.blockSignals(True)
        box.setChecked(shown)
        box.blockSignals(False)

    def step_ms(self, step: Step) -> int:
        """Milliseconds spent in ``step`` so far."""
        if step is self.current_step:
            return self.view.timebox.snapshot()[0]
        return self._step_ms.get(step.key, 0)

    def resume_clock(self) -> None:
        """The session is before the coach (again): its clock runs, unless it is finished."""
        if self.session is not None and not self.session.is_finished and not self.clock_running:
            self._clock.start()
            self._list_tick.start()

    def pause_clock(self) -> None:
        """The session is left (home, another page, closing the app) or finished: its clock
        and its step's timer pause, and both are stored."""
        if self.session is None or session_status(self.db, self.session.id) is None:
            return  # deleted meanwhile: nothing to pause or keep
        if self.clock_running:
            self._clock_ms += self._clock.elapsed()
            self._clock.invalidate()
            self._list_tick.stop()
        if self.view.timebox.running:
            self.view.timebox.toggle_running()
        self._store_times()

    def toggle_step_timer(self) -> None:
        """Start or pause the shown step's timer (a paused session starts again with it)."""
        if self.session is None or self.session.is_finished:
            return
        self.resume_clock()
        self.view.timebox.toggle_running()

    def add_minute(self) -> None:
        """A minute more for the shown step."""
        if self.session is None or not self.current_step.minutes:
            return
        key = self.current_step.key
        self._extra_seconds[key] = self._extra_seconds.get(key, 0) + 60
        self.view.timebox.add_seconds(60)

    def _store_times(self) -> None:
        assert self.session
        if self.session.is_finished and not self._clock_ms and not any(self._step_ms.values()):
            return  # finished before time was kept: nothing to write
        steps = dict(self._step_ms)
        if 0 <= self.step_index < len(self.session.steps):
            steps[self.current_step.key] = self.view.timebox.snapshot()[0]
        save_times(self.db, self.session.id, SessionTimes(self.session_elapsed_ms(), steps))

    def _show_current_step_time(self) -> None:
        """Each second while the session runs; every STORE_EVERY seconds the times are
        stored too, so a crash loses at most that much of them."""
        if self.session is None:
            return
        self._show_step_time(self.step_index)
        self._ticks = (self._ticks + 1) % STORE_EVERY
        if self._ticks == 0 and not self.session.is_finished:
            self._store_times()

    def _show_step_time(self, row: int) -> None:
        """The step list says how long each step took (whole minutes, once it has run)."""
        assert self.session
        step = self.session.steps[row]
        spent = self.step_ms(step)
        text = f"{row + 1}. {step.title}"
        if spent:
            text += " · " + tr("{minutes} min", minutes=whole_minutes(spent))
        item = self.view.step_list.item(row)
        if item.text() != text:
            item.setText(text)

    # --- following changes -------------------------------------------------------

    def _follow(self, change: Change) -> None:
        if self.session is None:
            return
        own = change.session_id == self.session.id
        if own and change.kind in EDIT_KINDS:
            self._show_saved()
            if change.kind in (ChangeKind.RATING, ChangeKind.FINDING):
                self._show_shown_content()
        elif own and change.kind is ChangeKind.SESSION:
            status = session_status(self.db, self.session.id)
            if status is not None and status is not self.session.status:
                self.open(self.session.id)  # finished or reopened
        elif change.kind in (ChangeKind.DATA, ChangeKind.TEAM) and self.view.isVisible():
            # Out of sight nothing is redrawn: opening a session reads it afresh.
            self._stale = True
            if QApplication.activeModalWidget() is None:
                self.reload_if_stale()

    def reload_if_stale(self) -> None:
        """Show again what was replaced elsewhere (a pseudonym, a client-data check)."""
        if self._stale and self.session is not None:
            self._stale = False
            if session_status(self.db, self.session.id) is not None:
                self.reload()
            else:  # deleted meanwhile (retention): nothing left to show here
                self.back_requested.emit()

    def _apply_read_only(self) -> None:
        assert self.session
        finished = self.session.is_finished
        self.view.banner.setVisible(finished)
        self.view.banner_text.setText(
            tr(
                "Deze sessie is afgerond en staat op alleen-lezen. Kies Bewerken om iets aan te "
                "passen."
            )
        )
        self.view.notes.setReadOnly(finished)
        self.view.finish_button.setVisible(not finished)
        self.view.dev_question.setReadOnly(finished)
        for panel in [*self._all_panels(), self.questions]:
            panel.set_read_only(finished)

    # --- the casusinbrenger's development question ---------------------------

    def _show_development_question(self, step: Step) -> None:
        """On the first step of a case format: the question this person brings now, and the
        one they brought last time, so their learning line stays visible."""
        assert self.session
        person = self.session.casusinbrenger
        first_step = self.session.template.steps[0]
        show = person is not None and step.key == first_step.key
        self.view.dev_question_box.setVisible(show)
        if not show:
            return
        assert person
        self.view.dev_question_label.setText(tr("Ontwikkelvraag van {name}", name=person.name))
        asked = development_questions(self.db, person.id)
        now = next((q.question for q in asked if q.session_id == self.session.id), "")
        earlier = [q for q in asked if q.session_id != self.session.id]
        self.view.dev_question.setText(now)
        self.view.dev_question_earlier.setText(
            tr(
                "Vorige keer ({date}): {question}",
                date=short(earlier[0].date),
                question=earlier[0].question,
            )
            if earlier
            else ""
        )

    def _save_development_question(self) -> None:
        if self.session and self.session.casusinbrenger and not self.session.is_finished:
            session_id, person_id = self.session.id, self.session.casusinbrenger.id
            text = self.view.dev_question.text()
            self.changes.run(
                lambda: set_development_question(self.db, session_id, person_id, text),
                Change(ChangeKind.DEVELOPMENT_QUESTION, session_id, session_id),
                by=self,
            )

    # --- notes ---------------------------------------------------------------

    def _notes_typed(self) -> None:
        if self._loading or self.session is None or self.session.is_finished:
            return
        text = self.view.notes.toPlainText()
        self._typed[self.current_step.key] = text
        self.autosaver.note_changed(self.current_step.key, text)
        self._privacy_timer.start()
        self.view.save_state.setText(tr("Wordt opgeslagen…"))

    def _hint_client_data(self) -> None:
        """Name what in this step's notes looks like client data (BSN, phone number...)."""
        self._privacy_timer.stop()
        self._hint_generation += 1
        text = self.view.notes.toPlainText()
        names, today = list(self._blocked_names), self.today()
        if len(text) < PRIVACY_BACKGROUND_FROM:
            self._show_client_data_hint(scan(text, names, today))
            return
        generation = self._hint_generation

        def show_if_current(hits: list[Hit]) -> None:
            if generation == self._hint_generation:  # not typed on or left the step since
                self._show_client_data_hint(hits)

        # Only a hint: when it fails, the check before export still runs.
        self.runner.run(lambda _db: scan(text, names, today), show_if_current, lambda _text: None)

    def _show_client_data_hint(self, hits: list[Hit]) -> None:
        kinds = list(dict.fromkeys(hit.kind.label for hit in hits))
        self.view.privacy_hint.setVisible(bool(kinds))
        if kinds:
            self.view.privacy_hint.setText(
                tr(
                    "Let op: deze notitie bevat mogelijk cliëntgegevens ({kinds}). Vervang ze via "
                    "Meer > Controle op cliëntgegevens.",
                    kinds=", ".join(kinds),
                )
            )

    def _write_note(self, step_key: str, text: str) -> None:
        assert self.session
        session_id = self.session.id
        self.changes.run(
            lambda: save_note(self.db, session_id, step_key, text),
            Change(ChangeKind.NOTE, session_id, session_id),
            by=self,
        )

    def _round_flowed_into(self, step_key: str) -> None:
        """A round's outcome went into a step's notes or team scores: the step shows them
        as stored (the notes were flushed before the reveal)."""
        assert self.session
        text = saved_note(self.db, self.session.id, step_key)
        self._typed[step_key] = text
        if self.current_step.key == step_key:
            self._loading = True
            self.view.notes.setPlainText(text)
            self._loading = False
            panel = self._panel_for(self.current_step)
            if panel:
                panel.show_step(self.session, self.current_step)

    def _show_saved(self) -> None:
        self.view.error_text.hide()
        self.view.save_state.setText(
            tr("Opgeslagen om {time}", time=datetime.now().strftime("%H:%M:%S"))
        )

    def _show_save_error(self, message: str) -> None:
        self.view.save_state.setText(tr("Niet opgeslagen"))
        self.view.error_text.setText(message)
        self.view.error_text.show()

    def flush(self) -> bool:
        if self.view.dev_question.isModified():
            self._save_development_question()
            self.view.dev_question.setModified(False)
        return self.autosaver.flush()

    # --- finishing -----------------------------------------------------------

    def finish(self) -> None:
        assert self.session
        if not self.flush():
            return
        answer = QMessageBox.question(
            self.view,
            tr("Sessie afronden"),
            tr(
                "De sessie afronden? Ze komt in de geschiedenis van het team en opent daarna "
                "op alleen-lezen. U kunt haar later nog bewerken."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        session_id = self.session.id
        self.rounds.shutdown()  # the session ends: no round keeps listening or taking answers
        self.pause_clock()  # the session clock stops at "Sessie afronden"

        def finish() -> None:
            close_open_rounds(self.db, session_id)
            finish_session(self.db, session_id)

        self.changes.run(
            finish,
            Change(ChangeKind.SESSION, session_id, session_id, Happened.FINISHED),
            by=self,
        )

    def reopen(self) -> None:
        assert self.session
        session_id = self.session.id
        self.changes.run(
            lambda: reopen_session(self.db, session_id),
            Change(ChangeKind.SESSION, session_id, session_id, Happened.REOPENED),
            by=self,
        )

    def leave(self) -> None:
        if self.flush():
            self.pause_clock()
            self.back_requested.emit()

    # --- summary -------------------------------------------------------------

    def _default_pdf_name(self) -> str:
        assert self.session
        safe_team = "".join(
            c if c.isalnum() or c in " -_" else "_" for c in self.session.team.name
        ).strip()
        return tr(
            "Verslag {title} {team} {date}.pdf",
            title=self.session.template.title,
            team=safe_team,
            date=short(self.session.date),
        )

    def _request_check(self) -> None:
        assert self.session
        self.flush()
        self.check_requested.emit(self.session.id)
        self.reload_if_stale()

    def _request_delete(self) -> None:
        assert self.session
        self.flush()
        session = self.session
        self.delete_requested.emit(
            session.id, f"{session.template.title}, {session.team.name}, {short(session.date)}"
        )

    def _make_summary(self, target: Path, then: Callable[[Path], None], go_on_label: str) -> None:
        assert self.session
        self.flush()
        session_id, today = self.session.id, self.today()

        def write() -> None:
            self.view.save_state.setText(tr("Verslag wordt gemaakt…"))
            # reportlab loads on first use, not at start-up (benchmarks: ~0.3 s of a cold start)
            from leersessie.reports.summary import write_summary

            self.runner.run(
                lambda db: write_summary(db, session_id, target, today), then, self._report_failed
            )

        self.check_before_export(session_id, go_on_label, write)

    def _report_failed(self, message: str) -> None:
        self.view.save_state.setText("")
        QMessageBox.warning(self.view, tr("Verslag niet gemaakt"), message)

    def save_summary_as(self, output: OutputFormat = SUMMARY_FORMATS[0]) -> None:
        """The summary in one of the formats of ``reports.formats``: the same content."""
        suffix = output.suffix
        start = str(Path.home() / Path(self._default_pdf_name()).with_suffix(suffix))
        name, _ = QFileDialog.getSaveFileName(
            self.view, tr("Verslag opslaan"), start, tr(output.file_filter)
        )
        if name:
            target = Path(name if name.lower().endswith(suffix) else name + suffix)
            self._make_summary(target, self._summary_saved, tr("Toch opslaan"))

    def _summary_saved(self, path: Path) -> None:
        self.view.save_state.setText(tr("Verslag opgeslagen: {path}", path=path))

    def open_summary(self) -> None:
        target = self.workspace.scratch_dir / self._default_pdf_name()
        self._make_summary(target, self._show_in_viewer, tr("Toch openen"))

    def _show_in_viewer(self, path: Path) -> None:
        self._summary_saved(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_handout(self) -> None:
        assert self.session
        template = self.session.template
        with_lookback = self.session.has_lookback  # numbered as the step list numbers them
        start = str(Path.home() / tr("Werkblad {title}.pdf", title=template.title))
        name, _ = QFileDialog.getSaveFileName(
            self.view, tr("Werkblad opslaan"), start, tr("PDF-bestanden (*.pdf)")
        )
        if name:
            target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
            from leersessie.reports.handout import write_handout  # reportlab: on first use

            self.runner.run(
                lambda _db: write_handout(template, target, with_lookback),
                lambda path: self.view.save_state.setText(
                    tr("Werkblad opgeslagen: {path}", path=path)
                ),
                self._report_failed,
            )

    def print_summary(self) -> None:
        target = self.workspace.scratch_dir / self._default_pdf_name()
        self._make_summary(target, self._print_and_forget, tr("Toch afdrukken"))

    def _print_and_forget(self, path: Path) -> None:
        from leersessie_ui.printing import print_pdf_with_dialog  # pypdfium2: on first use

        try:
            print_pdf_with_dialog(path, self.view)
        finally:
            path.unlink(missing_ok=True)
        self.view.save_state.setText("")

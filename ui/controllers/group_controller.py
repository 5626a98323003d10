"""The group screen: where it shows, what it shows, and keeping it in step with the coach.

Like a presentation program: with a second screen the group screen opens full-screen
there and the coach keeps the console; with one screen the main window itself switches to
the group layout (F5, Esc back). It follows screens being plugged in or out, and every
edit through the one change notification. Zoom hooks in at ``zoom`` (a factor on the
readable base size the screen gets).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
)

from leersessie.base.changes import Change, ChangeKind
from leersessie.base.i18n import tr
from leersessie.memory.step_content import step_content
from leersessie.method.sessions import session_status
from leersessie.room.rounds import RoundStatus
from leersessie.store import settings
from leersessie_ui.changes import ChangeHub
from leersessie_ui.controllers.session_controller import SessionController
from leersessie_ui.dialogs.shortcuts import CLICKER_KEYS, PRESENTER_KEYS
from leersessie_ui.views.group_view import GroupView, GroupWindow
from leersessie_ui.widgets.timebox import calm_flash, format_remaining, set_style_state
from leersessie_ui.zoom import WindowZoom

LINES_PER_SCREEN = 36  # the base font is a 36th of the screen height: read from 8 m
SMALLEST_BASE = 14  # pixels
TICK_MS = 250


class GroupMode(Enum):
    OFF = "off"
    SCREEN = "screen"  # its own full-screen window on another screen
    IN_MAIN = "in_main"  # the main window in group layout (one screen)


def readable_base_size(screen: QScreen) -> int:
    return max(SMALLEST_BASE, round(screen.geometry().height() / LINES_PER_SCREEN))


def screen_label(screen: QScreen) -> str:
    size = screen.geometry()
    return f"{screen.name()} ({size.width()}×{size.height()})"


class GroupController(QObject):
    def __init__(
        self,
        main: QMainWindow,
        pages: QStackedWidget,
        session: SessionController,
        changes: ChangeHub,
    ) -> None:
        super().__init__(main)
        self.main = main
        self.pages = pages
        self.session = session
        self.db = session.db
        self.view = GroupView()
        self.window = GroupWindow(self.view)
        self.mode = GroupMode.OFF
        self.screen: QScreen | None = None
        self.zoom = 1.0  # the group screen's own zoom level: a factor on its base size
        # Its level, remembered apart from the coach's: Ctrl++ where the group screen shows.
        self.zoom_level = WindowZoom(
            self, self.db, settings.GROUP_ZOOM, lambda p: self.set_zoom(p / 100)
        )
        # Revealing the step's round of answers: R, listed under F1 only while the step
        # has an open round to reveal.
        self.rounds = session.rounds
        for keys, act in (
            (("Ctrl++", "Ctrl+="), self.zoom_level.larger),
            (("Ctrl+-",), self.zoom_level.smaller),
            (("Ctrl+0",), self.zoom_level.reset),
            (PRESENTER_KEYS["next"], self.next_step),
            (PRESENTER_KEYS["previous"], self.previous_step),
            (PRESENTER_KEYS["timer"], session.toggle_step_timer),
            (PRESENTER_KEYS["minute"], session.add_minute),
            (PRESENTER_KEYS["blank"], self.toggle_blank),
            (PRESENTER_KEYS["round"], self._reveal_round),
            (PRESENTER_KEYS["scroll_down"], lambda: self.view.scroll_by(1)),
            (PRESENTER_KEYS["scroll_up"], lambda: self.view.scroll_by(-1)),
        ):
            for sequence in keys:
                # On the view: it is in the group window or, in the group layout, in the
                # main window, whose menus (and their shortcuts) are hidden then.
                QShortcut(QKeySequence(sequence), self.view).activated.connect(act)
        # With the group screen on another screen, a clicker's keys reach the coach's
        # window: there they work too, except while a text box has the focus (it keeps
        # PageDown and letters for itself).
        self._console_keys: list[QShortcut] = []
        for name, act in (
            ("next", self.next_step),
            ("previous", self.previous_step),
            ("blank", self.toggle_blank),
        ):
            for sequence in PRESENTER_KEYS[name]:
                if sequence in CLICKER_KEYS:
                    shortcut = QShortcut(QKeySequence(sequence), session.view)
                    shortcut.setEnabled(False)
                    shortcut.activated.connect(act)
                    self._console_keys.append(shortcut)
        self._shown_step = ("", "")  # (session id, step key) the group screen shows
        self._shown_lines = 0  # how many lines of content it shows
        self._preferred_screen = ""  # the screen name the coach chose by swapping
        self._notes_shown: set[tuple[str, str]] = set()  # (session id, step key)
        self._over = False
        # The coach's window as it was: full screen, menu bar, status bar, geometry.
        self._main_state = (False, True, True, QByteArray())
        # On the coach's screen: whether the group screen shows, and where; the session clock.
        self.state = QLabel(objectName="groupScreenState")
        self.clock = QLabel(objectName="sessionClock")
        self.clock.setAccessibleName(tr("Sessieklok: verstreken tijd tegen geplande tijd"))
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._update_time)
        self._tick.start()
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.activated.connect(self.stop)
        self.window.closed.connect(self._window_closed)
        pages.currentChanged.connect(self._page_changed)
        changes.changed.connect(self._follow)
        session.notes_choice_changed.connect(self._notes_toggled)
        session.time_up.connect(self._time_up)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        QApplication.instance().focusChanged.connect(self._console_keys_follow)  # type: ignore[union-attr]
        self._show_state()

    # --- where it shows ------------------------------------------------------------

    @property
    def showing(self) -> bool:
        return self.mode is not GroupMode.OFF

    @property
    def on_other_screen(self) -> bool:
        return self.mode is GroupMode.SCREEN

    def toggle(self) -> None:
        self.stop() if self.mode is not GroupMode.OFF else self.start()

    def start(self) -> None:
        if self.session.session is None:
            return
        screen = self._other_screen()
        if screen is not None:
            self._show_on(screen)
        else:
            self._show_in_main()

    def stop(self) -> None:
        if self.mode is GroupMode.IN_MAIN:
            self._leave_main()
        self.window.hide()
        self.mode, self.screen = GroupMode.OFF, None
        self._show_state()

    def swap_screens(self) -> None:
        """The group screen goes to the coach's screen and the coach's window to the screen
        the group had; with one screen there is nothing to swap."""
        if self.mode is not GroupMode.SCREEN or self.screen is None:
            return
        group_screen, coach_screen = self.screen, self.main.screen()
        handle = self.main.windowHandle()
        if handle is not None:
            handle.setScreen(group_screen)
        self.main.move(group_screen.availableGeometry().topLeft())
        self._preferred_screen = coach_screen.name()
        self._show_on(coach_screen)

    def _other_screen(self) -> QScreen | None:
        main_screen = self.main.screen()
        others = [s for s in QGuiApplication.screens() if s is not main_screen]
        chosen = [s for s in others if s.name() == self._preferred_screen]
        return next(iter(chosen or others), None)

    def _show_on(self, screen: QScreen) -> None:
        if self.mode is GroupMode.IN_MAIN:
            self._leave_main()
        self.mode, self.screen = GroupMode.SCREEN, screen
        self.window.winId()  # the native window exists, so it can be put on a screen
        handle = self.window.windowHandle()
        assert handle is not None
        handle.setScreen(screen)
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        self._after_move()

    def _show_in_main(self) -> None:
        main = self.main
        self._main_state = (
            main.isFullScreen(),
            main.menuBar().isVisibleTo(main),
            main.statusBar().isVisibleTo(main),
            main.saveGeometry(),
        )
        self.mode, self.screen = GroupMode.IN_MAIN, main.screen()
        # The view takes the pages' place, so the coach's pages (and their minimum sizes)
        # are out of the window: it never grows past its screen.
        main.takeCentralWidget()
        main.setCentralWidget(self.view)
        self.view.show()  # a reparented widget shows only once the event loop gets to it
        # The coach's menus and messages are not for the group's eyes.
        main.menuBar().hide()
        main.statusBar().hide()
        self.view.resize(self.screen.geometry().size())
        self._after_move()  # sized for its screen before the window takes that size
        layout = main.layout()
        assert layout is not None
        layout.activate()  # the minimum size without the coach's pages, before resizing
        main.setGeometry(self.screen.geometry())  # also where no window manager helps
        main.showFullScreen()
        self.view.setFocus()

    def _leave_main(self) -> None:
        main = self.main
        self.mode = GroupMode.OFF  # before the page changes: no second way out
        self.view.set_blank(False)
        main.takeCentralWidget()
        main.setCentralWidget(self.pages)
        self.pages.show()
        layout = self.window.layout()
        assert layout is not None
        layout.addWidget(self.view)
        full_screen, menu_bar, status_bar, geometry = self._main_state
        main.menuBar().setVisible(menu_bar)
        main.statusBar().setVisible(status_bar)
        if not full_screen:
            main.showNormal()
            main.restoreGeometry(geometry)

    def _page_changed(self, _index: int) -> None:
        """The coach went to another page (a shortcut) from the group layout: the window
        is the coach's again."""
        if self.mode is GroupMode.IN_MAIN:
            self.stop()

    def set_zoom(self, factor: float) -> None:
        """Where zooming hooks in: every size of the group screen follows its base size."""
        self.zoom = factor
        if self.screen is not None:
            self.view.set_base_size(round(readable_base_size(self.screen) * factor))

    def _after_move(self) -> None:
        assert self.screen is not None
        self.set_zoom(self.zoom)  # the readable size of the screen it is on now
        self._show_state()
        self.render()

    def _window_closed(self) -> None:
        if self.mode is GroupMode.SCREEN:
            self.stop()

    def _screen_added(self, _screen: QScreen) -> None:
        if self.mode is GroupMode.IN_MAIN:
            other = self._other_screen()
            if other is not None:
                self._show_on(other)
        self._show_state()

    def _screen_removed(self, screen: QScreen) -> None:
        # Qt is still taking the screen away: move once it is gone.
        if self.mode is GroupMode.SCREEN and screen is self.screen:
            self.screen = None
            QTimer.singleShot(0, self, self._lost_screen)
        else:
            QTimer.singleShot(0, self, self._show_state)

    def _lost_screen(self) -> None:
        """Its screen was unplugged: on to another one, or into the main window, as a
        presentation program does; the session stays as it was."""
        self.window.hide()
        self.mode = GroupMode.OFF
        if self.session.session is None:
            self._show_state()
            return
        self.start()

    def _console_keys_follow(self, *_focus: object) -> None:
        typing = isinstance(QApplication.focusWidget(), (QPlainTextEdit, QLineEdit))
        for shortcut in self._console_keys:
            shortcut.setEnabled(self.mode is GroupMode.SCREEN and not typing)

    def _show_state(self) -> None:
        self._console_keys_follow()
        if self.mode is GroupMode.SCREEN and self.screen is not None:
            text = tr("Groepsscherm aan op {screen}", screen=screen_label(self.screen))
        elif self.mode is GroupMode.IN_MAIN:
            text = tr("Groepsscherm in dit venster (Esc: terug)")
        else:
            other = self._other_screen()
            text = (
                tr("Groepsscherm uit (F5: tonen op {screen})", screen=screen_label(other))
                if other is not None
                else tr("Groepsscherm uit (F5: tonen in dit venster)")
            )
        self.state.setText(text)
        set_style_state(self.state, "on", self.mode is not GroupMode.OFF)

    # --- what it shows ---------------------------------------------------------------

    def _follow(self, change: Change) -> None:
        session = self.session.session
        if session is None:
            return
        ours = change.session_id == session.id
        if ours and change.kind is ChangeKind.SESSION:
            if session_status(self.db, session.id) is None:  # deleted
                self.stop()
                return
            self._sync_notes_choice()
        if self.mode is not GroupMode.OFF and ours and change.kind is ChangeKind.ROUND:
            # Answers coming in: only the round's part changes (the count), not the step.
            self.view.round.show_round(
                self.session.rounds.shown(session, self.session.current_step)
            )
        elif self.mode is not GroupMode.OFF and (
            ours or change.kind in (ChangeKind.TEAM, ChangeKind.DATA)
        ):
            self.render()

    def render(self) -> None:
        session = self.session.session
        if self.mode is GroupMode.OFF or session is None:
            return
        step = self.session.current_step
        view = self.view
        view.step_counter.setText(
            f"{session.template.title} · "
            + tr(
                "Stap {number} van {total}",
                number=self.session.step_index + 1,
                total=len(session.steps),
            )
        )
        view.step_title.setText(step.title)
        view.prompt.setText(step.group_prompt)
        view.prompt.setVisible(bool(step.group_prompt))
        with_notes = (session.id, step.key) in self._notes_shown
        questions = self.session.questions
        with_questions = questions.on_group(session.id, step.key)
        with_labels = questions.labels_on_group(session.id, step.key)
        content = step_content(self.db, session, step, with_notes, with_questions, with_labels)
        lines = sum(len(section.lines) for section in content.sections)
        shown = (session.id, step.key)
        # The same step with more in it: the list follows what was just added.
        view.follow_newest = shown == self._shown_step and lines > self._shown_lines
        if shown != self._shown_step:
            view.set_blank(False)
            view.scroll_area.verticalScrollBar().setValue(0)
        self._shown_step, self._shown_lines = shown, lines
        view.content.show_content(content)
        view.round.show_round(self.session.rounds.shown(session, step))
        self._update_time()
        view.fit()

    # --- presenting by keyboard -------------------------------------------------------

    def next_step(self) -> None:
        if self.session.session is not None:
            self.session.go_to(self.session.step_index + 1)

    def previous_step(self) -> None:
        if self.session.session is not None:
            self.session.go_to(self.session.step_index - 1)

    def toggle_blank(self) -> None:
        self.view.set_blank(not self.view.is_blank)

    def has_round(self) -> bool:
        """Whether the step on screen has an open round to reveal (F1 lists R then)."""
        round_ = self.rounds.round
        return round_ is not None and round_.status is RoundStatus.OPEN

    def reveal_round(self) -> None:
        self.rounds.reveal()

    def _reveal_round(self) -> None:
        if self.has_round():
            self.reveal_round()

    def notes_shown(self, session_id: str, step_key: str) -> bool:
        return (session_id, step_key) in self._notes_shown

    def _notes_toggled(self, checked: bool) -> None:
        session = self.session.session
        if session is None:
            return
        key = (session.id, self.session.current_step.key)
        if checked:
            self._notes_shown.add(key)
        else:
            self._notes_shown.discard(key)
        self.render()

    def _sync_notes_choice(self) -> None:
        session = self.session.session
        assert session is not None
        self.session.show_notes_choice(self.notes_shown(session.id, self.session.current_step.key))

    # --- time --------------------------------------------------------------------------

    def _update_time(self) -> None:
        session = self.session.session
        if session is None:
            self.clock.setText("")
            return
        minutes = self.session.current_step.minutes
        remaining = self.session.step_remaining_seconds()
        view = self.view
        view.timer.setText(format_remaining(remaining) if minutes else "")
        view.timer.setVisible(minutes > 0)
        over = minutes > 0 and remaining < 0
        if over != self._over:
            self._over = over
            set_style_state(view.timer, "over", over)
            if over and self.mode is not GroupMode.OFF:
                calm_flash(view.timer)
        elapsed = self.session.session_elapsed_ms() // 1000
        planned = session.template.duration_minutes * 60
        text = tr(
            "Sessie {elapsed} van {planned}",
            elapsed=format_remaining(elapsed),
            planned=format_remaining(planned),
        )
        for label in (self.clock, view.session_clock):
            label.setText(text)
            set_style_state(label, "over", 0 < planned < elapsed)

    def _time_up(self) -> None:
        if settings.read(self.db, settings.SOUND_AT_TIME_UP):
            QApplication.beep()

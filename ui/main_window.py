"""The main window: the home screen and the session screen, menus and shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
)

from leersessie import APP_NAME, __version__
from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.i18n import LANGUAGES, language, ntr, tr
from leersessie.method.models import Team
from leersessie.store import logbook, settings
from leersessie.store.paths import PRIVATE_FILE_MODE
from leersessie.workspace import Workspace
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.controllers.home_controller import HomeController
from leersessie_ui.dialogs.shortcuts import keys_text
from leersessie_ui.style import stylesheet
from leersessie_ui.zoom import WindowZoom

if TYPE_CHECKING:
    from leersessie_ui.controllers.archive_controller import ArchiveController
    from leersessie_ui.controllers.data_controller import DataController
    from leersessie_ui.controllers.group_controller import GroupController
    from leersessie_ui.controllers.overview_controller import OverviewController
    from leersessie_ui.controllers.search_controller import SearchController
    from leersessie_ui.controllers.session_controller import SessionController


class MainWindow(QMainWindow):
    """Only the home screen is built at start; the other pages and their modules load the
    first time they are wanted, so the window is up sooner."""

    def __init__(self, workspace: Workspace, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.zoom = WindowZoom(
            self,
            workspace.db,
            settings.COACH_ZOOM,
            lambda percent: self.setStyleSheet(stylesheet(percent)),
        )
        self.runner = BackgroundRunner(workspace.db_path, self)
        self.changes = ChangeHub(self)  # every edit, announced once, followed by every view
        self.home = HomeController(workspace, self.changes, today, self)
        self.group: GroupController | None = None  # built with the session page
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home.view)
        self.setCentralWidget(self.pages)
        # The teams and sessions are filled in once the home page wears the window's
        # stylesheet: filled before, each font change while it was restyled sized the
        # history's columns again over every row (4,700 of 7,300 calls to its model).
        self.home.refresh()
        self.home.show_team_actions.connect(self.show_actions)
        self.home.open_session.connect(self.show_session)
        self.home.delete_team_requested.connect(lambda team: self.data.delete_team(team))
        self.home.team_report_requested.connect(self.save_team_report)
        self.home.pseudonymise_requested.connect(lambda team: self.data.pseudonymise(team))
        self.changes.changed.connect(self._follow)
        self.restore_file: Path | None = None  # set when the user asks to restore a backup
        # Set to run between this window and the next (encrypting replaces the database).
        self.reopen_with: Callable[[], None] | None = None
        from leersessie_ui.controllers.lock_controller import LockController

        self.lock = LockController(self)
        self._build_menus()
        # 1280x800, or the screen where it is smaller (a 1024x768 projector): a window
        # wider than its screen cut off the home page's text at the right edge.
        room = self.screen().availableGeometry()
        self.resize(min(1280, room.width()), min(800, room.height()))
        self.statusBar().showMessage(tr("Gegevens in {path}", path=workspace.data_dir), 8000)

    # --- pages, built on first use ------------------------------------------------

    def _built(self, name: str) -> bool:
        return name in self.__dict__  # a cached_property that has been built

    @cached_property
    def session(self) -> SessionController:
        from leersessie_ui.controllers.group_controller import GroupController
        from leersessie_ui.controllers.session_controller import SessionController

        session = SessionController(
            self.workspace, self.runner, self.changes, self.data.check_session, self.today, self
        )
        self.pages.addWidget(session.view)
        session.back_requested.connect(self.show_home)
        self.group = GroupController(self, self.pages, session, self.changes)
        self.statusBar().addPermanentWidget(self.group.clock)
        self.statusBar().addPermanentWidget(self.group.state)
        session.check_requested.connect(lambda session_id: self.data.check_session(session_id))
        session.delete_requested.connect(self._delete_session)
        self.pages.currentChanged.connect(self._session_clock_follows_page)
        return session

    def _session_clock_follows_page(self) -> None:
        """The session clock runs while the session is before the coach or the group."""
        assert self.group is not None
        if self.pages.currentWidget() in (self.session.view, self.group.view):
            self.session.resume_clock()
        else:
            self.session.pause_clock()

    @cached_property
    def overview(self) -> OverviewController:
        from leersessie_ui.controllers.overview_controller import OverviewController

        overview = OverviewController(
            self.workspace,
            self.runner,
            self.changes,
            lambda team_id, proceed: self.data.check_actions_export_then(
                team_id, tr("Toch exporteren"), proceed
            ),
            self.today,
            self,
        )
        self.pages.addWidget(overview.view)
        overview.back_requested.connect(self.show_home)
        return overview

    @cached_property
    def search(self) -> SearchController:
        from leersessie_ui.controllers.search_controller import SearchController

        search = SearchController(self.workspace, self)
        self.pages.addWidget(search.view)
        search.back_requested.connect(self.show_home)
        search.open_result.connect(self.show_session_at)
        return search

    @cached_property
    def data(self) -> DataController:
        from leersessie_ui.controllers.data_controller import DataController

        data = DataController(self.workspace, self.runner, self.changes, self, self.today)
        data.restore_requested.connect(self.restore_and_reopen)
        return data

    @cached_property
    def archive(self) -> ArchiveController:
        from leersessie_ui.controllers.archive_controller import ArchiveController

        archive = ArchiveController(
            self.workspace, self.runner, self, self.changes, self.data.check_team_archive_then
        )
        archive.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return archive

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&Bestand"))
        new_team = self._action(file_menu, tr("Nieuw &team…"), self.home.new_team, "Ctrl+Shift+N")
        new_session = self._action(
            file_menu, tr("&Nieuwe sessie…"), self.home.new_session, "Ctrl+N"
        )
        for button, action in (
            (self.home.view.new_team_button, new_team),
            (self.home.view.welcome_new_team, new_team),
            (self.home.view.new_session_button, new_session),
        ):  # the buttons that do what a menu shortcut does say so
            button.setToolTip(f"{button.accessibleName()} ({keys_text(action.shortcuts())})")
        file_menu.addSeparator()
        self._action(file_menu, tr("Team e&xporteren…"), lambda: self.archive.export_team())
        self._action(file_menu, tr("&Importeren…"), lambda: self.archive.import_file())
        file_menu.addSeparator()
        self._action(file_menu, tr("Map met eigen &sjablonen openen"), self.open_templates_dir)
        self._action(file_menu, tr("Sjablonen opnieuw &laden"), self.reload_templates)
        file_menu.addSeparator()
        self._action(file_menu, tr("&Afsluiten"), self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu(tr("Beel&d"))
        larger = self._action(view_menu, tr("Tekst &groter (beamer)"), self.zoom.larger, "Ctrl++")
        larger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self._action(view_menu, tr("Tekst &kleiner"), self.zoom.smaller, "Ctrl+-")
        self._action(view_menu, tr("&Normale grootte"), self.zoom.reset, "Ctrl+0")
        self._action(view_menu, tr("&Volledig scherm"), self.toggle_full_screen, "F11")
        view_menu.addSeparator()
        self._action(view_menu, tr("&Groepsscherm aan/uit"), self.toggle_group_screen, "F5")
        self._action(
            view_menu, tr("Groepsscherm naar het &andere scherm"), self.swap_screens, "Shift+F5"
        )
        timer = self._action(
            view_menu, tr("&Tijd loopt vanaf het begin van elke stap"), self.toggle_timer_with_step
        )
        timer.setCheckable(True)
        timer.setChecked(settings.read(self.workspace.db, settings.TIMER_WITH_STEP))
        sound = self._action(view_menu, tr("&Geluid als de tijd om is"), self.toggle_sound)
        sound.setCheckable(True)
        sound.setChecked(settings.read(self.workspace.db, settings.SOUND_AT_TIME_UP))
        coach = self._action(
            view_menu, tr("&Vragencoach standaard aan"), self.toggle_question_coach
        )
        coach.setCheckable(True)
        coach.setChecked(settings.read(self.workspace.db, settings.QUESTION_COACH))
        view_menu.addSeparator()
        self._build_language_menu(view_menu.addMenu(tr("&Taal")))
        go_menu = self.menuBar().addMenu(tr("&Ga naar"))
        self._action(go_menu, tr("&Start"), self._go_home, "Ctrl+Home")
        self._action(go_menu, tr("&Acties"), self.show_actions, "Ctrl+Shift+A")
        self._action(go_menu, tr("&Zoeken"), self.show_search, "Ctrl+F")
        data_menu = self.menuBar().addMenu(tr("G&egevens"))
        self._action(data_menu, tr("&Reservekopie maken…"), lambda: self.data.save_backup_as())
        self._action(
            data_menu,
            tr("Reservekopie &terugzetten…"),
            lambda: self.data.choose_backup_to_restore(),
        )
        data_menu.addSeparator()
        self._action(
            data_menu, tr("Lijst '&niet vastleggen'…"), lambda: self.data.edit_blocked_names()
        )
        self._action(data_menu, tr("&Bewaartermijn…"), lambda: self.data.edit_retention())
        self._action(data_menu, tr("&Gedeelde map…"), lambda: self.archive.choose_sync_folder())
        self.lock.add_to_menu(data_menu)
        help_menu = self.menuBar().addMenu(tr("&Help"))
        self._action(help_menu, tr("&Logbestand openen"), self.open_log)
        self._action(help_menu, tr("&Sneltoetsen"), self.show_shortcuts, "F1")
        self._action(help_menu, tr("&Over Leersessie"), self.about)

    def _build_language_menu(self, menu: object) -> None:
        """Each language under its own name, the current one checked."""
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = menu.addAction(name)  # type: ignore[attr-defined]
            action.setCheckable(True)
            action.setChecked(code == language())
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))

    def choose_language(self, code: str) -> None:
        """Store the choice; it applies at the next start (run_app sets it before the window
        is built), so no screen ever mixes two languages."""
        settings.write(self.workspace.db, settings.LANGUAGE, code)
        if code != language():
            # Said in both languages on purpose: the reader may not read the current one.
            QMessageBox.information(
                self,
                "Taal / Language",
                "De taal verandert bij de volgende start van Leersessie.\n\n"
                "The language changes at the next start of Leersessie.",
            )

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action: QAction = menu.addAction(text)  # type: ignore[attr-defined]
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    # --- navigation -------------------------------------------------------------

    def show_session(self, session_id: str) -> None:
        self.statusBar().clearMessage()  # a message of the page or session before is stale
        # The page first: the home page, out of sight, need not follow the opening.
        self.pages.setCurrentWidget(self.session.view)
        self.session.open(session_id)

    def show_session_at(self, session_id: str, step_key: str) -> None:
        """Open a session at the step a search result came from."""
        if not self._leave_session():
            return
        self.show_session(session_id)
        session = self.session.session
        keys = [step.key for step in session.steps] if session else []
        if step_key in keys:
            self.session.go_to(keys.index(step_key))

    def show_actions(self, team_id: str | None = None) -> None:
        if self._leave_session():
            self.overview.refresh(team_id)
            self.pages.setCurrentWidget(self.overview.view)

    def show_search(self) -> None:
        if self._leave_session():
            self.search.run()  # notes may have changed since the last search
            self.pages.setCurrentWidget(self.search.view)
            self.search.focus()

    def _on_session_page(self) -> bool:
        return self._built("session") and self.pages.currentWidget() is self.session.view

    def _leave_session(self) -> bool:
        """Notes typed on the session page are saved before another page shows."""
        return not self._on_session_page() or self.session.flush()

    def show_home(self) -> None:
        self.home.refresh()
        self.pages.setCurrentWidget(self.home.view)

    def _go_home(self) -> None:
        if self._leave_session():
            self.show_home()

    # --- templates ----------------------------------------------------------------

    def open_templates_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.templates_dir)))

    def reload_templates(self) -> None:
        catalogue = self.workspace.reload_templates()
        if catalogue.errors:
            self.show_template_errors()
        else:
            self.statusBar().showMessage(
                ntr("{n} sjabloon geladen", "{n} sjablonen geladen", len(catalogue.templates)),
                5000,
            )

    def show_template_errors(self) -> None:
        errors = "\n\n".join(error.message for error in self.workspace.catalogue.errors)
        QMessageBox.warning(
            self,
            tr("Sjabloon met fouten"),
            tr(
                "Deze sjablonen konden niet worden geladen; de andere werken gewoon:\n\n{errors}",
                errors=errors,
            ),
        )

    # --- view ---------------------------------------------------------------------

    def toggle_group_screen(self) -> None:
        """F5: the group screen on the other screen, or this window in group layout."""
        if self.group is None or not (self._on_session_page() or self.group.showing):
            self.statusBar().showMessage(
                tr("Open eerst een sessie; dan toont F5 het groepsscherm."), 5000
            )
            return
        self.group.toggle()

    def swap_screens(self) -> None:
        if self.group is None or not self.group.on_other_screen:
            self.statusBar().showMessage(
                tr("Wisselen kan als het groepsscherm op een ander scherm staat."), 5000
            )
            return
        self.group.swap_screens()

    def toggle_timer_with_step(self) -> None:
        """Beeld: entering a step starts its timer (leaving one always pauses it)."""
        on = not settings.read(self.workspace.db, settings.TIMER_WITH_STEP)
        settings.write(self.workspace.db, settings.TIMER_WITH_STEP, on)
        if self._built("session"):
            self.session.timer_with_step = on

    def toggle_sound(self) -> None:
        db = self.workspace.db
        settings.write(
            db, settings.SOUND_AT_TIME_UP, not settings.read(db, settings.SOUND_AT_TIME_UP)
        )

    def toggle_question_coach(self) -> None:
        """The question coach's default; a session that chose for itself keeps its choice."""
        db = self.workspace.db
        settings.write(db, settings.QUESTION_COACH, not settings.read(db, settings.QUESTION_COACH))

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def open_log(self) -> None:
        """The log of errors and warnings (no notes), to send along with a report."""
        path = logbook.log_path(self.workspace.data_dir)
        path.touch(mode=PRIVATE_FILE_MODE)  # an empty log still opens: nothing went wrong
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def show_shortcuts(self) -> None:
        from leersessie_ui.dialogs.shortcuts import ShortcutsDialog, menu_shortcuts

        with_round = self.group is not None and self.group.has_round()
        ShortcutsDialog(menu_shortcuts(self.menuBar()), self, with_round).exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("Over Leersessie"),
            tr(
                "<b>Leersessie {version}</b><p>Begeleid reflectiesessies voor leercoaches in het "
                "sociaal werk en de jeugdzorg.</p><p>Alle gegevens blijven op deze computer, in "
                "{path}. De app maakt nooit verbinding met internet.</p>",
                version=__version__,
                path=self.workspace.data_dir,
            ),
        )

    # --- data -------------------------------------------------------------------

    def save_team_report(self, team: Team) -> None:
        """The team report PDF: where the coach chooses, after the client-data check, built
        on a pool thread (200 sessions take a couple of seconds)."""
        start = str(Path.home() / tr("Teamverslag {team}.pdf", team=team.name))
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Teamverslag opslaan"), start, tr("PDF-bestanden (*.pdf)")
        )
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")

        def write() -> None:
            from leersessie.reports.team_report import write_team_report

            self.statusBar().showMessage(tr("Teamverslag wordt gemaakt…"))
            self.runner.run(
                lambda db: write_team_report(db, team.id, target, self.today()),
                lambda path: self.statusBar().showMessage(
                    tr("Teamverslag opgeslagen: {path}", path=path), 8000
                ),
                lambda message: QMessageBox.warning(self, tr("Teamverslag niet gemaakt"), message),
            )

        self.data.check_team_report_then(team.id, tr("Toch opslaan"), write)

    def _follow(self, change: Change) -> None:
        if change.kind is not ChangeKind.SESSION:
            return
        if change.happened is Happened.FINISHED:
            self.archive.share_finished(change.id)  # once, to the shared folder
        # The open session was deleted: back to the start page.
        elif (
            change.happened is Happened.REMOVED
            and self._on_session_page()
            and self.session.session is not None
            and self.session.session.id == change.id
        ):
            self.show_home()

    def _delete_session(self, session_id: str, label: str) -> None:
        self.data.delete_session(session_id, label)

    def restore_and_reopen(self, backup: Path) -> None:
        """Restoring replaces the database file: close everything first (run_app restores
        and opens a fresh window on the restored data)."""
        self.restore_file = backup
        self.close()

    def show_start_notices(self) -> None:
        """What the coach must know at start, after the window is up: the templates are
        read here, not before the first paint, so one with errors is named here too."""
        if self.workspace.catalogue.errors:
            self.show_template_errors()
        if self.workspace.location_warning:
            QMessageBox.warning(self, tr("Let op: gegevensmap"), self.workspace.location_warning)
        self.data.offer_due_retention()
        self.archive.offer_newer_archives()

    def end_rounds(self) -> None:
        """The app locks or quits: no phone round keeps listening."""
        if self._built("session"):
            self.session.rounds.shutdown()

    def flush_notes(self) -> bool:
        """Write the session's unsaved text now; False when it stays pending (full disk)."""
        return not self._built("session") or self.session.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._built("session") and not self.session.flush():
            answer = QMessageBox.warning(
                self,
                tr("Niet opgeslagen"),
                tr(
                    "De laatste notities konden niet worden opgeslagen. Toch afsluiten? Dan gaan "
                    "die notities verloren."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.end_rounds()
        if self.group is not None:
            self.group.stop()  # its own window would otherwise keep the app running
            self.session.pause_clock()  # the clock goes on where it was after a restart
        self.runner.wait()
        if self._built("search"):
            self.search.close()
        event.accept()

"""Bestand > Team exporteren… and Bestand > Importeren…: a team's history as one file,
and merging such a file in after showing what it will do; and the shared folder that
keeps teams in step between coaches (Gegevens > Gedeelde map…)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget
from sqlite_utils import Database

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.errors import UserFacingError
from leersessie.base.i18n import ntr, tr
from leersessie.method.teams import list_teams
from leersessie.sharing.archive import SUFFIX, Archive, PassphraseNeeded, read_archive
from leersessie.sharing.merge import ImportPlan, ImportResult, apply_import, plan_import
from leersessie.sharing.pending import Finished, finish_deletions, follow_colleagues
from leersessie.sharing.shared_folder import (
    FolderCheck,
    Shared,
    TakenOver,
    check_shared_folder,
    mark_merged,
    set_sync_folder,
    share_team,
    sync_folder,
)
from leersessie.workspace import Workspace
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.dialogs.archive import ExportTeamDialog, ImportPlanDialog

# check(team_id, continue_label, proceed): the client-data check before an export
CheckThen = Callable[[str, str, Callable[[], None]], None]


class ArchiveController(QObject):
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        workspace: Workspace,
        runner: BackgroundRunner,
        parent_widget: QWidget,
        changes: ChangeHub,
        check_then: CheckThen,
    ) -> None:
        super().__init__(parent_widget)
        self.workspace = workspace
        self.runner = runner
        self.parent_widget = parent_widget
        self.changes = changes
        self.check_then = check_then
        self._queue: list[Path] = []  # shared archives still to offer, one at a time

    # --- export ------------------------------------------------------------------

    def export_team(self, team_id: str | None = None) -> None:
        teams = list_teams(self.workspace.db)
        if not teams:
            QMessageBox.information(
                self.parent_widget, tr("Team exporteren"), tr("Er is nog geen team.")
            )
            return
        dialog = ExportTeamDialog(teams, self.parent_widget)
        dialog.team.select(team_id)
        accepted = dialog.exec()
        chosen, passphrase = dialog.team.value(), dialog.chosen_passphrase()
        dialog.deleteLater()
        if not accepted or chosen is None:
            return
        name = next(team.name for team in teams if team.id == chosen)
        target = self._save_target(name)
        if target is not None:
            self.check_then(
                chosen, tr("Toch exporteren"), lambda: self._write(chosen, target, passphrase)
            )

    def _save_target(self, team_name: str) -> Path | None:
        start = str(Path.home() / f"{team_name}{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            tr("Teamarchief opslaan"),
            start,
            tr("Leersessie-teamarchief (*{suffix})", suffix=SUFFIX),
        )
        if not name:
            return None
        return Path(name if name.endswith(SUFFIX) else name + SUFFIX)

    def _write(self, team_id: str, target: Path, passphrase: str | None) -> None:
        from leersessie.sharing.archive import VersionsNotRemembered, export_team

        def export(db: Database) -> str:
            """What to tell the coach: the file was written, with a warning or without."""
            try:
                export_team(db, team_id, target, passphrase)
            except VersionsNotRemembered as written:
                return written.message
            return ""

        self.runner.run(
            export,
            lambda warning: (
                QMessageBox.warning(self.parent_widget, tr("Team exporteren"), warning)
                if warning
                else QMessageBox.information(
                    self.parent_widget,
                    tr("Team exporteren"),
                    tr("Teamarchief opgeslagen: {path}", path=target),
                )
            ),
            self._failed,
        )

    # --- import ------------------------------------------------------------------

    def import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            tr("Teamarchief importeren"),
            str(Path.home()),
            tr("Leersessie-teamarchief (*{suffix})", suffix=SUFFIX),
        )
        if name:
            self.import_archive(Path(name))

    def import_archive(
        self, path: Path, then: Callable[[Archive], None] = lambda _archive: None
    ) -> None:
        """Read, show the plan, and on the coach's word apply it; ``then`` runs after an
        import that was applied (or had nothing to do), with the archive as it was read."""
        archive = self._read(path)
        if archive is None:
            return
        try:
            plan = plan_import(self.workspace.db, archive)
        except UserFacingError as error:  # another team's records, or a wrong shape
            self._failed(error.message)
            return
        dialog = ImportPlanDialog(plan.lines(), plan.changes_anything, self.parent_widget)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted and plan.changes_anything:
            self._apply(plan, lambda: then(archive))
        elif accepted:
            apply_import(self.workspace.db, plan, None)  # only remembers what was seen
            then(archive)

    def _read(self, path: Path) -> Archive | None:
        """The archive, asking for its passphrase as long as the coach wants to try."""
        passphrase: str | None = None
        while True:
            try:
                return read_archive(path, passphrase)
            except PassphraseNeeded:
                pass
            except UserFacingError as error:
                if passphrase is None:
                    self._failed(error.message)
                    return None
                QMessageBox.warning(self.parent_widget, tr("Niet gelukt"), error.message)
            passphrase, ok = QInputDialog.getText(
                self.parent_widget,
                tr("Wachtwoord"),
                tr("Wachtwoord van het archief:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None

    def _apply(self, plan: ImportPlan, then: Callable[[], None]) -> None:
        data_dir = self.workspace.data_dir

        def done(result: ImportResult) -> None:
            self._done(result)
            then()

        def work(db: Database) -> ImportResult:
            result = apply_import(db, plan, data_dir)
            finish_deletions(db, data_dir)  # what the archive deleted leaves the backups too
            return result

        self.changes.run_in_background(
            self.runner,
            work,
            Change(ChangeKind.DATA, ""),
            done=done,
            failed=self._failed,
            by=self,
        )

    def _done(self, result: ImportResult) -> None:
        QMessageBox.information(
            self.parent_widget,
            tr("Importeren"),
            tr("Geïmporteerd. Reservekopie van daarvoor: {path}", path=result.backup),
        )

    # --- the shared folder ---------------------------------------------------------

    def choose_sync_folder(self) -> None:
        current = sync_folder(self.workspace.db)
        if current is not None:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                tr("Gedeelde map"),
                tr(
                    "Teams worden gedeeld via {path}. Na elke afgeronde sessie komt het "
                    "teamarchief daar; bij de start biedt Leersessie nieuwere archieven van "
                    "collega's aan.",
                    path=current,
                ),
                parent=self.parent_widget,
            )
            other = box.addButton(tr("Andere map kiezen…"), QMessageBox.ButtonRole.AcceptRole)
            off = box.addButton(tr("Uitzetten"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is off:
                set_sync_folder(self.workspace.db, None)
                return
            if clicked is not other:
                return
        name = QFileDialog.getExistingDirectory(
            self.parent_widget, tr("Gedeelde map kiezen"), str(current or Path.home())
        )
        if not name:
            return
        try:
            set_sync_folder(self.workspace.db, Path(name))
        except UserFacingError as error:
            self._failed(error.message)

    def share_finished(self, session_id: str) -> None:
        """A session was just finished: its team's archive to the shared folder."""
        db = self.workspace.db
        if sync_folder(db) is None:
            return
        (team_id,) = db.execute(
            "SELECT team_id FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
        today = date.today()
        self.runner.run(lambda db: share_team(db, team_id, today), self._shared, self._failed)

    def _shared(self, shared: Shared) -> None:
        if shared.path is not None:
            self.message.emit(tr("Teamarchief gedeeld: {path}", path=shared.path))
        else:
            QMessageBox.information(
                self.parent_widget,
                tr("Niet gedeeld"),
                tr(
                    "Het teamarchief is niet in de gedeelde map gezet: {count} teksten lijken "
                    "op gegevens van cliënten. Controleer de sessies (Meer > Controle op "
                    "cliëntgegevens) en exporteer het team daarna met Bestand > Team "
                    "exporteren….",
                    count=len(shared.hits),
                ),
            )

    def offer_newer_archives(self) -> None:
        """At start: first what colleagues deleted in teams known here is deleted here too
        (and from the backups and this installation's archive); then the newer archives
        they shared are offered. The folder may be a slow network drive: on a pool thread."""
        if sync_folder(self.workspace.db) is None:
            return
        data_dir, today = self.workspace.data_dir, date.today()

        def work(db: Database) -> tuple[list[TakenOver], Finished, FolderCheck]:
            check = check_shared_folder(db)  # names a refused file once: read once
            taken, finished = follow_colleagues(db, data_dir, check.offers, today)
            return taken, finished, check

        self.changes.run_in_background(
            self.runner,
            work,
            # what colleagues deleted went here too: every view reloads
            lambda found: (
                [Change(ChangeKind.DATA, "", happened=Happened.REMOVED)] if found[0] else []
            ),
            done=self._followed_then_offer,
            failed=lambda _message: None,
            by=self,
        )

    def _followed_then_offer(self, found: tuple[list[TakenOver], Finished, FolderCheck]) -> None:
        taken, finished, check = found
        if taken:
            listed = "\n".join(
                "• "
                + ntr(
                    "{team}: {n} onderdeel",
                    "{team}: {n} onderdelen",
                    item.count,
                    team=item.team_name,
                )
                for item in taken
            )
            QMessageBox.information(
                self.parent_widget,
                tr("Verwijderd door een collega"),
                tr(
                    "Een collega heeft in een gedeeld team sessies of onderdelen verwijderd. "
                    "Ze zijn hier ook verwijderd, ook uit de reservekopieën:\n{teams}",
                    teams=listed,
                ),
            )
        if not finished.complete:
            QMessageBox.warning(
                self.parent_widget,
                tr("Nog niet overal verwijderd"),
                finished.shared_problem
                or tr(
                    "Sommige reservekopieën zijn nog met het vorige wachtwoord versleuteld; "
                    "wat verwijderd is, wordt eruit gehaald zodra dat wachtwoord bekend is."
                ),
            )
        self._offer(check)

    def _offer(self, check: FolderCheck) -> None:
        if check.refused:
            self.message.emit(" ".join(check.refused))
            QMessageBox.warning(
                self.parent_widget,
                tr("Gedeelde map"),
                tr(
                    "Deze bestanden in de gedeelde map zijn overgeslagen:\n{files}",
                    files="\n".join(f"• {message}" for message in check.refused),
                ),
            )
        offers = check.offers
        if not offers:
            return
        listed = "\n".join(f"• {offer.team_name} ({offer.created_at[:10]})" for offer in offers)
        answer = QMessageBox.question(
            self.parent_widget,
            tr("Nieuwe teamarchieven"),
            tr(
                "In de gedeelde map staan nieuwere archieven van collega's:\n{teams}\n\n"
                "Nu bekijken en samenvoegen? U ziet eerst per archief wat er verandert.",
                teams=listed,
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._queue = [offer.path for offer in offers]
            self._next_offer()

    def _next_offer(self) -> None:
        if self._queue:
            path = self._queue.pop(0)
            self.import_archive(path, lambda archive: self._merged(path, archive))

    def _merged(self, path: Path, archive: Archive) -> None:
        mark_merged(self.workspace.db, path, archive)
        self._next_offer()

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.parent_widget, tr("Niet gelukt"), message)

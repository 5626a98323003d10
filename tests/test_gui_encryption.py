"""The passphrase in the app: asked at start, the lock, the keychain, the settings."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie.store.conversion import convert_folder
from leersessie.store.encryption import folder_is_encrypted, forget_key
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace
from leersessie_ui.app import open_or_explain
from leersessie_ui.dialogs.passphrase import NewPassphraseDialog, PassphraseDialog
from leersessie_ui.main_window import MainWindow
from leersessie_ui.views.lock_view import LockView
from tests.gui_helpers import accept, answer_in_turn, press_ok

pytestmark = pytest.mark.gui
PASSPHRASE = "correct paard batterij"
TODAY = date(2026, 11, 23)


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.stored.pop((service, username), None)


@pytest.fixture(autouse=True)
def no_keychain():
    """No test reaches the machine's own keychain."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def encrypted_dir(data_dir: Path) -> Path:
    ws = open_workspace(data_dir)
    create_team(ws.db, "Team Zilverberk", ["Ans", "Bo"])
    ws.close()
    convert_folder(data_dir, PASSPHRASE)
    forget_key(data_dir)
    return data_dir


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def never_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_args: object) -> bool:
        raise AssertionError("asked for a passphrase")

    monkeypatch.setattr(PassphraseDialog, "run", never)


def type_passphrase(text: str, remember: bool = False):  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        dialog.passphrase.setText(text)
        dialog.remember.setChecked(remember)
        press_ok(dialog)

    return act


def test_three_wrong_passphrases_stop_the_start_and_leave_the_file_as_it_was(qtbot, encrypted_dir):
    before = sha256(database_path(encrypted_dir))
    seen = answer_in_turn(
        type_passphrase("fout een"),
        type_passphrase("fout twee"),
        type_passphrase("fout drie"),
        accept,
    )
    assert open_or_explain(str(encrypted_dir)) is None
    assert any("Drie keer" in text for text in seen)
    assert sha256(database_path(encrypted_dir)) == before


def test_the_right_passphrase_on_the_second_try_opens_the_data(qtbot, encrypted_dir):
    errors: list[str] = []

    def second(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        errors.append(dialog.error.text())
        type_passphrase(PASSPHRASE)(dialog)

    answer_in_turn(type_passphrase("niet goed"), second)
    workspace = open_or_explain(str(encrypted_dir))
    assert workspace is not None
    assert workspace.db.execute("SELECT name FROM teams").fetchone()[0] == "Team Zilverberk"
    workspace.close()
    assert "klopt niet" in errors[0] and "Nog 2 keer" in errors[0]


def test_a_plain_folder_opens_without_a_question(qtbot, data_dir, monkeypatch):
    open_workspace(data_dir).close()

    never_asked(monkeypatch)
    workspace = open_or_explain(str(data_dir))
    assert workspace is not None
    workspace.close()


def test_a_remembered_passphrase_opens_without_asking(qtbot, encrypted_dir, monkeypatch):
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    answer_in_turn(type_passphrase(PASSPHRASE, remember=True))
    workspace = open_or_explain(str(encrypted_dir))
    assert workspace is not None
    workspace.close()
    assert list(memory.stored.values()) == [PASSPHRASE]
    forget_key(encrypted_dir)

    never_asked(monkeypatch)
    workspace = open_or_explain(str(encrypted_dir))
    assert workspace is not None
    workspace.close()


def test_no_keychain_on_this_computer_says_so_and_still_opens(qtbot, encrypted_dir):
    seen = answer_in_turn(type_passphrase(PASSPHRASE, remember=True), accept)
    workspace = open_or_explain(str(encrypted_dir))
    assert workspace is not None
    workspace.close()
    assert any("sleutelhanger" in text and "bij elke start" in text for text in seen)


@pytest.fixture
def locked_window(qtbot, encrypted_dir) -> MainWindow:
    from leersessie.store.encryption import unlock

    unlock(encrypted_dir, PASSPHRASE)
    workspace = open_workspace(encrypted_dir)
    window = MainWindow(workspace, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    workspace.close()


def visible_texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_ctrl_l_saves_the_typing_and_hides_every_window_until_the_passphrase(qtbot, locked_window):
    window = locked_window
    db = window.workspace.db
    team_id = db.execute("SELECT id FROM teams").fetchone()[0]
    people = [row[0] for row in db.execute("SELECT id FROM people")]
    session_id = start_session(
        db,
        team_id=team_id,
        template=window.workspace.catalogue.get("actieleren"),
        on=TODAY,
        facilitator="Marieke",
        present=people,
    )
    window.show_session(session_id)
    window.session.view.notes.insertPlainText("Zojuist getypt over het gezin")
    assert window.group is not None
    window.group.window.show()  # the group screen in a window of its own
    qtbot.waitExposed(window.group.window)
    assert window.group.view.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert window.lock.locked
    assert "Zojuist getypt" in db.execute("SELECT group_concat(text) FROM notes").fetchone()[0]
    assert isinstance(window.centralWidget(), LockView)
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.group.view.isVisible()
    assert "Team Zilverberk" not in visible_texts(window)
    assert "Zojuist getypt" not in str(
        [
            w.toPlainText()
            for w in window.findChildren(type(window.session.view.notes))
            if w.isVisible()
        ]
    )

    view = window.centralWidget()
    assert isinstance(view, LockView)
    qtbot.keyClicks(view.passphrase, "niet het wachtwoord")
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Return)
    assert window.lock.locked and "klopt niet" in view.error.text()

    qtbot.keyClicks(view.passphrase, PASSPHRASE)
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Return)
    assert not window.lock.locked
    assert window.centralWidget() is window.pages
    assert window.menuBar().isVisible() and window.group.view.isVisible()
    assert window.session.view.notes.toPlainText() == "Zojuist getypt over het gezin"


def test_the_idle_lock_locks_after_the_chosen_minutes(qtbot, locked_window):
    window = locked_window
    assert not window.lock.idle.isActive()  # off by default
    from leersessie.store.settings import IDLE_LOCK_MINUTES, write

    write(window.workspace.db, IDLE_LOCK_MINUTES, 5)
    window.lock.apply_idle_setting()
    assert window.lock.idle.isActive() and window.lock.idle.interval() == 5 * 60_000
    window.lock.idle.timeout.emit()  # five minutes without mouse or keyboard
    assert window.lock.locked and isinstance(window.centralWidget(), LockView)


def test_locking_a_plain_folder_says_a_passphrase_is_needed_first(qtbot, main_window):
    main_window.lock.lock()
    assert not main_window.lock.locked
    assert "Wachtwoord instellen" in main_window.statusBar().currentMessage()


def test_setting_a_passphrase_from_the_menu_converts_after_the_window_closed(
    qtbot, main_window, monkeypatch, tmp_path
):
    data_dir = main_window.workspace.data_dir

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, NewPassphraseDialog)
        assert "nooit meer lezen" in visible_texts(dialog)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.again.setText("anders")
        press_ok(dialog)
        assert "verschillen" in dialog.error.text()  # stays open, says why
        dialog.again.setText(PASSPHRASE)
        dialog.sheet.setChecked(True)
        press_ok(dialog)

    sheet = tmp_path / "herstelblad.pdf"
    monkeypatch.setattr(
        "leersessie_ui.controllers.lock_controller.QFileDialog.getSaveFileName",
        lambda *args: (str(sheet), ""),
    )
    answer_in_turn(choose)
    main_window.lock.set_passphrase()
    assert main_window.reopen_with is not None and not main_window.isVisible()
    assert not folder_is_encrypted(data_dir)
    main_window.workspace.close()  # as run_app does before it converts

    seen = answer_in_turn(accept, accept)
    main_window.reopen_with()
    assert folder_is_encrypted(data_dir)
    assert any("versleuteld" in text for text in seen)
    from tests.conftest import pdf_text

    assert PASSPHRASE in pdf_text(sheet)
    assert not str(sheet).startswith(str(data_dir))


def test_the_data_menu_offers_what_fits_the_folder(qtbot, locked_window):
    window = locked_window
    window.lock._update_menu()
    assert not window.lock._set.isEnabled()  # type: ignore[attr-defined]
    assert window.lock._change.isEnabled()  # type: ignore[attr-defined]
    assert window.lock._off.isEnabled()  # type: ignore[attr-defined]


def test_turning_it_off_needs_the_current_passphrase(qtbot, locked_window):
    window = locked_window

    def wrong_then_right(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        dialog.passphrase.setText("geraden")
        press_ok(dialog)
        assert "klopt niet" in dialog.error.text()
        dialog.passphrase.setText(PASSPHRASE)
        press_ok(dialog)

    answer_in_turn(wrong_then_right)
    window.lock.turn_off()
    assert window.reopen_with is not None
    window.workspace.close()
    answer_in_turn(accept)
    window.reopen_with()
    assert not folder_is_encrypted(window.workspace.data_dir)


def test_cancelling_the_start_question_stops_without_a_message(qtbot, encrypted_dir):
    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        dialog.reject()

    answer_in_turn(cancel)
    assert open_or_explain(str(encrypted_dir)) is None


def test_restoring_a_backup_with_another_passphrase_asks_for_it(qtbot, encrypted_dir, tmp_path):
    from leersessie.store.backup import export_backup
    from leersessie.store.encryption import unlock
    from leersessie_ui.app import restore

    unlock(encrypted_dir, PASSPHRASE)
    workspace = open_workspace(encrypted_dir)
    old = export_backup(workspace.db, tmp_path / "oud.db")
    workspace.db.execute("DELETE FROM teams")
    workspace.db.conn.commit()
    workspace.close()
    convert_folder(encrypted_dir, "het tweede wachtwoord")

    asked: list[str] = []

    def backup_passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        asked.append(visible_texts(dialog))
        type_passphrase(PASSPHRASE)(dialog)

    seen = answer_in_turn(backup_passphrase, accept)
    restore(workspace, old)
    assert "ander wachtwoord" in asked[0]
    assert any("teruggezet" in text for text in seen)
    workspace = open_workspace(encrypted_dir)  # still the folder's own passphrase
    assert workspace.db.execute("SELECT name FROM teams").fetchone()[0] == "Team Zilverberk"
    workspace.close()


def test_after_an_interrupted_decryption_the_start_asks_for_the_previous_passphrase(
    qtbot, encrypted_dir, monkeypatch
):
    import leersessie.store.conversion as conversion
    from leersessie.store.backup import list_backups, make_backup
    from leersessie.store.encryption import unlock

    unlock(encrypted_dir, PASSPHRASE)
    ws = open_workspace(encrypted_dir, daily_backup=False)
    for _ in range(2):
        make_backup(encrypted_dir, ws.db)
    ws.close()
    convert = conversion.convert_file
    calls: list[Path] = []

    def stopped_after_the_database(path: Path, *args: object) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the app stopped here: the backups are not done
        convert(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(conversion, "convert_file", stopped_after_the_database)
    with pytest.raises(KeyboardInterrupt):
        convert_folder(encrypted_dir, None)
    monkeypatch.undo()
    forget_key(encrypted_dir)
    assert not folder_is_encrypted(encrypted_dir)

    asked: list[str] = []

    def previous(text: str):  # type: ignore[no-untyped-def]
        def act(dialog: QWidget) -> None:
            assert isinstance(dialog, PassphraseDialog)
            asked.append(dialog.error.text())
            dialog.passphrase.setText(text)
            press_ok(dialog)

        return act

    answer_in_turn(previous("niet het vorige"), previous(PASSPHRASE))
    workspace = open_or_explain(str(encrypted_dir))
    assert workspace is not None
    workspace.close()
    assert asked[0] == "" and "niet het vorige wachtwoord" in asked[1]
    headers = {info.path.read_bytes()[:16] for info in list_backups(encrypted_dir)}
    assert headers == {b"SQLite format 3\x00"}  # converted, like the data


@pytest.mark.parametrize("which", ["new passphrase", "export team"])
def test_at_the_largest_zoom_a_dialog_shows_its_text_whole(main_window, which):
    """The loss warning, what an archive holds: no wrapped line of it may be cut off."""
    from leersessie.method.teams import list_teams
    from leersessie_ui.dialogs.archive import ExportTeamDialog

    main_window.zoom.set_percent(250)
    cut: list[list[str]] = []

    def read(dialog) -> None:
        cut.append(
            [
                label.text()[:30]
                for label in dialog.findChildren(QLabel)
                if label.wordWrap()
                and label.isVisible()
                and label.height() < label.heightForWidth(label.width())
            ]
        )
        dialog.reject()

    answer_in_turn(read)
    if which == "new passphrase":
        dialog = NewPassphraseDialog("Versleutelen", main_window)
    else:
        create_team(main_window.workspace.db, "Team Zoom", ["Ans"])
        dialog = ExportTeamDialog(list_teams(main_window.workspace.db), main_window)
    dialog.exec()
    dialog.deleteLater()  # on the GUI thread, as the app does after a dialog
    assert cut == [[]]

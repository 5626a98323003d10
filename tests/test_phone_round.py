"""A phone round in a real browser: Debian's chromium, driven through chromedriver, as two
phones at 127.0.0.1 while the real main window shows the group screen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from leersessie.method.sessions import start_session
from leersessie.method.teams import create_team
from leersessie.room.rounds import RoundStatus, step_round
from leersessie_ui.main_window import MainWindow
from tests.test_gui_encryption import encrypted_dir, locked_window  # noqa: F401  (fixtures)
from tests.test_gui_rounds import go_to, group_text

pytestmark = [pytest.mark.gui, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not shutil.which("chromedriver"),
    reason="chromium and chromium-driver are installed by .ci/run",
)


def phone_browser(width: int = 360, height: int = 740):
    """One phone: its own headless chromium with its own cookies."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


@pytest.fixture
def phones() -> Iterator[list]:
    opened: list = []
    yield opened
    for browser in opened:
        browser.quit()


def open_phone_round(window: MainWindow, template_id: str, step_key: str) -> str:
    db = window.workspace.db
    team = create_team(db, "Team Noord", ["Anouk", "Bram", "Eva", "Daan"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=window.workspace.catalogue.get(template_id),
        on=date(2026, 11, 23),
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    window.show_session(session_id)
    go_to(window, step_key)
    rounds = window.session.rounds
    rounds.choose_address = lambda: "127.0.0.1"
    rounds.bar.phone_button.click()
    assert rounds.server is not None
    return rounds.server.url


def wait_for_text(browser, element_id: str, expected: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(lambda b: expected in b.find_element("id", element_id).text)


def tap_score(browser, item_key: str, score: int) -> None:
    browser.find_element(
        "css selector", f'input[data-key="{item_key}"][value="{score}"] + span'
    ).click()


@needs_chromium
def test_two_phones_answer_change_and_see_the_reveal(qtbot, main_window, phones):
    window = main_window
    url = open_phone_round(window, "teamontwikkelruimte", "dialoog")
    window.toggle_group_screen()
    assert "0 van 4 hebben geantwoord" in group_text(window)
    assert url in group_text(window)  # the short address beside the QR code
    qr = window.group.view.round.qr
    assert qr.isVisibleTo(window.group.view) and not qr.pixmap().isNull()

    first, second = phone_browser(), phone_browser()
    phones.extend([first, second])
    for phone in phones:
        phone.get(url)
        wait_for_text(phone, "count", "0 van 4")
        assert "Hoe sterk komt dialoog voeren bij ons voor?" in phone.title + phone.page_source

    tap_score(first, "dialoog", 2)
    first.find_element("id", "send").click()
    wait_for_text(first, "message", "Je antwoord is binnen")
    qtbot.waitUntil(lambda: "1 van 4 hebben geantwoord" in group_text(window), timeout=10_000)

    tap_score(second, "dialoog", 5)
    second.find_element("id", "send").click()
    wait_for_text(second, "message", "Je antwoord is binnen")
    qtbot.waitUntil(lambda: "2 van 4 hebben geantwoord" in group_text(window), timeout=10_000)

    # The first phone changes its mind: still two answers, the new score counts.
    tap_score(first, "dialoog", 4)
    first.find_element("id", "send").click()
    wait_for_text(first, "message", "Je antwoord is binnen")
    assert first.find_element("id", "send").text == "Antwoord wijzigen"
    qtbot.wait(300)
    assert "2 van 4 hebben geantwoord" in group_text(window)
    wait_for_text(second, "count", "2 van 4")  # the page follows without a reload

    rounds = window.session.rounds
    rounds.bar.share_result.setChecked(True)
    rounds.confirm_reveal = lambda count: True  # two answers: the coach is asked first
    rounds.reveal()
    shown = group_text(window)
    assert "Dialoog voeren: 1: 0, 2: 0, 3: 0, 4: 1, 5: 1; mediaan 4,5 · spreiding 4–5" in shown
    for phone in phones:  # the page follows the reveal by itself
        wait_for_text(phone, "message", "De antwoorden zijn onthuld")
        wait_for_text(phone, "result", "mediaan: 4.5")

    rounds.close()
    session = window.session.session
    assert step_round(window.workspace.db, session.id, "dialoog").status is RoundStatus.CLOSED
    assert rounds.server is None
    for phone in phones:
        wait_for_text(phone, "message", "de ronde is voorbij")  # the socket is closed


@needs_chromium
def test_markup_from_a_phone_stays_text_on_the_page_and_the_group_screen(
    qtbot, main_window, phones
):
    window = main_window
    url = open_phone_round(window, "bordsessie", "check-in")
    window.toggle_group_screen()
    phone = phone_browser()
    phones.append(phone)
    phone.get(url)
    wait_for_text(phone, "count", "0 van 4")
    phone.find_element("id", "text").send_keys('<img src=x onerror="document.title=1">moe')
    phone.find_element("id", "send").click()
    wait_for_text(phone, "message", "Je antwoord is binnen")
    qtbot.waitUntil(lambda: "1 van 4" in group_text(window), timeout=10_000)
    rounds = window.session.rounds
    rounds.bar.share_result.setChecked(True)
    rounds.confirm_reveal = lambda count: True
    rounds.reveal()
    wait_for_text(phone, "result", '<img src=x onerror="document.title=1">moe')
    assert phone.title != "1"
    assert not phone.find_elements("css selector", "#result img")
    cards = window.group.view.round.findChildren(
        type(window.group.view.round.count), "groupRoundCard"
    )
    assert [card.text() for card in cards if card.isVisibleTo(window.group.view)] == [
        '<img src=x onerror="document.title=1">moe'
    ]


def _refused(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def test_quitting_the_app_closes_the_phone_rounds_socket(qtbot, main_window):
    open_phone_round(main_window, "bordsessie", "check-in")
    port = main_window.session.rounds.server.port
    assert not _refused(port)
    main_window.close()
    assert _refused(port)


def test_locking_the_app_closes_the_phone_rounds_socket(qtbot, locked_window):  # noqa: F811
    window = locked_window
    db = window.workspace.db
    team = create_team(db, "Team Slot", ["Anouk", "Bram", "Eva"])
    session_id = start_session(
        db,
        team_id=team.id,
        template=window.workspace.catalogue.get("bordsessie"),
        on=date(2026, 11, 23),
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    window.show_session(session_id)
    rounds = window.session.rounds
    rounds.choose_address = lambda: "127.0.0.1"
    rounds.bar.phone_button.click()
    port = rounds.server.port
    assert not _refused(port)
    window.lock.lock()
    assert window.lock.locked
    assert _refused(port)
    round_ = step_round(db, session_id, "check-in")
    assert round_.status is RoundStatus.CLOSED

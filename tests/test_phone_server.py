"""A phone round's server at 127.0.0.1, spoken to as a phone would (HTTP, no browser):
only the round is served, every bad input gets a clear answer and nothing is stored."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator

import pytest

from leersessie.method.templates import RoundKind
from leersessie.room.phone_server import (
    ANSWERS_PER_PHONE,
    BODY_MAX,
    PhoneServer,
    local_addresses,
    qr_png,
)
from leersessie.room.rounds import Asks, RoundItem, RoundStatus

SCORES = Asks(
    RoundKind.SCORES,
    "Hoe sterk komt dialoog voeren bij ons voor?",
    (RoundItem("dialoog", "Dialoog voeren"),),
    ("nauwelijks", "heel sterk"),
)
CHOICE = Asks(RoundKind.CHOICE, "Waar werken we aan?", options=("Dialoog", "Organiseren"))
TEXT = Asks(RoundKind.TEXT, "Met welk woord kom je binnen?")


class Phone:
    """One phone: its own cookie, as a browser keeps it."""

    def __init__(self, server: PhoneServer) -> None:
        self.server = server
        self.cookie = ""

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        sent = {"Content-Type": "application/json", **(headers or {})}
        if self.cookie:
            sent["Cookie"] = self.cookie
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        connection.close()
        return response, data

    def open_page(self) -> str:
        response, data = self.request("GET", f"/{self.server.token}/")
        assert response.status == 200
        return data.decode()

    def answer(self, answer: object) -> tuple[int, dict]:
        body = json.dumps({"answer": answer}).encode()
        response, data = self.request("POST", f"/{self.server.token}/answer", body)
        return response.status, json.loads(data)

    def state(self) -> dict:
        response, data = self.request("GET", f"/{self.server.token}/state")
        assert response.status == 200
        return json.loads(data)


@pytest.fixture
def received() -> list[tuple[str, object]]:
    return []


def serve(asks: Asks, received: list) -> Iterator[PhoneServer]:
    server = PhoneServer(asks, 6, "127.0.0.1", lambda i, a: received.append((i, a)), port=0)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def scores_server(received) -> Iterator[PhoneServer]:
    yield from serve(SCORES, received)


@pytest.fixture
def choice_server(received) -> Iterator[PhoneServer]:
    yield from serve(CHOICE, received)


@pytest.fixture
def text_server(received) -> Iterator[PhoneServer]:
    yield from serve(TEXT, received)


def test_a_phone_answers_changes_its_answer_and_counts_once(scores_server, received):
    phone = Phone(scores_server)
    page = phone.open_page()
    assert "Hoe sterk komt dialoog voeren bij ons voor?" in page
    assert phone.answer({"dialoog": 2}) == (200, {"ok": True, "mine": {"dialoog": 2}})
    assert phone.answer({"dialoog": 4})[0] == 200
    other = Phone(scores_server)
    other.open_page()
    assert other.answer({"dialoog": 5})[0] == 200
    assert [answer for _, answer in received] == [{"dialoog": 2}, {"dialoog": 4}, {"dialoog": 5}]
    assert received[0][0] == received[1][0] != received[2][0]  # the change kept its id
    state = phone.state()
    assert state["count"] == 2 and state["expected"] == 6
    assert state["mine"] == {"dialoog": 4}
    assert other.state()["mine"] == {"dialoog": 5}


def test_a_phone_is_sent_only_the_round_and_its_own_answer(scores_server):
    phone = Phone(scores_server)
    phone.open_page()
    phone.answer({"dialoog": 3})
    state = phone.state()
    assert set(state) == {"status", "asks", "count", "expected", "mine", "result"}
    assert state["asks"]["question"] == SCORES.question
    assert state["result"] is None  # no distribution before the reveal


def test_the_distribution_reaches_the_phones_only_after_a_shared_reveal(scores_server):
    phone = Phone(scores_server)
    phone.open_page()
    scores_server.set_status(RoundStatus.REVEALED, None)
    assert phone.state()["result"] is None  # the coach did not share it
    scores_server.set_status(RoundStatus.REVEALED, {"answers": 1, "items": []})
    assert phone.state()["result"] == {"answers": 1, "items": []}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/favicon.ico"),
        ("GET", "/{wrong}/"),
        ("GET", "/{wrong}/state"),
        ("POST", "/{wrong}/answer"),
        ("GET", "/{token}/../../etc/passwd"),
        ("GET", "/{token}/telefoon.html"),
        ("GET", "/{token}/web/"),
        ("GET", "/{token}/answer"),
        ("DELETE", "/{token}/"),
        ("PUT", "/{token}/answer"),
    ],
)
def test_any_other_address_or_method_gets_a_bare_404(scores_server, method, path):
    wrong = scores_server.token[:-1] + ("A" if scores_server.token[-1] != "A" else "B")
    response, data = Phone(scores_server).request(
        method, path.format(token=scores_server.token, wrong=wrong)
    )
    assert response.status == 404
    assert data == b"404"


def test_the_token_has_at_least_128_random_bits(received):
    servers = [PhoneServer(SCORES, 1, "127.0.0.1", received.append) for _ in range(20)]
    tokens = {server.token for server in servers}
    assert len(tokens) == 20
    assert all(len(token) >= 22 for token in tokens)  # 22 base64 characters: 132 bits


def test_an_answer_without_the_pages_cookie_is_refused(scores_server, received):
    status, data = Phone(scores_server).answer({"dialoog": 3})
    assert status == 400 and "Laad de pagina opnieuw" in data["error"]
    assert received == []


def test_an_oversized_body_is_refused(scores_server, received):
    phone = Phone(scores_server)
    phone.open_page()
    body = json.dumps({"answer": {"dialoog": 3}, "x": "a" * BODY_MAX}).encode()
    response, data = phone.request("POST", f"/{scores_server.token}/answer", body)
    assert response.status == 413
    assert json.loads(data)["error"] == "Dit antwoord is te groot."
    assert received == []


def test_invalid_json_is_refused(scores_server, received):
    phone = Phone(scores_server)
    phone.open_page()
    for body in (b"{dialoog: 3", b"\xff\xfe", b"[1, 2]", b'{"antwoord": 3}'):
        response, data = phone.request("POST", f"/{scores_server.token}/answer", body)
        assert response.status == 400
        assert "kon niet gelezen worden" in json.loads(data)["error"]
    assert received == []


@pytest.mark.parametrize("score", [0, 6, -1, 2.5, "3", True, None])
def test_an_out_of_range_score_is_refused(scores_server, received, score):
    phone = Phone(scores_server)
    phone.open_page()
    status, data = phone.answer({"dialoog": score})
    assert status == 400 and data["error"]
    assert received == []


@pytest.mark.parametrize("choice", [[2], [-1], [0, 1], ["0"], [], "Dialoog"])
def test_an_unknown_choice_is_refused(choice_server, received, choice):
    phone = Phone(choice_server)
    phone.open_page()
    status, data = phone.answer(choice)
    assert status == 400 and data["error"]
    assert received == []


def test_control_characters_are_refused_and_markup_is_kept_as_text(text_server, received):
    phone = Phone(text_server)
    phone.open_page()
    for bad in ("moe\u0000", "moe\u202e", "\u0007bel", "x" * 141):
        status, data = phone.answer(bad)
        assert status == 400 and data["error"]
    assert received == []
    status, data = phone.answer("<script>alert(1)</script>")
    assert status == 200
    assert received[-1][1] == "<script>alert(1)</script>"  # stored as text, shown as text


def test_a_flood_from_one_phone_is_slowed_down(text_server, received):
    phone = Phone(text_server)
    phone.open_page()
    statuses = [phone.answer(f"woord {n}")[0] for n in range(ANSWERS_PER_PHONE + 5)]
    assert statuses[:ANSWERS_PER_PHONE] == [200] * ANSWERS_PER_PHONE
    assert set(statuses[ANSWERS_PER_PHONE:]) == {429}
    assert len(received) == ANSWERS_PER_PHONE
    other = Phone(text_server)  # another phone still gets through
    other.open_page()
    assert other.answer("ook")[0] == 200


def test_no_answer_after_the_round_closed(text_server, received):
    phone = Phone(text_server)
    phone.open_page()
    assert phone.answer("moe")[0] == 200
    text_server.set_status(RoundStatus.CLOSED)
    status, data = phone.answer("blij")
    assert status == 409 and "gesloten" in data["error"]
    assert [answer for _, answer in received] == ["moe"]
    assert phone.state()["status"] == "closed"


def test_the_page_ships_everything_and_says_what_it_may_load(scores_server):
    phone = Phone(scores_server)
    response, data = phone.request("GET", f"/{scores_server.token}/")
    policy = response.getheader("Content-Security-Policy")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert response.getheader("Cache-Control") == "no-store"
    page = data.decode()
    assert "http" not in page.replace(f"/{scores_server.token}/", "")  # nothing from elsewhere
    for name in ("telefoon.css", "telefoon.js"):
        response, body = phone.request("GET", f"/{scores_server.token}/{name}")
        assert response.status == 200 and b"http" not in body


def test_the_socket_listens_only_while_the_server_runs(received):
    server = PhoneServer(TEXT, 3, "127.0.0.1", received.append, port=0)
    server.start()
    port = server.port
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    server.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)


def test_it_binds_to_the_chosen_address_only(text_server):
    assert text_server.host == "127.0.0.1"
    assert text_server.url == f"http://127.0.0.1:{text_server.port}/{text_server.token}/"


def test_the_coach_chooses_among_the_laptops_own_addresses():
    addresses = local_addresses()
    assert addresses[-1] == "127.0.0.1"
    assert "0.0.0.0" not in addresses


def test_the_qr_code_is_a_png():
    assert qr_png("http://192.168.1.5:8421/abc/").startswith(b"\x89PNG")

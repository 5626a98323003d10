"""The local web server of a phone round: each participant answers on their own phone.

The promise (README, "Telefoons in een ronde"): Leersessie never connects out; it
listens only while a phone round is open, only on the one address the coach chose (never
0.0.0.0 unless asked), and serves nothing but that round. So:

- the server runs on its own asyncio loop in its own thread (aiohttp), started when the
  coach opens a phone round and stopped when it closes, the session ends, the app locks
  or quits; no database connection: it holds the round's question and sends each checked
  answer to ``on_answer``, which the app stores;
- every address is ``/<token>/...`` with a random token of 128 bits; any other path, a
  wrong token or another method gets a bare 404;
- a phone is sent only the round's question, items, scale and options, its own answer,
  the count, and after the reveal (if the coach chooses) the distribution;
- every input is checked (``rounds.check_answer``), bodies are at most ``BODY_MAX``
  bytes, and answers are rate limited per phone and in all; the page shows a text as
  text, never as markup.

A phone counts once: the page gets a random phone id in a cookie; the server keeps which
answer is that phone's in memory only, so the phone can change it until the reveal,
and nothing of the phone reaches the file.
"""

from __future__ import annotations

import asyncio
import hmac
import io
import ipaddress
import json
import secrets
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from importlib import resources
from typing import Any

from leersessie.base.errors import InputError, UserFacingError, describe_os_error
from leersessie.base.i18n import language, tr
from leersessie.room.rounds import TEXT_MAX, Answer, Asks, RoundStatus, check_answer
from leersessie.store.ids import new_id

BODY_MAX = 2048  # bytes: the largest answer (five scores, or 140 characters) is far below
PHONE_COOKIE = "leersessie_telefoon"
PHONES_MAX = 300  # phone ids given out in one round: a room, not a crowd
ANSWERS_PER_PHONE = 10  # answers one phone may send per RATE_WINDOW
ANSWERS_IN_ALL = 400  # answers all phones together may send per RATE_WINDOW
REQUESTS_IN_ALL = 4000  # requests of any kind per RATE_WINDOW (40 phones polling: 200)
RATE_WINDOW = 10.0  # seconds
POLL_MS = 2000  # how often the page asks for the round's state
PREFERRED_PORT = 8421  # a short address; another free port when it is taken
PAGE_FILES = {"telefoon.css": "text/css", "telefoon.js": "text/javascript"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


class ServerError(UserFacingError):
    """The round's server could not start (the address is gone, the port is refused)."""


class RateLimit:
    """At most ``limit`` events per ``window`` seconds (a sliding window)."""

    def __init__(self, limit: int, window: float = RATE_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self.times: deque[float] = deque()

    def allow(self, now: float) -> bool:
        while self.times and now - self.times[0] > self.window:
            self.times.popleft()
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True


def local_addresses() -> list[str]:
    """The laptop's own IPv4 addresses, read from the system without sending anything
    (no name lookup, no connection): private ones first, this laptop only (127.0.0.1)
    last. The coach chooses the one on the network the phones are on."""
    found = _interface_addresses() if sys.platform.startswith("linux") else _host_addresses()
    found = [a for a in dict.fromkeys(found) if not a.startswith("127.")]
    private = [a for a in found if ipaddress.ip_address(a).is_private]
    return [*private, *(a for a in found if a not in private), "127.0.0.1"]


def _interface_addresses() -> list[str]:
    """Linux: each interface's address as the kernel has it (SIOCGIFADDR)."""
    import fcntl
    import struct

    siocgifaddr = 0x8915
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # never sends
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(
                    probe.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15])
                )
            except OSError:  # an interface without an IPv4 address
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


def _host_addresses() -> list[str]:
    """Windows and macOS: the addresses the system gives its own name (answered locally)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def qr_png(url: str) -> bytes:
    """The address as a QR code (PNG), drawn by segno: pure Python, nothing fetched."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def page_texts() -> dict[str, str]:
    """The page's words in the app's language; the page itself holds none."""
    return {
        "send": tr("Versturen"),
        "change": tr("Antwoord wijzigen"),
        "received": tr("Je antwoord is binnen. Je kunt het wijzigen tot de onthulling."),
        "waiting": tr("Wacht tot de leercoach de antwoorden samen laat zien."),
        "revealed": tr("De antwoorden zijn onthuld: kijk op het groepsscherm."),
        "closed": tr("Deze ronde is gesloten. Bedankt!"),
        "gone": tr("Deze ronde is er niet meer. Scan de QR-code van de nieuwe ronde."),
        "offline": tr(
            "Geen verbinding met de laptop van de leercoach: de ronde is voorbij, of het "
            "netwerk hapert."
        ),
        "count": tr("{count} van {expected} hebben geantwoord"),
        "median": tr("mediaan"),
        "your_answer": tr("Jouw antwoord"),
        "too_long": tr("Houd het kort: hooguit {maximum} tekens.", maximum=TEXT_MAX),
        "anonymous": tr("Je antwoord wordt bewaard zonder naam. Niemand ziet wie wat antwoordde."),
        "title": tr("Leersessie: ronde"),
        "failed": tr("Dat lukte niet. Probeer het nog eens."),
        "dots_one": tr("Tik één optie aan."),
        "dots_more": tr("Tik hooguit {n} opties aan."),
    }


def _read_page_file(name: str) -> bytes:
    return resources.files("leersessie").joinpath("web", name).read_bytes()


class PhoneServer:
    """One phone round's web server, on its own thread and asyncio loop."""

    def __init__(
        self,
        asks: Asks,
        expected: int,
        host: str,
        on_answer: Callable[[str, Answer], None],
        port: int = PREFERRED_PORT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.asks = asks
        self.expected = expected
        self.host = host
        self.port = port
        self.on_answer = on_answer
        self.clock = clock
        self.token = secrets.token_urlsafe(16)  # 128 random bits, 22 characters
        self._lock = threading.Lock()
        self._status = RoundStatus.OPEN
        self._result: dict[str, Any] | None = None
        self._answers: dict[str, tuple[str, Any]] = {}  # phone id -> (answer id, answer)
        self._phones: set[str] = set()  # phone ids given out
        self._per_phone: dict[str, RateLimit] = {}
        self._answers_in_all = RateLimit(ANSWERS_IN_ALL)
        self._requests_in_all = RateLimit(REQUESTS_IN_ALL)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._page = self._render_page()
        self._files = {name: _read_page_file(name) for name in PAGE_FILES}

    # --- the app's side (GUI thread) ---------------------------------------------------

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/{self.token}/"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def answered(self) -> int:
        with self._lock:
            return len(self._answers)

    def start(self) -> None:
        """Listen on the chosen address; raises ServerError with what to do."""
        ready = threading.Event()
        failure: list[OSError] = []
        loop = asyncio.new_event_loop()
        self._loop = loop

        def serve() -> None:
            asyncio.set_event_loop(loop)
            try:
                runner = loop.run_until_complete(self._listen())
            except OSError as error:
                failure.append(error)
                loop.close()
                ready.set()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(runner.cleanup())
                loop.close()

        self._thread = threading.Thread(target=serve, name="leersessie-ronde", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise ServerError(
                tr(
                    "De ronde kon niet luisteren op {host}: {reason}. Kies een ander adres, "
                    "of kies 'op de laptop'.",
                    host=self.host,
                    reason=describe_os_error(failure[0]),
                )
            )

    async def _listen(self) -> Any:
        from aiohttp import web

        app = web.Application(client_max_size=BODY_MAX, middlewares=[self._only_the_round])
        base = "/{token}/"
        app.router.add_get(base, self._serve_page)
        app.router.add_get(base + "state", self._serve_state)
        app.router.add_post(base + "answer", self._receive_answer)
        for name in PAGE_FILES:
            app.router.add_get(base + name, self._serve_file)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        for port in dict.fromkeys((self.port, 0)):
            site = web.TCPSite(runner, self.host, port, reuse_address=False)
            try:
                await site.start()
            except OSError:
                if port == 0:
                    await runner.cleanup()
                    raise
                continue
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
            break
        return runner

    def stop(self) -> None:
        """Close the listening socket and every connection; returns when it is closed."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
        self._thread = None
        self._loop = None

    def set_status(self, status: RoundStatus, result: dict[str, Any] | None = None) -> None:
        """The round moved on: the phones stop answering; ``result``: the distribution
        the phones may see, when the coach chose to share it."""
        with self._lock:
            self._status = status
            self._result = result

    # --- the phones' side (server thread) ----------------------------------------------

    def _render_page(self) -> bytes:
        texts = json.dumps(
            {"texts": page_texts(), "poll_ms": POLL_MS, "text_max": TEXT_MAX}, ensure_ascii=True
        ).replace("<", "\\u003c")
        template = _read_page_file("telefoon.html").decode("utf-8")
        page = (
            template.replace("{{lang}}", language())
            .replace("{{title}}", _escape(tr("Leersessie: ronde")))
            .replace("{{question}}", _escape(self.asks.question))
            .replace("{{config}}", texts)
        )
        return page.encode("utf-8")

    @staticmethod
    def _not_found() -> Any:
        from aiohttp import web

        return web.Response(status=404, text="404", headers=SECURITY_HEADERS)

    async def _only_the_round_impl(self, request: Any, handler: Any) -> Any:
        from aiohttp import web

        with self._lock:
            allowed = self._requests_in_all.allow(self.clock())
        if not allowed:
            return _json({"error": tr("Te druk: probeer het zo opnieuw.")}, 429)
        token = request.match_info.get("token", "")
        if not token or not hmac.compare_digest(token.encode(), self.token.encode()):
            return self._not_found()
        try:
            response = await handler(request)
        except web.HTTPException:  # an unknown path, another method: nothing but a 404
            return self._not_found()
        response.headers.update(SECURITY_HEADERS)
        return response

    @property
    def _only_the_round(self) -> Any:
        from aiohttp import web

        @web.middleware
        async def middleware(request: Any, handler: Any) -> Any:
            return await self._only_the_round_impl(request, handler)

        return middleware

    async def _serve_page(self, request: Any) -> Any:
        from aiohttp import web

        response = web.Response(body=self._page, content_type="text/html", charset="utf-8")
        phone = self._phone_of(request)
        if phone is None:
            with self._lock:
                if len(self._phones) >= PHONES_MAX:
                    return _json({"error": tr("Te veel telefoons in deze ronde.")}, 429)
                phone = secrets.token_hex(16)
                self._phones.add(phone)
            response.set_cookie(
                PHONE_COOKIE,
                phone,
                path=f"/{self.token}/",
                httponly=True,
                samesite="Strict",
            )
        return response

    async def _serve_file(self, request: Any) -> Any:
        from aiohttp import web

        name = request.path.rsplit("/", 1)[-1]
        return web.Response(body=self._files[name], content_type=PAGE_FILES[name])

    def _phone_of(self, request: Any) -> str | None:
        phone = request.cookies.get(PHONE_COOKIE, "")
        with self._lock:
            return phone if phone in self._phones else None

    async def _serve_state(self, request: Any) -> Any:
        phone = self._phone_of(request)
        with self._lock:
            mine = self._answers[phone][1] if phone in self._answers else None
            state = {
                "status": self._status.value,
                "asks": self.asks.to_json(),
                "count": len(self._answers),
                "expected": self.expected,
                "mine": mine,
                "result": self._result if self._status is not RoundStatus.OPEN else None,
            }
        return _json(state)

    async def _receive_answer(self, request: Any) -> Any:
        phone = self._phone_of(request)
        if phone is None:
            return _json({"error": tr("Laad de pagina opnieuw om mee te doen.")}, 400)
        if request.content_length is not None and request.content_length > BODY_MAX:
            return _json({"error": tr("Dit antwoord is te groot.")}, 413)
        body = await request.content.read(BODY_MAX + 1)
        if len(body) > BODY_MAX:
            return _json({"error": tr("Dit antwoord is te groot.")}, 413)
        with self._lock:
            now = self.clock()
            limit = self._per_phone.setdefault(phone, RateLimit(ANSWERS_PER_PHONE))
            if not limit.allow(now):
                return _json({"error": tr("Even wachten: te veel pogingen achter elkaar.")}, 429)
            if not self._answers_in_all.allow(now):
                return _json({"error": tr("Te druk: probeer het zo opnieuw.")}, 429)
            status = self._status
        if status is not RoundStatus.OPEN:
            return _json(
                {"error": tr("Deze ronde is al gesloten; uw antwoord telt niet meer mee.")}, 409
            )
        try:
            raw = json.loads(body.decode("utf-8"))
            if not isinstance(raw, dict) or "answer" not in raw:
                raise ValueError("no answer")
            answer = check_answer(self.asks, raw["answer"])
        except (ValueError, UnicodeDecodeError):
            return _json(
                {"error": tr("Dit antwoord kon niet gelezen worden. Probeer opnieuw.")}, 400
            )
        except InputError as error:
            return _json({"error": str(error)}, 400)
        with self._lock:
            if self._status is not RoundStatus.OPEN:
                return _json(
                    {"error": tr("Deze ronde is al gesloten; uw antwoord telt niet meer mee.")},
                    409,
                )
            answer_id = self._answers.get(phone, (new_id(), None))[0]
            self._answers[phone] = (answer_id, _as_json(answer))
            self.on_answer(answer_id, answer)
        return _json({"ok": True, "mine": _as_json(answer)})


def _as_json(answer: Answer) -> Any:
    return list(answer) if isinstance(answer, tuple) else answer


def _json(data: dict[str, Any], status: int = 200) -> Any:
    from aiohttp import web

    return web.json_response(data, status=status, headers=SECURITY_HEADERS)


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=True)

"""Rounds: each person answers on their own, then the group looks at all answers together.

A step whose template declares ``[steps.round]`` can hold one round (docs/templates.md).
The coach opens it, on the laptop (an entry card for one person at a time) or on the
phones (``leersessie.room.phone_server``); the group sees only how many answered; the reveal
shows every answer at once, never whose it is. Answers are stored without a name, a
phone, a time or an order (migration m011).

What a round gives flows into what exists when it is revealed: a score round sets each
item's team score to the median (the coach can overrule it afterwards, as any team
score) and its answers count in the item's spread; a text round in a step where the
group asks questions adds each text to the question coach's list, another text round
and a choice round write their outcome into the step's notes.
"""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from leersessie.base.errors import InputError
from leersessie.base.i18n import ntr, tr
from leersessie.method.models import Session
from leersessie.method.questions import add_question
from leersessie.method.ratings import MAX_RATING, MIN_RATING, Spread, set_rating
from leersessie.method.sessions import save_note, saved_note
from leersessie.method.templates import ROUND_OPTION_MAX, ROUND_OPTIONS_MAX, RoundKind, Step
from leersessie.store.ids import new_id, now_iso

TEXT_MAX = 140  # characters of a text answer: a word, an idea, one question
# Three is the smallest group in which a distribution does not expose a person: with
# fewer answers the coach is asked before a reveal.
SAFE_REVEAL = 3


class RoundStatus(StrEnum):
    OPEN = "open"  # answers come in; the group sees only how many
    REVEALED = "revealed"  # the group sees every answer together
    CLOSED = "closed"  # done: nothing more comes in


class RoundWay(StrEnum):
    LAPTOP = "laptop"  # in turn on the coach's laptop
    PHONE = "phone"  # each on their own phone (leersessie.room.phone_server)


@dataclass(frozen=True)
class RoundItem:
    key: str
    title: str


@dataclass(frozen=True)
class Asks:
    """What a round asks, copied from the template when it opens: all a phone is sent."""

    kind: RoundKind
    question: str
    items: tuple[RoundItem, ...] = ()  # scores
    scale: tuple[str, str] = ("", "")  # scores: the words for the lowest and highest
    options: tuple[str, ...] = ()  # choice
    dots: int = 1  # choice: how many options one person may mark

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "question": self.question,
            "items": [{"key": item.key, "title": item.title} for item in self.items],
            "scale": {
                "low": MIN_RATING,
                "high": MAX_RATING,
                "low_words": self.scale[0],
                "high_words": self.scale[1],
            },
            "options": list(self.options),
            "dots": self.dots,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Asks:
        return cls(
            RoundKind(data["kind"]),
            data["question"],
            tuple(RoundItem(item["key"], item["title"]) for item in data["items"]),
            (data["scale"]["low_words"], data["scale"]["high_words"]),
            tuple(data["options"]),
            data["dots"],
        )


@dataclass(frozen=True)
class Round:
    id: str
    session_id: str
    step_key: str
    way: RoundWay
    asks: Asks
    expected: int  # how many were present when it opened: the "of 6" in "4 of 6"
    status: RoundStatus
    share_result: bool  # phones see the distribution after the reveal

    @property
    def kind(self) -> RoundKind:
        return self.asks.kind


# An answer, checked: {item key: score}, a text, or the indexes of the chosen options.
Answer = dict[str, int] | str | tuple[int, ...]


# --- opening and reading ------------------------------------------------------------


def asks_for(step: Step, options: list[str] | None = None) -> Asks:
    """What a step's round asks; a choice without options in the template takes the
    coach's ``options`` (one per line as typed, empty lines left out)."""
    spec = step.round
    if spec is None:
        raise ValueError(f"step {step.key} declares no round")
    chosen = spec.options
    if spec.kind is RoundKind.CHOICE and not chosen:
        chosen = _check_options([o.strip() for o in options or [] if o.strip()], spec.dots)
    return Asks(
        spec.kind,
        spec.question,
        tuple(RoundItem(item.key, item.title) for item in step.items)
        if spec.kind is RoundKind.SCORES
        else (),
        step.scale_words() if spec.kind is RoundKind.SCORES else ("", ""),
        chosen,
        spec.dots,
    )


def _check_options(options: list[str], dots: int) -> tuple[str, ...]:
    if not 2 <= len(options) <= ROUND_OPTIONS_MAX:
        raise InputError(
            tr(
                "Een keuze heeft 2 tot {maximum} opties; u gaf er {count}. Typ elke optie op "
                "een eigen regel.",
                maximum=ROUND_OPTIONS_MAX,
                count=len(options),
            )
        )
    if len({o.casefold() for o in options}) != len(options):
        raise InputError(tr("Twee opties zijn gelijk; maak ze verschillend."))
    if any(len(o) > ROUND_OPTION_MAX for o in options):
        raise InputError(tr("Een optie is hooguit {maximum} tekens.", maximum=ROUND_OPTION_MAX))
    if dots > len(options):
        raise InputError(
            tr("Ieder zet {dots} stippen: geef minstens zoveel opties.", dots=dots),
        )
    return tuple(options)


def open_round(
    db: Database,
    session: Session,
    step: Step,
    way: RoundWay,
    options: list[str] | None = None,
) -> Round:
    """Open the step's round for everyone present. A step holds one round: opening it
    again starts afresh, and the earlier answers are gone."""
    asks = asks_for(step, options)
    round_id = new_id()
    with db.atomic():
        db.execute(
            "DELETE FROM rounds WHERE session_id = ? AND step_key = ?", [session.id, step.key]
        )
        db.table("rounds").insert(
            {
                "id": round_id,
                "session_id": session.id,
                "step_key": step.key,
                "kind": asks.kind.value,
                "way": way.value,
                "asks": json.dumps(asks.to_json(), ensure_ascii=False),
                "expected": len(session.present),
                "status": RoundStatus.OPEN.value,
                "share_result": 0,
                "created_at": now_iso(),
            }
        )
    return get_round(db, round_id)


def _round(row: Any) -> Round:
    return Round(
        id=row["id"],
        session_id=row["session_id"],
        step_key=row["step_key"],
        way=RoundWay(row["way"]),
        asks=Asks.from_json(json.loads(row["asks"])),
        expected=row["expected"],
        status=RoundStatus(row["status"]),
        share_result=bool(row["share_result"]),
    )


def get_round(db: Database, round_id: str) -> Round:
    return _round(next(db.query("SELECT * FROM rounds WHERE id = ?", [round_id])))


def step_round(db: Database, session_id: str, step_key: str) -> Round | None:
    """The round a step holds, if the coach opened one."""
    rows = list(
        db.query(
            "SELECT * FROM rounds WHERE session_id = ? AND step_key = ?", [session_id, step_key]
        )
    )
    return _round(rows[0]) if rows else None


def open_rounds(db: Database) -> list[Round]:
    """Rounds still taking answers (a phone round's server must run only for these)."""
    return [_round(row) for row in db.query("SELECT * FROM rounds WHERE status = 'open'")]


# --- answers ------------------------------------------------------------------------


def check_answer(asks: Asks, raw: Any) -> Answer:
    """An answer as it came in (a phone's JSON, the entry card), checked against what the
    round asks. Raises InputError with a message for the person answering."""
    if asks.kind is RoundKind.SCORES:
        return _check_scores(asks, raw)
    if asks.kind is RoundKind.TEXT:
        return check_text(raw)
    return _check_choices(asks, raw)


def _check_scores(asks: Asks, raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise InputError(tr("Geef een cijfer per onderdeel."))
    keys = {item.key for item in asks.items}
    if set(raw) - keys:
        raise InputError(tr("Dit antwoord hoort niet bij deze ronde. Laad de pagina opnieuw."))
    scores: dict[str, int] = {}
    for item in asks.items:
        value = raw.get(item.key)
        if value is None:
            raise InputError(tr("Geef ook een cijfer voor '{item}'.", item=item.title))
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(tr("Een cijfer is een geheel getal."))
        if not MIN_RATING <= value <= MAX_RATING:
            raise InputError(
                tr(
                    "Een cijfer is van {low} tot en met {high}.",
                    low=MIN_RATING,
                    high=MAX_RATING,
                )
            )
        scores[item.key] = value
    return scores


def check_text(raw: Any) -> str:
    """A short text, spaces tidied; control characters and over-long texts refused."""
    if not isinstance(raw, str):
        raise InputError(tr("Typ een korte tekst."))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c not in "\n\t" for c in raw):
        raise InputError(tr("De tekst bevat onzichtbare tekens; typ hem opnieuw."))
    text = " ".join(raw.split())
    if not text:
        raise InputError(tr("Typ eerst iets."))
    if len(text) > TEXT_MAX:
        raise InputError(
            tr(
                "Houd het kort: hooguit {maximum} tekens (nu {length}).",
                maximum=TEXT_MAX,
                length=len(text),
            )
        )
    return text


def _check_choices(asks: Asks, raw: Any) -> tuple[int, ...]:
    if not isinstance(raw, list) or not raw:
        raise InputError(tr("Kies eerst een optie."))
    if any(isinstance(c, bool) or not isinstance(c, int) for c in raw) or any(
        not 0 <= c < len(asks.options) for c in raw
    ):
        raise InputError(tr("Die optie bestaat niet in deze ronde. Laad de pagina opnieuw."))
    if len(set(raw)) != len(raw):
        raise InputError(tr("Zet op elke optie hooguit één stip."))
    if len(raw) > asks.dots:
        raise InputError(
            ntr(
                "U kunt {n} optie kiezen.",
                "U kunt hooguit {n} opties kiezen.",
                asks.dots,
            )
        )
    return tuple(sorted(raw))


def _encode(answer: Answer) -> str:
    return json.dumps(list(answer) if isinstance(answer, tuple) else answer, ensure_ascii=False)


def save_answer(db: Database, round_id: str, answer: Answer, answer_id: str | None = None) -> str:
    """Store one person's answer, or replace theirs (``answer_id``: what an earlier call
    returned; a phone keeps it so it can change its answer until the reveal)."""
    with db.atomic():
        status = db.execute("SELECT status FROM rounds WHERE id = ?", [round_id]).fetchone()
        if status is None or status[0] != RoundStatus.OPEN.value:
            raise InputError(tr("Deze ronde is al gesloten; uw antwoord telt niet meer mee."))
        answer_id = answer_id or new_id()
        db.execute(
            "INSERT INTO round_answers (id, round_id, answer) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET answer = excluded.answer",
            [answer_id, round_id, _encode(answer)],
        )
    return answer_id


def answer_count(db: Database, round_id: str) -> int:
    return int(
        db.execute("SELECT count(*) FROM round_answers WHERE round_id = ?", [round_id]).fetchone()[
            0
        ]
    )


def _answers(db: Database, round_id: str) -> list[Any]:
    return [
        json.loads(row[0])
        for row in db.execute("SELECT answer FROM round_answers WHERE round_id = ?", [round_id])
    ]


# --- the reveal -----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    """One item's scores: how many gave each value, the median and the spread."""

    key: str
    title: str
    counts: dict[int, int]  # every value of the scale -> how many gave it (0 included)

    @property
    def answers(self) -> int:
        return sum(self.counts.values())

    @property
    def median(self) -> float | None:
        values = [v for v, n in self.counts.items() for _ in range(n)]
        return statistics.median(values) if values else None

    @property
    def spread(self) -> Spread | None:
        given = {value: n for value, n in self.counts.items() if n}
        return Spread(given) if given else None

    @property
    def team_score(self) -> int | None:
        """The median as a whole score: x.5 rounds up, as a tie goes to the higher half."""
        median = self.median
        return None if median is None else int(median + 0.5)


@dataclass(frozen=True)
class RoundResult:
    round: Round
    answers: int
    items: tuple[ItemResult, ...] = ()
    texts: tuple[str, ...] = ()  # sorted, so their order says nothing of who wrote them
    choices: tuple[tuple[str, int], ...] = ()  # (option, dots), in the options' order

    def to_json(self) -> dict[str, Any]:
        """The distribution a phone may see after the reveal (never more than this)."""
        return {
            "answers": self.answers,
            "items": [
                {
                    "key": item.key,
                    "title": item.title,
                    "counts": [item.counts[v] for v in range(MIN_RATING, MAX_RATING + 1)],
                    "median": item.median,
                }
                for item in self.items
            ],
            "texts": list(self.texts),
            "choices": [{"option": option, "dots": dots} for option, dots in self.choices],
        }


def round_result(db: Database, round_: Round) -> RoundResult:
    answers = _answers(db, round_.id)
    asks = round_.asks
    if asks.kind is RoundKind.SCORES:
        items = tuple(
            ItemResult(
                item.key,
                item.title,
                {
                    value: sum(1 for a in answers if a.get(item.key) == value)
                    for value in range(MIN_RATING, MAX_RATING + 1)
                },
            )
            for item in asks.items
        )
        return RoundResult(round_, len(answers), items=items)
    if asks.kind is RoundKind.TEXT:
        return RoundResult(round_, len(answers), texts=tuple(sorted(answers, key=str.casefold)))
    dots = Counter(choice for answer in answers for choice in answer)
    choices = tuple((option, dots[index]) for index, option in enumerate(asks.options))
    return RoundResult(round_, len(answers), choices=choices)


@dataclass
class Flowed:
    """What a reveal changed elsewhere, so the app can tell the views."""

    ratings: bool = False
    note: bool = False
    questions: list[str] = field(default_factory=list)  # ids of questions added


def needs_confirmation(db: Database, round_id: str) -> bool:
    """Fewer than three answers: a distribution could expose a person; ask first."""
    return answer_count(db, round_id) < SAFE_REVEAL


def reveal_round(
    db: Database, round_id: str, session: Session, share_result: bool = False
) -> tuple[RoundResult, Flowed]:
    """Show every answer together and let them flow into the session (module docstring).
    A round is revealed once; revealing it again changes nothing."""
    round_ = get_round(db, round_id)
    if round_.status is not RoundStatus.OPEN:
        return round_result(db, round_), Flowed()
    with db.atomic():
        db.execute(
            "UPDATE rounds SET status = ?, share_result = ? WHERE id = ?",
            [RoundStatus.REVEALED.value, int(share_result), round_id],
        )
        revealed = get_round(db, round_id)
        result = round_result(db, revealed)
        flowed = _flow(db, session, result)
    return result, flowed


def _flow(db: Database, session: Session, result: RoundResult) -> Flowed:
    flowed = Flowed()
    step = next(s for s in session.steps if s.key == result.round.step_key)
    if result.items:
        for item in result.items:
            if item.team_score is not None:
                set_rating(db, session.id, step.key, item.key, item.team_score)
                flowed.ratings = True
    elif result.texts and step.asks_questions:
        for text in result.texts:
            question = add_question(db, session.id, step.key, text)
            if question:
                flowed.questions.append(question.id)
    elif result.texts or any(dots for _, dots in result.choices):
        line = outcome_line(result)
        note = saved_note(db, session.id, step.key)
        save_note(db, session.id, step.key, f"{note.rstrip()}\n{line}".strip())
        flowed.note = True
    return flowed


def outcome_line(result: RoundResult) -> str:
    """A text or choice round's outcome in one line for the step's notes."""
    if result.texts:
        return tr("Ronde: {texts}", texts=" · ".join(result.texts))
    ranked = sorted(result.choices, key=lambda choice: -choice[1])
    return tr(
        "Ronde, stippen: {choices}",
        choices=", ".join(f"{option} ({dots})" for option, dots in ranked if dots),
    )


def close_round(db: Database, round_id: str) -> None:
    """Nothing more comes in; a closed round keeps its answers for the anonymous spread."""
    with db.atomic():
        db.execute(
            "UPDATE rounds SET status = ? WHERE id = ?", [RoundStatus.CLOSED.value, round_id]
        )


def close_open_rounds(db: Database, session_id: str) -> None:
    """The session ends: every round of it stops taking answers."""
    with db.atomic():
        db.execute(
            "UPDATE rounds SET status = 'closed' WHERE session_id = ? AND status = 'open'",
            [session_id],
        )

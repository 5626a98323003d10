"""The question coach: what kind of question a group member asked, and why.

Actieleren's second step asks the group to understand the situation with open questions
before anyone advises (seed 003, "Leren van acties": "open vragen te stellen in plaats van
heel snel met adviezen te komen"). The coach types each question as it is asked; this module
names its kind with a rule a coach can read back, never a guess from a model:

- open: starts with a question word (wat, hoe, welke, waar, wie, ...) or invites a story
  ("Kun je vertellen ...");
- closed: starts with a verb, so it asks for yes or no ("Heb je ...", "Is het ...");
- advice: a tip dressed as a question ("Heb je al overwogen om ...", "Zou je niet ...",
  "Waarom bel je niet gewoon ...");
- why: "waarom" or "hoezo", which can sound like a judgement;
- none: not a question at all.

Rules are checked from the most specific (advice) to the most general (closed); the first
that matches names the kind and its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.store import settings
from leersessie.store.ids import new_id, now_iso


class QuestionKind(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ADVICE = "advice"
    WHY = "why"
    NONE = "none"


@dataclass(frozen=True)
class Classification:
    kind: QuestionKind
    reason: str  # one line: why this kind
    open_example: str  # the same sort of question asked openly ("" for open questions)


def kind_label(kind: QuestionKind) -> str:
    """The word a coach reads for a kind."""
    labels = {
        QuestionKind.OPEN: tr("open"),
        QuestionKind.CLOSED: tr("gesloten"),
        QuestionKind.ADVICE: tr("advies in vraagvorm"),
        QuestionKind.WHY: tr("waarom-vraag"),
        QuestionKind.NONE: tr("geen vraag"),
    }
    return labels[kind]


# --- words --------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


QUESTION_WORDS = _wordset(
    "wat wie wiens welke welk hoe hoeveel hoelang waar wanneer waardoor waarmee waarover "
    "waaraan waarin waarop waarbij waarvan waarvoor waaruit waarheen waartoe"
)
WHY_WORDS = frozenset({"waarom", "hoezo"})
# Words that may stand before the question itself: "En wat ...", "Maar waarom ...".
FILLERS = _wordset("en maar dus oké ok oke nou ja nee goed even zeg of")
# "Met wie", "In welke situatie", "Op welk moment", "In hoeverre".
PREPOSITIONS = _wordset(
    "met in op voor van bij naar over tot vanaf sinds door uit om aan tegen zonder"
)
# Verbs of telling: "Kun je vertellen ...", "Wil je toelichten ..." invite a story.
TELLING_VERBS = (
    "vertellen",
    "vertel",
    "beschrijven",
    "beschrijf",
    "toelichten",
    "uitleggen",
    "schetsen",
    "zeggen over",
    "verhaal",
)
PRONOUNS = _wordset("je jij u hij zij ze we wij jullie het er dat dit die de een men iemand jouw")
# Verbs (finite forms) that open a yes/no question when they come first.
FINITE_VERBS = _wordset(
    """
    heb hebt heeft hebben had hadden ben bent is zijn was waren word wordt werd werden
    kun kunt kan kunnen kon konden wil wilt willen wilde wilden zou zouden zal zult
    moet moeten moest moesten mag mogen mocht mochten hoef hoeft
    doe doet doen deed deden ga gaat gaan ging gingen kom komt komen kwam kwamen
    weet weten wist wisten ken kent kennen kende vind vindt vinden vond vonden
    voel voelt voelde denk denkt dacht klopt klopte speelt speelde lukt lukte lukken
    helpt hielp herken herkent merk merkt merkte zie ziet zag snap snapt begrijp begrijpt
    durf durft spreekt sprak praat praatte werkt werkte woont woonde houdt hield
    verwacht verwachtte krijg krijgt kreeg blijft bleef staat stond ligt lag gebeurt
    """
)
# Inside a question these turn it into a suggestion: "... niet gewoon ...", "... eens ...".
NUDGES = ("niet gewoon", "gewoon", "niet beter", "niet eerst", "misschien", "niet eens")

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"[,;:]")


def _words(text: str) -> list[str]:
    return [word.casefold().replace("’", "'") for word in _WORD.findall(text)]


def _without_fillers(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) - 1 and words[start] in FILLERS:
        start += 1
    return words[start:]


def _phrase(words: list[str]) -> str:
    return " " + " ".join(words) + " "


# --- the rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    kind: QuestionKind
    matches: Callable[[list[str]], bool]
    reason: Callable[[], str]
    example: Callable[[], str]


ADVICE_OPENINGS = (
    "heb je al overwogen",
    "heb je overwogen",
    "heb je al eens",
    "heb je er al aan gedacht",
    "heb je eraan gedacht",
    "heb je er weleens aan gedacht",
    "heb je weleens overwogen",
    "heb je al geprobeerd",
    "is het geen",
    "is het misschien een idee",
    "is het niet beter",
    "is het niet handiger",
    "is het niet verstandiger",
    "wat als je",
    "wat vind je ervan om",
    "wat denk je van",
    "lijkt het je niet",
    "zou het helpen als",
    "zou het niet",
    "zou een",
    "is een",
)
# A modal verb with "niet" or a nudge: "Zou je niet ...", "Kun je niet ...", "Moet je niet ...".
ADVICE_MODALS = _wordset("zou zouden kun kunt kan moet moeten wil wilt")


def _is_advice(words: list[str]) -> bool:
    phrase = _phrase(words)
    if any(phrase.startswith(f" {opening} ") for opening in ADVICE_OPENINGS):
        # "Zou een ..." and "Is een ..." only advise when they judge the idea good or helpful.
        if words[0] in {"zou", "is"} and words[1] == "een":
            return any(w in words for w in ("helpen", "idee", "goed", "slim", "verstandig"))
        return True
    if words[0] in WHY_WORDS and ("niet" in words or "geen" in words[1:4]):
        # "Waarom bel je niet gewoon ..." suggests a deed; "Waarom heb je niet eerder ..."
        # and "Waarom vertrouw je ... niet" ask to account for a past or a feeling.
        return not _looks_back(words) and words[1] not in INNER_VERBS
    if words[0] in ADVICE_MODALS and len(words) > 2:
        return "niet" in words[1:6] or any(f" {nudge} " in phrase for nudge in NUDGES)
    return False


# Verbs of thinking and feeling: "waarom ... niet" with these asks to justify, not to act.
INNER_VERBS = _wordset(
    "vertrouw vertrouwt vind vindt denk denkt voel voelt twijfel twijfelt weet ken kent snap "
    "begrijp geloof gelooft wil wilt durf durft hoop hoopt zie ziet"
)
# Past tense and participles: a why-question about what happened judges rather than advises.
_PAST_AUXILIARIES = _wordset("heb hebt heeft had hadden ben bent was waren is werd")


def _looks_back(words: list[str]) -> bool:
    verb = words[1] if len(words) > 1 else ""
    return verb in _PAST_AUXILIARIES or verb.endswith(("de", "te", "den", "ten"))


def _is_why(words: list[str]) -> bool:
    return words[0] in WHY_WORDS


def _is_open(words: list[str]) -> bool:
    first = words[0]
    if first in QUESTION_WORDS:
        return True
    if first in PREPOSITIONS and len(words) > 1:
        return words[1] in QUESTION_WORDS or words[1] == "hoeverre"
    if first == "vertel":
        return True
    # "Kun je iets meer vertellen over ...": a yes/no form that invites a story.
    return first in FINITE_VERBS and any(f" {verb} " in _phrase(words) for verb in TELLING_VERBS)


def _is_closed(words: list[str]) -> bool:
    first = words[0]
    # A statement with a question mark asks to confirm it: "Je was daar alleen?".
    if first in FINITE_VERBS or first in PRONOUNS:
        return True
    # An unknown verb followed by a pronoun or article keeps the yes/no order: "Belde de ...".
    return len(words) > 1 and words[1] in PRONOUNS


RULES = (
    _Rule(
        QuestionKind.ADVICE,
        _is_advice,
        lambda: tr("Een tip in vraagvorm: de vraag stelt al een oplossing voor."),
        lambda: tr("Wat heb je zelf al overwogen, en wat hield je tegen?"),
    ),
    _Rule(
        QuestionKind.WHY,
        _is_why,
        lambda: tr("Een waarom-vraag kan klinken als een oordeel en maakt iemand defensief."),
        lambda: tr("Wat maakte dat je toen voor deze aanpak koos?"),
    ),
    _Rule(
        QuestionKind.OPEN,
        _is_open,
        lambda: tr("Een open vraag: de inbrenger vertelt in eigen woorden."),
        lambda: "",
    ),
    _Rule(
        QuestionKind.CLOSED,
        _is_closed,
        lambda: tr("Begint met een werkwoord: het antwoord is ja of nee."),
        lambda: tr("Hoe verliep het contact met de moeder?"),
    ),
)

_TAG_QUESTION = re.compile(r",\s*(toch|of niet|hè|he|niet dan)\s*\?\s*$", re.IGNORECASE)
# Clauses that set a scene before the question: "Als je terugkijkt, wat ...".
_SCENE_SETTERS = _wordset("als stel toen nu wanneer achteraf terugkijkend")


def _question_clause(text: str) -> list[str]:
    """The words of the clause that asks: after a scene-setting clause, the next one."""
    words = _without_fillers(_words(text))
    if words and words[0] in _SCENE_SETTERS:
        for clause in _CLAUSE_BREAK.split(text)[1:]:
            candidate = _without_fillers(_words(clause))
            if candidate:
                return candidate
    return words


def _asks(text: str, words: list[str]) -> bool:
    """Whether the text is a question at all: a question mark, or a question's opening."""
    if text.rstrip().endswith("?"):
        return len(words) >= 2 or (len(words) == 1 and words[0] in QUESTION_WORDS | WHY_WORDS)
    first = words[0] if words else ""
    return first in QUESTION_WORDS | WHY_WORDS or first == "vertel"


def classify_question(text: str) -> Classification:
    """The kind of a question with its reason, by rules a coach can check."""
    words = _question_clause(text)
    if not words or not _asks(text, words):
        return Classification(
            QuestionKind.NONE, tr("Geen vraag: een mening, tip of opmerking."), ""
        )
    if _TAG_QUESTION.search(text):
        return Classification(
            QuestionKind.CLOSED,
            tr("Een vraag die instemming zoekt ('..., toch?'): het antwoord ligt al klaar."),
            tr("Hoe was dat voor jou?"),
        )
    for rule in RULES:
        if rule.matches(words):
            return Classification(rule.kind, rule.reason(), rule.example())
    return Classification(
        QuestionKind.OPEN,
        tr("Geen werkwoord vooraan en geen tip: de vraag laat het antwoord open."),
        "",
    )


def open_share(kinds: Iterable[QuestionKind]) -> float | None:
    """The share of open questions among the real questions, or None when there are none."""
    asked = [kind for kind in kinds if kind is not QuestionKind.NONE]
    if not asked:
        return None
    return sum(kind is QuestionKind.OPEN for kind in asked) / len(asked)


# --- the questions of a session ------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    session_id: str
    step_key: str
    text: str
    asker_id: str | None
    asker: str  # the name, "" when nobody was noted
    classification: Classification  # by the rules
    corrected_kind: QuestionKind | None  # the coach's correction, which overrides the rules
    position: int

    @property
    def kind(self) -> QuestionKind:
        return self.corrected_kind or self.classification.kind


def _question(row: dict[str, Any]) -> Question:
    corrected = row["corrected_kind"]
    return Question(
        id=row["id"],
        session_id=row["session_id"],
        step_key=row["step_key"],
        text=row["text"],
        asker_id=row["asker_id"],
        asker=row["asker"] or "",
        classification=classify_question(row["text"]),
        corrected_kind=QuestionKind(corrected) if corrected else None,
        position=row["position"],
    )


_SELECT = """
    SELECT q.*, p.name AS asker FROM questions q LEFT JOIN people p ON p.id = q.asker_id
"""


def get_question(db: Database, question_id: str) -> Question:
    rows = list(db.query(_SELECT + " WHERE q.id = ?", [question_id]))
    if not rows:
        raise InputError(tr("Deze vraag bestaat niet meer."))
    return _question(rows[0])


def add_question(
    db: Database, session_id: str, step_key: str, text: str, asker_id: str | None = None
) -> Question | None:
    """Record a question at the end of the step's list; an empty line records nothing."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    question_id = new_id()
    with db.atomic():
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM questions WHERE session_id = ?",
            [session_id],
        ).fetchone()[0]
        db.table("questions").insert(
            {
                "id": question_id,
                "session_id": session_id,
                "step_key": step_key,
                "text": cleaned,
                "asker_id": asker_id,
                "corrected_kind": None,
                "position": position,
                "created_at": now_iso(),
            }
        )
    return get_question(db, question_id)


def correct_kind(db: Database, question_id: str, kind: QuestionKind | None) -> Question:
    """Keep the coach's kind for a question; None gives the rules the word again."""
    with db.atomic():
        db.table("questions").update(question_id, {"corrected_kind": kind.value if kind else None})
    return get_question(db, question_id)


def remove_question(db: Database, question_id: str) -> None:
    with db.atomic():
        db.table("questions").delete(question_id)


def session_questions(db: Database, session_id: str, step_key: str | None = None) -> list[Question]:
    """The questions of a session (or of one step), in the order they were asked."""
    where, params = "q.session_id = ?", [session_id]
    if step_key is not None:
        where, params = where + " AND q.step_key = ?", [*params, step_key]
    return [
        _question(row)
        for row in db.query(_SELECT + f" WHERE {where} ORDER BY q.position, q.rowid", params)
    ]


def question_coach_on(db: Database, session_id: str) -> bool:
    """Whether the coach classifies questions in this session: its own choice, else the
    app's setting (on unless turned off)."""
    row = db.execute("SELECT question_coach FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row and row[0] is not None:
        return bool(row[0])
    return settings.read(db, settings.QUESTION_COACH)


def set_question_coach(db: Database, session_id: str, on: bool) -> None:
    with db.atomic():
        db.execute("UPDATE sessions SET question_coach = ? WHERE id = ?", [int(on), session_id])


@dataclass(frozen=True)
class SessionShare:
    session_id: str
    date: date
    title: str  # the format's title
    asked: int  # questions, not counting lines that were no question
    open: int

    @property
    def share(self) -> float:
        return self.open / self.asked if self.asked else 0.0


def team_open_shares(db: Database, team_id: str) -> list[SessionShare]:
    """Per session of the team with questions, oldest first: how many were open."""
    rows = db.execute(
        """
        SELECT s.id, s.date, tv.title, q.text, q.corrected_kind
        FROM questions q JOIN sessions s ON s.id = q.session_id
        JOIN template_versions tv ON tv.id = s.template_version_id
        WHERE s.team_id = ? ORDER BY s.date, s.created_at, q.position""",
        [team_id],
    ).fetchall()
    tallies: dict[str, list[Any]] = {}
    for session_id, day, title, text, corrected in rows:
        kind = QuestionKind(corrected) if corrected else classify_question(text).kind
        tally = tallies.setdefault(session_id, [day, title, 0, 0])
        if kind is not QuestionKind.NONE:
            tally[2] += 1
            tally[3] += kind is QuestionKind.OPEN
    return [
        SessionShare(session_id, date.fromisoformat(day), title, asked, opened)
        for session_id, (day, title, asked, opened) in tallies.items()
        if asked
    ]

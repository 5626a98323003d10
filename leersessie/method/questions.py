"""The question coach: what kind of question a group member asked, and why.

Actieleren's second step asks the group to understand the situation with open questions
before anyone advises (seed 003, "Leren van acties": "open vragen te stellen in plaats van
heel snel met adviezen te komen"). The coach types each question as it is asked; this module
names its kind with a rule a coach can read back, never a guess from a model:

- open: a question word (wat, hoe, welke, waar, ...) that leaves the answer open, or an
  invitation to tell ("Kun je vertellen ...");
- why_reflective: a waarom- or waartoe-vraag about purpose, meaning or what works ("Waarom
  is dat zo belangrijk voor je?"). Seed 003 asks for exactly these ("reflectievragen,
  waarom en waartoe vragen", practical tip 2), so they count as good questions, like open;
- closed: asks for yes or no or for one fact ("Heb je ...", "Hoeveel ...", "Wie was erbij,
  je teamleider?");
- advice: a solution the asker has in mind, dressed as a question, in a closed form ("Heb je
  al overwogen om ...") or an open one ("Wat gebeurt er als je haar gewoon belt?");
- why_justify: asks the one who acted to account for it ("Waarom heb je haar niet
  teruggebeld?"), which makes people defend themselves; the coach offers "Wat maakte dat
  je ...?" instead;
- none: not a question at all: a remark, a tip, an exclamation ("Wat een gedoe."), a
  rhetorical question that only sympathises.

The rules read the structure of the sentence, not a list of phrases: where the question word
or verb stands, whether a second-person verb of doing sits inside a proposal ("als je ...",
"om ... te", "aan ...", a conditional "zou", "gewoon", "eens"), whether a question word asks
for one fact, whether a waarom looks back at what someone did. Every verdict names the words
it rests on. A double question takes the kind of its advice part.
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
    REFLECTIVE = "why_reflective"
    CLOSED = "closed"
    ADVICE = "advice"
    JUSTIFY = "why_justify"
    NONE = "none"


# The kinds that count as good questions in the share the coach and the team see.
GOOD_KINDS = frozenset({QuestionKind.OPEN, QuestionKind.REFLECTIVE})
# Kinds stored before m012 had one waarom kind, "a question to avoid".
LEGACY_KINDS = {"why": QuestionKind.JUSTIFY.value}


@dataclass(frozen=True)
class Classification:
    kind: QuestionKind
    reason: str  # one line: why this kind, naming the words it rests on
    open_example: str  # the same sort of question asked openly ("" for good questions)


def kind_label(kind: QuestionKind) -> str:
    """The word a coach reads for a kind."""
    labels = {
        QuestionKind.OPEN: tr("open"),
        QuestionKind.REFLECTIVE: tr("reflectieve waarom-vraag"),
        QuestionKind.CLOSED: tr("gesloten"),
        QuestionKind.ADVICE: tr("advies in vraagvorm"),
        QuestionKind.JUSTIFY: tr("verantwoordingsvraag"),
        QuestionKind.NONE: tr("geen vraag"),
    }
    return labels[kind]


# --- words --------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


QUESTION_WORDS = _wordset(
    "wat wie wiens welke welk hoe hoeveel hoelang waar wanneer waardoor waarmee waarover "
    "waaraan waarin waarop waarbij waarvan waarvoor waaruit waarheen"
)
WHY_WORDS = _wordset("waarom hoezo waartoe")
# Words that may stand before the question itself: "En wat ...", "Maar waarom ...".
FILLERS = _wordset("en maar dus oké ok oke nou ja nee goed even zeg of")
# "Met wie", "In welke situatie", "Op welk moment", "In hoeverre".
PREPOSITIONS = _wordset(
    "met in op voor van bij naar over tot vanaf sinds door uit om aan tegen zonder"
)
# Verbs of telling: "Kun je vertellen ...", "Wil je toelichten ..." invite a story.
TELLING_VERBS = _wordset(
    "vertellen vertel beschrijven beschrijf toelichten uitleggen schetsen verhaal"
)
# The one asked, as subject: "heb je", "als jij", "dat jullie".
YOU = _wordset("je jij u jullie")
WE = _wordset("we wij")
SUBJECTS = YOU | WE | _wordset("hij zij ze het dat dit die de men iemand")
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
    maakt maakte zit zat vertrouw vertrouwt hoor hoort
    """
)
MODALS = _wordset("zou zouden kun kunt kan kunnen moet moeten wil wilt mag")
# Verbs of thinking, feeling and perceiving: a clause with these reflects, it does not act.
INNER_VERBS = _wordset(
    """
    vertrouw vertrouwt vind vindt denk denkt voel voelt twijfel twijfelt weet ken kent snap
    snapt begrijp begrijpt geloof gelooft hoop hoopt zie ziet merk merkt hoor hoort ervaar
    ervaart terugkijkt terugdenkt kijkt wil wilt durf durft mis mist raakt
    """
)
# "als je collega meegaat": after these "je" is "your", not the one asked.
PEOPLE = _wordset(
    "moeder vader ouders collega collega's teamleider leidinggevende manager cliënt team "
    "zoon dochter kind kinderen partner"
)
COPULAS = _wordset("is bent ben zijn wordt word worden blijft blijf lijkt")
NEGATIONS = _wordset("niet geen nooit niets niks niemand")
# Inside a question these turn it into a suggestion: "... gewoon ...", "... eens ...".
NUDGES = _wordset("gewoon misschien bijvoorbeeld eens")
# Ideas put up for judgement: "Is het een optie ...", "Zou een gesprek helpen?".
PROPOSAL_WORDS = _wordset("idee optie oplossing uitkomst mogelijkheid plan voorstel suggestie tip")
JUDGING_WORDS = _wordset(
    "helpen helpt werken schelen uitmaken goed beter slim slimmer verstandig verstandiger "
    "handig handiger zinvol fijn tijd opleveren mogelijk"
)
# Participles of considering: "Heb je overwogen om ...", "Heb je gedacht aan ...".
CONSIDERING = _wordset("overwogen overwegen nagedacht gedacht geprobeerd proberen uitgeprobeerd")
# "Wat weerhoudt je ervan om ...", "Wat houdt je tegen om ...".
HOLDING_BACK = _wordset("weerhoudt tegenhoudt houdt belet let remt")
# "Wat vind je van ...", "Hoe denk je over ...", "Hoe kijk je aan tegen ...".
OPINION_VERBS = _wordset("vind vindt denk denkt kijk kijkt sta staat zeg zegt")
# "van", "ervan", "ertegenaan": what an opinion is asked about.
_ABOUT = _wordset("van ervan over erover tegenover tegen ertegen ertegenaan naar")
# "Wat zou het effect zijn van een ...": weighing a thing put forward.
WEIGHING_NOUNS = _wordset("effect voordeel voordelen nadelen nut zin risico")
# After an opinion verb, these introduce a new thing put forward (not a fact already there).
PROPOSED = _wordset("een om als")
# Question words that ask for one fact: "Hoeveel ...", "Hoe lang ...", "Welke dag ...".
MEASURES = _wordset("lang oud vaak laat ver veel")
FACT_NOUNS = _wordset(
    "dag datum week maand jaar tijd tijdstip uur school klas groep leeftijd naam nummer wijk"
)
FACT_VERBS = _wordset("heet heten woont wonen woonde")
# Looking back at what someone did: the markers of a justification.
LOOKING_BACK = _wordset("toen destijds eerder nooit nog zolang")
IRREGULAR_PAST = _wordset(
    """
    deed deden ging gingen koos kozen zei zeiden liet lieten nam namen bleef bleven gaf
    gaven kwam kwamen zag zagen vond vonden wist wisten dacht dachten sprak spraken kreeg
    kregen hield hielden liep liepen stond stonden zat zaten schreef vroeg vroegen bracht
    zocht kon konden moest moesten mocht wou had hadden was waren werd werden begon besloot
    belde
    """
)
_PERFECT_AUXILIARIES = _wordset("heb hebt heeft hebben ben bent is zijn")
_PARTICLES = (
    "terug",
    "in",
    "uit",
    "op",
    "aan",
    "door",
    "mee",
    "af",
    "na",
    "over",
    "toe",
    "bij",
    "weg",
    "vast",
    "voor",
    "om",
    "samen",
    "rond",
)
# "Wat een gedoe.", "Wat mooi dat je dat durfde!", "Hoe pijnlijk.": an exclamation.
EVALUATIVE = _wordset(
    """
    mooi fijn goed knap sterk lief naar rot gaaf stoer dapper zwaar jammer triest zonde
    bijzonder interessant erg raar gek leuk tof eng zuur moedig
    """
)
_EVALUATIVE_ENDINGS = ("lijk", "ig", "baar", "isch", "end", "zaam")
REACTIONS = _wordset("echt waar serieus o oh ja nee jeetje wauw nou tja hè he joh meen je")
_TAGS = (("toch",), ("of", "niet"), ("hè",), ("he",), ("niet", "dan"))
# Clauses that set a scene before the question: "Als je terugkijkt, wat ...".
_SCENE_SETTERS = _wordset("als stel toen nu wanneer achteraf terugkijkend")
_CONDITIONALS = _wordset("als stel wanneer zodra indien")
# After a question, a short offer of the answer: "Wie was erbij, je teamleider?"; these
# clauses only soften the question.
_SOFTENERS = (
    ("eigenlijk",),
    ("dan",),
    ("nu",),
    ("precies",),
    ("zeg",),
    ("toch",),
    ("denk", "je"),
    ("volgens", "jou"),
    ("volgens", "jullie"),
    ("denk", "jij"),
)
_INTENSIFIERS = _wordset("ontzettend echt heel super enorm zo best erg")

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_SENTENCE = re.compile(r"[^?!.]+[?!.]*")


def _without_fillers(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) - 1 and words[start] in FILLERS:
        start += 1
    return words[start:]


def _quoted(words: list[str], limit: int = 6) -> str:
    """A few words of the question, to name what a verdict rests on."""
    shown = " ".join(words[:limit])
    return shown + (" …" if len(words) > limit else "")


def _is_past(word: str) -> bool:
    # Not -den/-ten: "vinden", "wachten" are present plurals as often as pasts.
    return word in IRREGULAR_PAST or (len(word) > 4 and word.endswith(("de", "te")))


def _is_participle(word: str) -> bool:
    """A participle: ge-...-d/t/n, also after a particle (teruggebeld), or a be-/ver-/ont-
    verb's (verwezen)."""
    if len(word) < 5:
        return False
    stem = next((word[len(p) :] for p in _PARTICLES if word.startswith(p + "ge")), word)
    if stem.startswith("ge"):
        return word.endswith(("d", "t", "n"))
    return word.startswith(("be", "ver", "ont", "her")) and word.endswith(("d", "t", "en"))


def _is_evaluative(word: str) -> bool:
    return word in EVALUATIVE or word.endswith(_EVALUATIVE_ENDINGS)


# --- a sentence and its parts -------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    words: list[str]  # all words, casefolded
    cased: list[str]  # the same words as typed, for a rewording
    clauses: list[list[str]]  # split at commas
    mark: str  # "?", "!", "." or "" at the end

    @property
    def question(self) -> list[str]:
        """The clause that asks: after a scene-setting clause ("Als je terugkijkt, wat
        ..."), the next one; without fillers."""
        words = _without_fillers(self.words)
        if words and words[0] in _SCENE_SETTERS and len(self.clauses) > 1:
            for clause in self.clauses[1:]:
                candidate = _without_fillers(clause)
                if candidate:
                    return candidate
        return words

    def as_typed(self, words: list[str]) -> list[str]:
        """``words`` (a run of this sentence's words) as they were typed."""
        for start in range(len(self.words) - len(words) + 1):
            if self.words[start : start + len(words)] == words:
                return self.cased[start : start + len(words)]
        return words


_WORD_OR_BREAK = re.compile(r"[\w'’-]+|[,;:]", re.UNICODE)


def _sentences(text: str) -> list[_Sentence]:
    """The text's sentences, each read once into its words and comma clauses."""
    found = []
    for match in _SENTENCE.finditer(text):
        chunk = match.group().strip()
        typed: list[str] = []
        clauses: list[list[str]] = [[]]
        for token in _WORD_OR_BREAK.findall(chunk):
            if token in ",;:":
                clauses.append([])
            else:
                typed.append(token.replace("’", "'"))
                clauses[-1].append(typed[-1].casefold())
        if not typed:
            continue
        mark = chunk[-1] if chunk[-1] in "?!." else ""
        words = [word.casefold() for word in typed]
        found.append(_Sentence(words, typed, [c for c in clauses if c], mark))
    return found


def _second_question(sentence: _Sentence) -> _Sentence | None:
    """The second half of a double question in one sentence: "Wat wil je, en zou het
    helpen om ...?" (a clause after a comma that starts asking again)."""
    for index, clause in enumerate(sentence.clauses[1:], start=1):
        rest = _without_fillers(clause)
        if clause[0] in FILLERS and rest and _opens_question(rest):
            tail = [w for c in sentence.clauses[index:] for w in c]
            cased = sentence.cased[len(sentence.words) - len(tail) :]
            return _Sentence(tail, cased, sentence.clauses[index:], sentence.mark)
    return None


def _opens_question(words: list[str]) -> bool:
    first = words[0]
    if first in QUESTION_WORDS | WHY_WORDS:
        return True
    return first in FINITE_VERBS and len(words) > 1 and words[1] in SUBJECTS


def _asks(sentence: _Sentence) -> bool:
    """A question mark, or a question's opening without one ("Heb je dat al besproken")."""
    words = sentence.question
    if sentence.mark == "?":
        return len(words) >= 2 or words[0] in QUESTION_WORDS | WHY_WORDS
    if sentence.mark == "!":
        return False
    first = words[0]
    if first in QUESTION_WORDS | WHY_WORDS or first == "vertel":
        return True
    # Verb first and a subject after it, not a discourse marker such as "Weet je, ...".
    starts_verb_first = first in FINITE_VERBS and len(words) > 2 and words[1] in SUBJECTS
    return starts_verb_first and len(sentence.clauses[0]) > 2


# --- the verdicts -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    kind: QuestionKind
    reason: str
    example: str = ""


def _advice(reason: str) -> _Verdict:
    return _Verdict(
        QuestionKind.ADVICE, reason, tr("Wat heb je zelf al overwogen, en wat hield je tegen?")
    )


def _suggestion(sentence: _Sentence) -> str:
    """The words that put a solution forward inside the question, or ""."""
    for find in _SUGGESTION_FINDERS:
        cue = find(sentence)
        if cue:
            return cue
    return ""


def _modal_suggestion(sentence: _Sentence) -> str:
    """Like "Zou je niet eerst ...", "Kun je niet gewoon ...", "Moet je eens ..."."""
    words = sentence.question
    if words[0] in MODALS and len(words) > 2 and not _invites_story(words):
        nudged = NUDGES & set(words) or " een keer " in " ".join(words)
        if {"niet", "geen"} & set(words[1:6]) or nudged:
            return _quoted(words, 4)
        # "Zou je de school kunnen bellen?", "Zou je er iets voor voelen om ...": a polite
        # request to do something.
        proposes_deed = "kunnen" in words or ("om" in words and "te" in words)
        if words[0] in {"zou", "zouden"} and words[1] in YOU | WE and proposes_deed:
            return _quoted(words, 4)
    return ""


def _judged_idea(sentence: _Sentence) -> str:
    """An idea put up for judgement: "Is het een optie om ...", "Zou een gesprek helpen?",
    "Is het niet beter om ...", "Wordt het niet tijd dat ..."."""
    words = sentence.question
    if words[0] in {"heb", "hebt"} and PROPOSAL_WORDS & set(words) and "om" in words:
        return _quoted(words, 5)  # "Heb je de mogelijkheid om ..."
    if words[0] not in _wordset("is lijkt wordt zou zouden"):
        return ""
    if PROPOSAL_WORDS & set(words):
        return _quoted(words, 5)
    judged = JUDGING_WORDS & set(words)
    leads_on = set(words) & (NEGATIONS | _wordset("om als dat misschien"))
    if judged and (leads_on or words[0] in {"zou", "zouden"}):
        return _quoted(words, 5)
    return ""


def _considered(sentence: _Sentence) -> str:
    """Like "Heb je (al eens) overwogen / gedacht aan / geprobeerd om ...": a yes/no question
    about considering something named."""
    words = sentence.question
    if words[0] not in FINITE_VERBS:
        return ""
    if len(words) > 3 and CONSIDERING & set(words[2:]):
        return _quoted(words, 6)
    # "Heb je al eens met de huisarts gebeld?": a deed put forward with "al eens".
    phrase = " ".join(words)
    if words[0] in _wordset("heb hebt") and (" al eens " in phrase or " weleens " in phrase):
        return _quoted(words, 4)
    return ""


def _opinion_on_proposal(sentence: _Sentence) -> str:
    """Like "Wat vind je van het idee om ...", "Wat denk je van een ...", "Hoe denk je over een
    ...": an opinion asked on a new thing (not on what already happened)."""
    words = sentence.question
    if words[0] not in {"wat", "hoe", "welke"} or len(words) < 5:
        return ""
    asks_you = YOU & set(words[1:4])
    weighing = (OPINION_VERBS | _wordset("vinden denken zeggen")) & set(words[1:5])
    if not ((asks_you and weighing) or WEIGHING_NOUNS & set(words[:5])):
        return ""
    for index, word in enumerate(words[:-1]):
        if word in _ABOUT:
            following = words[index + 1]
            if following in PROPOSED or PROPOSAL_WORDS & set(words[index + 1 : index + 3]):
                return _quoted(words[: index + 3], 8)
    return ""


def _for_example(sentence: _Sentence) -> str:
    """Like "..., bijvoorbeeld een gesprek met de huisarts?": the asker's own idea as example."""
    words = sentence.words
    if "bijvoorbeeld" in words[:-1]:
        following = words[words.index("bijvoorbeeld") + 1]
        if following in _wordset("een de het met door om als"):
            return _quoted(words[words.index("bijvoorbeeld") :], 6)
    return ""


def _holding_back(sentence: _Sentence) -> str:
    """Like "Wat weerhoudt je ervan om ...", "Wat houdt je tegen om ...": asking what stops a
    deed the asker has in mind."""
    words = sentence.words
    holds = HOLDING_BACK & set(words) or "tegen om" in " ".join(words)
    if holds and "om" in words:
        return _quoted(words[: words.index("om") + 1], 8)
    return ""


def _hypothetical_deed(sentence: _Sentence) -> str:
    """Like "Wat gebeurt er als je haar morgen gewoon belt?", "Stel dat je het eerlijk zegt, wat
    ...": a deed of the one asked, in a condition, with the question about what follows."""
    words = sentence.words
    for index, word in enumerate(words):
        if word not in _CONDITIONALS and not (word == "dat" and "stel" in words[:index]):
            continue
        clause = _clause_from(words, index + 1, sentence)
        main = words[:index] + words[index + 1 + len(clause) :]
        clause = _before_embedded_question(clause)
        what_if = words[:2] == ["wat", "als"]
        if len(clause) < 2 or NEGATIONS & set(clause):
            continue
        if not what_if and (clause[0] not in YOU | WE or clause[1] in PEOPLE):
            continue
        verb = clause[-1]
        nudged = bool(NUDGES & set(clause))
        if _is_past(verb) or (verb in INNER_VERBS | COPULAS and not nudged):
            continue
        if _asks_own_plan(main) and not (what_if or nudged or "eerst" in clause):
            continue
        return _quoted([word, *clause], 8)
    return ""


def _clause_from(words: list[str], start: int, sentence: _Sentence) -> list[str]:
    """The words from ``start`` up to the end of their comma clause."""
    position = 0
    for clause in sentence.clauses:
        end = position + len(clause)
        if position <= start < end:
            return words[start:end]
        position = end
    return words[start:]


def _before_embedded_question(clause: list[str]) -> list[str]:
    """je de moeder vraagt wat zij wil": the clause up to a question inside it."""
    for index, word in enumerate(clause[2:], start=2):
        if word in QUESTION_WORDS | {"of", "dat", "waarom"}:
            return clause[:index]
    return clause


def _asks_own_plan(main: list[str]) -> bool:
    """Wat wil je dan doen": the main clause asks the one asked about their own plan or
    feeling (a time frame, not a proposal); "wat denk je dat er gebeurt" asks what follows."""
    if OPINION_VERBS & set(main) or {"vinden", "verwacht"} & set(main):
        return False
    return any(word in YOU for word in main[1:4])


def _om_te_judged(sentence: _Sentence) -> str:
    """Like "Hoe zou het zijn om ... te ...", "Wat zou het opleveren om ...": a deed in an om-
    clause, with the question weighing it."""
    words = sentence.question
    weighs = words[0] in QUESTION_WORDS and "zou" in words[:3]
    if weighs and "om" in words and "te" in words[words.index("om") :]:
        return _quoted(words[: words.index("om") + 1], 8)
    return ""


def _why_not_deed(sentence: _Sentence) -> str:
    """Like "Waarom bel je die moeder niet gewoon op?": a present deed of the one asked, with
    "niet", suggests doing it now. Looking back ("heb je", "toen") asks to justify."""
    words = sentence.question
    if words[0] != "waarom" or len(words) < 2:
        return ""
    if words[1] == "niet":  # "Waarom niet gewoon een gesprek?"
        return _quoted(words, 4)
    if len(words) < 4 or words[2] not in YOU | WE or not NEGATIONS & set(words[3:]):
        return ""
    verb = words[1]
    looks_back = verb in _PERFECT_AUXILIARIES or _is_past(verb) or LOOKING_BACK & set(words)
    if looks_back or verb in INNER_VERBS | COPULAS or verb in MODALS - {"kun", "kunt"}:
        return ""
    return _quoted(words, 5)


def _advice_with_tag(sentence: _Sentence) -> str:
    """Like "Je kunt haar toch ook gewoon bellen?", "Je zou eerst school bellen, toch?": a
    statement of what to do, with a question mark or a tag."""
    words = _without_fillers(sentence.words)
    if sentence.mark != "?" or len(words) < 3:
        return ""
    modals = MODALS | _wordset("kunnen zouden moeten")
    if words[0] in YOU | WE and words[1] in modals:
        return _quoted(words, 4)
    # "Misschien kun je de school inschakelen?"
    if words[0] in NUDGES and words[1] in modals and words[2] in YOU | WE:
        return _quoted(words, 4)
    # "Gewoon bellen, toch?"
    if _tagged(sentence) and NUDGES & set(words):
        return _quoted(words, 4)
    return ""


_SUGGESTION_FINDERS: tuple[Callable[[_Sentence], str], ...] = (
    _why_not_deed,
    _modal_suggestion,
    _judged_idea,
    _considered,
    _opinion_on_proposal,
    _holding_back,
    _hypothetical_deed,
    _om_te_judged,
    _advice_with_tag,
    _for_example,
)


def _exclamation(sentence: _Sentence) -> str:
    """Like "Wat een gedoe.", "Wat mooi dat je dat durfde!", "Hoe pijnlijk.": a question word
    before an evaluation, with no verb after it."""
    words = sentence.question
    if words[0] not in {"wat", "hoe", "welk"} or len(words) < 2:
        return ""
    if words[1] == "een" and words[0] != "hoe":
        return _quoted(words, 4)
    if words[1] in _INTENSIFIERS and len(words) > 2:
        words = [words[0], *words[2:]]
    if _is_evaluative(words[1]):
        # "Hoe mooi is dat!" without a question mark exclaims; "Hoe lastig is dit?" asks.
        ends = len(words) == 2 or words[2] in {"dat", "om", "van", "voor", "zeg"}
        if ends or sentence.mark != "?":
            return _quoted(words, 4)
    return ""


def _exclamation_reason(cue: str) -> str:
    return tr("Geen vraag maar een uitroep (‘{cue}’): een reactie op wat er verteld is.", cue=cue)


def _reaction(sentence: _Sentence) -> str:
    """Like "Echt waar?", "O ja?", "Serieus?": an interjection with a question mark."""
    if set(sentence.words) <= REACTIONS:
        return " ".join(sentence.words)
    return ""


def _sympathy(sentence: _Sentence) -> str:
    """Like "Wie zou daar niet moe van worden?", "Hoe had je dat ook kunnen weten?": a question
    that expects no answer, only says "that is understandable"."""
    words = sentence.question
    rhetorical = _wordset("zou zal wordt kan wil raakt vindt is")
    if words[0] == "wie" and len(words) > 2 and "niet" in words and words[1] in rhetorical:
        return _quoted(words, 5)
    # "Wie had dat kunnen weten?" ("Wie?" alone is a question word and no more)
    if (
        words[:1] == ["wie"]
        and words[1:2] in (["had"], ["kon"])
        and {"kunnen", "moeten"} & set(words)
    ):
        return _quoted(words, 5)
    excused = _wordset("had kon kun kan moet moest zou")
    if words[0] == "hoe" and "ook" in words and len(words) > 2 and words[1] in excused:
        return _quoted(words, 5)
    return ""


def _procedure(sentence: _Sentence) -> str:
    """Like "Mag ik iets vragen?", "Zullen we pauzeren?": a question about the meeting, not a
    question to the one who brought the case."""
    words = sentence.question
    if words[:2] in (["mag", "ik"], ["kan", "ik"], ["zullen", "we"], ["zullen", "wij"]):
        return _quoted(words, 4)
    if words[:2] == ["heeft", "iemand"] or words[:3] == ["heeft", "er", "iemand"]:
        return _quoted(words, 4)
    return ""


def _fact_asked(words: list[str]) -> str:
    """A question word that asks for one fact: "Hoeveel ...", "Hoe lang ...", "Welke dag
    ...", "Wie was erbij?", "Hoe heet ..."."""
    if words[:2] == ["sinds", "wanneer"]:
        return _quoted(words, 3)
    start = 1 if words[0] in PREPOSITIONS and len(words) > 1 else 0
    first, second = words[start], words[start + 1] if len(words) > start + 1 else ""
    if first in {"hoeveel", "hoelang"}:
        return _quoted(words, 3)
    if first == "hoe" and (second in MEASURES or second in FACT_VERBS):
        return _quoted(words, 3)
    if first in {"welke", "welk"} and second in FACT_NOUNS:
        return _quoted(words, 3)
    if first == "waar" and second in FACT_VERBS:
        return _quoted(words, 3)
    if first == "wie" and second in {"is", "was", "waren"} and len(words) <= 4:
        return _quoted(words, 4)
    # "Wanneer is de zitting?", "Wanneer heb je haar voor het laatst gezien?": a moment.
    moment = _wordset("is was begon begint start komt kwam")
    about_you = (YOU | {"jou"}) & set(words)
    if first == "wanneer" and second in moment and len(words) <= 6 and not about_you:
        return _quoted(words, 3)
    if " voor het laatst " in " ".join(words):
        return _quoted(words, 3)
    # "Wat is de naam van de mentor?", "Hoe groot is het gezin?"
    if first == "wat" and second in {"is", "was"} and FACT_NOUNS & set(words[3:4]):
        return _quoted(words, 4)
    if first == "hoe" and second == "groot":
        return _quoted(words, 3)
    return ""


def _offered_answer(sentence: _Sentence) -> str:
    """Like "Wie was erbij, je teamleider?": after the question, the answer to confirm."""
    if len(sentence.clauses) < 2 or sentence.clauses[0][0] not in QUESTION_WORDS:
        return ""
    offer = sentence.clauses[-1]
    if (
        tuple(offer) in _SOFTENERS
        or not 1 <= len(offer) <= 5
        or offer[0] in FILLERS | QUESTION_WORDS | WHY_WORDS
    ):
        return ""
    if FINITE_VERBS & set(offer):
        return ""
    return " ".join(sentence.clauses[-1])


def _ends_in_participle(words: list[str]) -> bool:
    last = words[-1]
    return len(words) > 3 and len(last) > 5 and last.endswith(("d", "t")) and last not in NEGATIONS


def _looks_back_at_deed(words: list[str]) -> bool:
    """Whether a waarom looks back at what was done: a past tense with the one asked as
    subject, or a deed left undone ("niet ... gebeld", "nooit gevoerd"), or "toen"."""
    verb = words[1] if len(words) > 1 else ""
    you = len(words) > 2 and words[2] in YOU | WE
    # A participle, or a verb at the end of the sentence ("niet eerst overlegd").
    done = any(_is_participle(w) for w in words[3:]) or _ends_in_participle(words)
    perfect = verb in _PERFECT_AUXILIARIES and done
    past = _is_past(verb) or verb in {"had", "hadden"} or perfect
    undone = bool(NEGATIONS & set(words)) and (past or any(_is_participle(w) for w in words))
    if you and (past or LOOKING_BACK & set(words) or "lang" in words):
        return True
    return undone or (past and ("lang" in words or LOOKING_BACK & set(words) != set()))


def _why(sentence: _Sentence) -> _Verdict | None:
    words = sentence.question
    first = words[0]
    if words[:4] in (["hoe", "komt", "het", "dat"], ["hoe", "kan", "het", "dat"]):
        return _how_come(words, sentence.as_typed(words))
    if _reproach(words):
        return _justify(words, tr("Wat maakte dat het zo gelopen is?"))
    if first not in WHY_WORDS:
        return None
    if first == "waartoe":
        return _reflective(words)
    if first == "hoezo" or _looks_back_at_deed(words):
        return _justify(words, what_made_you(sentence.as_typed(words)))
    return _reflective(words)


def _reproach(words: list[str]) -> bool:
    """Like "Wat was de reden dat je niet ...", "Wat bezielde je", "Hoe kon je dat nou ...": an
    account asked for in other words than waarom."""
    if words[0] == "wat" and "reden" in words[1:5] and YOU & set(words):
        return bool(NEGATIONS & set(words))
    if words[:2] == ["wat", "bezielde"]:
        return True
    return (
        words[0] == "hoe"
        and len(words) > 3
        and words[1] in {"kon", "kun", "kunt"}
        and words[2] in YOU
        and bool(({"nou", "zomaar"} | NEGATIONS) & set(words[3:]))
    )


def _how_come(words: list[str], typed: list[str]) -> _Verdict | None:
    """Like "Hoe komt het dat je haar niet hebt gebeld?": a waarom in other words, looking back
    at what the one asked did or left undone."""
    clause = words[4:]
    if len(clause) < 3 or clause[0] not in YOU | WE:
        return None
    looks_back = NEGATIONS & set(clause) or "lang" in clause or _is_past(clause[-1])
    if not (looks_back or any(_is_participle(w) for w in clause)):
        return None
    return _justify(words, f"Wat maakte dat {' '.join(typed[4:])}?")  # Dutch, as asked


def _reflective(words: list[str]) -> _Verdict:
    return _Verdict(
        QuestionKind.REFLECTIVE,
        tr(
            "Een goede waarom-vraag (‘{cue}’): ze laat nadenken over wat werkt en waarom, "
            "zoals ‘Ruimte voor ontwikkeling in wijkteams’ aanraadt (tip 2).",
            cue=_quoted(words, 3),
        ),
    )


def _justify(words: list[str], rewording: str) -> _Verdict:
    return _Verdict(
        QuestionKind.JUSTIFY,
        tr(
            "Vraagt verantwoording voor wat er gedaan is (‘{cue}’): dan gaat iemand zich al "
            "snel verdedigen.",
            cue=_quoted(words, 4),
        ),
        rewording,
    )


# The verb in a subclause after "je": "heb je" -> "dat je ... hebt".
_SUBCLAUSE_FORMS = {
    "heb": "hebt",
    "ben": "bent",
    "kun": "kunt",
    "wil": "wilt",
    "zal": "zult",
    "ga": "gaat",
    "doe": "doet",
    "sta": "staat",
    "zie": "ziet",
}


def what_made_you(words: list[str]) -> str:
    """An open rewording of a justifying waarom, from its words as typed: "Waarom heb je haar
    niet teruggebeld?" -> "Wat maakte dat je haar niet teruggebeld hebt?"."""
    if len(words) < 3:
        return tr("Wat maakte dat het zo gelopen is?")
    verb, rest = words[1].casefold(), words[2:]
    subject = rest[0].casefold()
    if subject in {"je", "jij", "u"} and not _is_past(verb) and verb not in {"had", "was"}:
        verb = _SUBCLAUSE_FORMS.get(verb, verb if verb.endswith("t") else verb + "t")
    looks_back = _is_past(verb) or verb in _PERFECT_AUXILIARIES | {"hebt", "bent"}
    # Not translated: the rewording is made of the Dutch question's own words.
    opening = "Wat maakte dat" if looks_back else "Wat maakt dat"
    return f"{opening} {' '.join(rest)} {verb}?"


def _open(words: list[str]) -> _Verdict | None:
    first = words[0]
    if first in PREPOSITIONS and len(words) > 1 and (words[1] in QUESTION_WORDS | {"hoeverre"}):
        return _Verdict(QuestionKind.OPEN, _open_reason(words))
    if first in QUESTION_WORDS:
        return _Verdict(QuestionKind.OPEN, _open_reason(words))
    if first == "vertel" or _invites_story(words):
        return _Verdict(
            QuestionKind.OPEN,
            tr(
                "Nodigt uit tot vertellen (‘{cue}’): het antwoord komt in eigen woorden.",
                cue=_quoted(words, 4),
            ),
        )
    return None


def _invites_story(words: list[str]) -> bool:
    """Like "Kun je iets meer vertellen over ...": a yes/no form that invites a story."""
    return words[0] in FINITE_VERBS and bool(TELLING_VERBS & set(words[1:]))


def _open_reason(words: list[str]) -> str:
    return tr(
        "Een open vraag (‘{cue}’): het antwoord komt in eigen woorden.", cue=_quoted(words, 2)
    )


def _closed(reason: str) -> _Verdict:
    return _Verdict(QuestionKind.CLOSED, reason, tr("Hoe verliep dat, en wat viel je daarbij op?"))


def _tagged(sentence: _Sentence) -> bool:
    """Like "Dat was spannend, toch?": a last clause that only seeks agreement."""
    return len(sentence.clauses) > 1 and tuple(sentence.clauses[-1]) in _TAGS


def _verdict(sentence: _Sentence) -> _Verdict:
    """The kind of one asking sentence, from the most telling structure to the plainest."""
    cue = _exclamation(sentence)
    if cue:
        return _Verdict(QuestionKind.NONE, _exclamation_reason(cue))
    cue = _reaction(sentence)
    if cue:
        return _Verdict(
            QuestionKind.NONE,
            tr("Een reactie (‘{cue}’), geen vraag naar de casus.", cue=cue),
        )
    cue = _procedure(sentence)
    if cue:
        return _Verdict(
            QuestionKind.NONE,
            tr("Een vraag over het verloop (‘{cue}’), niet over de casus.", cue=cue),
        )
    cue = _sympathy(sentence)
    if cue:
        return _Verdict(
            QuestionKind.NONE,
            tr(
                "Een vraag die alleen meeleeft (‘{cue}’): er wordt geen antwoord verwacht.", cue=cue
            ),
        )
    if sentence.question[0] == "waartoe":  # about purpose, whatever follows
        return _reflective(sentence.question)
    cue = _suggestion(sentence)
    if cue:
        return _advice(
            tr(
                "Advies in vraagvorm: in ‘{cue}’ ligt al een oplossing klaar, en de ander gaat "
                "daarop reageren in plaats van zelf te zoeken.",
                cue=cue,
            )
        )
    why = _why(sentence)
    if why:
        return why
    words = sentence.question
    if _tagged(sentence):
        return _closed(
            tr("Een vraag die instemming zoekt ('..., toch?'): het antwoord ligt al klaar.")
        )
    cue = _offered_answer(sentence)
    if cue:
        return _closed(
            tr(
                "Het antwoord wordt al voorgezegd (‘{cue}’): de ander hoeft alleen te bevestigen.",
                cue=cue,
            )
        )
    cue = _fact_asked(words)
    if cue:
        return _Verdict(
            QuestionKind.CLOSED,
            tr(
                "Vraagt naar één feit (‘{cue}’): handig om te checken, maar het antwoord is kort.",
                cue=cue,
            ),
            tr("Wat betekent dat voor jou?"),
        )
    opened = _open(words)
    if opened:
        return opened
    if words[0] in FINITE_VERBS:
        return _closed(
            tr(
                "Begint met een werkwoord (‘{cue}’): het antwoord is ja of nee.",
                cue=_quoted(words, 2),
            )
        )
    return _closed(
        tr("Geen vraagwoord (‘{cue}’): de ander hoeft alleen te bevestigen.", cue=_quoted(words, 3))
    )


def classify_question(text: str) -> Classification:
    """The kind of a question with its reason, by rules a coach can check. A double
    question takes the kind of its advice part."""
    asking: list[_Sentence] = []
    for sentence in _sentences(text):
        if _asks(sentence):
            asking.append(sentence)
            second = _second_question(sentence)
            if second:
                asking.append(second)
    if not asking:
        exclaimed = next((_exclamation(s) for s in _sentences(text) if _exclamation(s)), "")
        if exclaimed:
            reason = _typed_cue(text, _exclamation_reason(exclaimed))
            return Classification(QuestionKind.NONE, reason, "")
        return Classification(
            QuestionKind.NONE, tr("Geen vraag: een mening, tip of opmerking."), ""
        )
    verdicts = [_verdict(sentence) for sentence in asking]
    first = verdicts[0]
    advice = next((v for v in verdicts if v.kind is QuestionKind.ADVICE), None)
    if advice and advice is not first:
        first = _Verdict(
            QuestionKind.ADVICE,
            tr("Een dubbele vraag met advies erin. {reason}", reason=advice.reason),
            advice.example,
        )
    return Classification(first.kind, _typed_cue(text, first.reason), first.example)


_CUE = re.compile(r"‘([^’]+)’")


def _typed_cue(text: str, reason: str) -> str:
    """The words a reason quotes, as they were typed (the rules read them casefolded)."""
    quoted = _CUE.search(reason)
    if not quoted:
        return reason
    words = _WORD.findall(quoted.group(1))
    typed = re.search(r"\W+".join(map(re.escape, words)), text.replace("’", "'"), re.IGNORECASE)
    if not typed:
        return reason
    return reason.replace(quoted.group(1).removesuffix(" …"), typed.group(), 1)


def share_text(good: int, asked: int) -> str:
    """How many of the questions asked were good, as the coach and the group read it."""
    return tr("{good} van {asked} vragen open of reflectief", good=good, asked=asked)


def good_share(kinds: Iterable[QuestionKind]) -> float | None:
    """The share of good questions (open or reflective) among the real questions, or None
    when there are none."""
    asked = [kind for kind in kinds if kind is not QuestionKind.NONE]
    if not asked:
        return None
    return sum(kind in GOOD_KINDS for kind in asked) / len(asked)


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


def stored_kind(value: str | None) -> QuestionKind | None:
    """A coach's correction as stored; a kind from before m012 ("why") is read as its
    successor, so an archive made by an older version keeps its corrections."""
    if not value:
        return None
    return QuestionKind(LEGACY_KINDS.get(value, value))


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
        corrected_kind=stored_kind(corrected),
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
    good: int  # open or reflective

    @property
    def share(self) -> float:
        return self.good / self.asked if self.asked else 0.0


def team_good_shares(db: Database, team_id: str) -> list[SessionShare]:
    """Per session of the team with questions, oldest first: how many were good (open or
    reflective)."""
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
        kind = stored_kind(corrected) or classify_question(text).kind
        tally = tallies.setdefault(session_id, [day, title, 0, 0])
        if kind is not QuestionKind.NONE:
            tally[2] += 1
            tally[3] += kind in GOOD_KINDS
    return [
        SessionShare(session_id, date.fromisoformat(day), title, asked, good)
        for session_id, (day, title, asked, good) in tallies.items()
        if asked
    ]

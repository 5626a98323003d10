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
"om ... te", "aan ...", a conditional "zou", "gewoon", "eens", "misschien", "niet eerst",
a statement with "toch?"), whether a question word asks for one fact, whether a waarom looks
back at what someone did or holds up a habit ("steeds"), whether a full stop ends what a
question word began. Every verdict names the words it rests on. A double question (also
joined by "en" without a comma) takes the kind of its advice part.
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
# Verb forms of the third person (or a past) that do not end in -t: "Is er ...".
_THIRD_PERSON = _wordset("is zijn was waren kan kon zal zou zouden mag mocht wil had hadden")
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
    "zoon dochter kind kinderen partner oma opa broer zus mentor juf meester huisarts"
)
COPULAS = _wordset("is bent ben zijn wordt word worden blijft blijf lijkt")
NEGATIONS = _wordset("niet geen nooit niets niks niemand")
# Inside a question these turn it into a suggestion: "... gewoon ...", "... eens ...".
NUDGES = _wordset("gewoon misschien bijvoorbeeld eens")
# Ideas put up for judgement: "Is het een optie ...", "Zou een gesprek helpen?".
PROPOSAL_WORDS = _wordset("idee optie oplossing uitkomst mogelijkheid plan voorstel suggestie tip")
JUDGING_WORDS = _wordset(
    "helpen helpt werken schelen uitmaken goed beter beste slim slimmer slimste verstandig "
    "verstandiger verstandigste handig handiger handigste zinvol zinvoller fijn tijd opleveren "
    "mogelijk logisch logischer logische nuttig nuttiger makkelijker eenvoudiger raadzaam"
)
# "Helpt het om ...", "Scheelt het als ...": a verb that weighs what would follow a deed.
WEIGHING_VERBS = _wordset("helpt werkt scheelt loont")
# "Wat zou een gesprek met de vader opleveren?": what a thing put forward would bring about.
EFFECT_VERBS = _wordset(
    "opleveren betekenen uitpakken helpen veranderen uitmaken schelen bijdragen werken"
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
# "Waar werkt de moeder?", "Waar sliep hij die nacht?": a place asked for.
_PLACE_VERBS = _wordset("werkt werken werkte verblijft verblijven slaapt sliep logeert logeerde")
# Looking back at what someone did: the markers of a justification.
LOOKING_BACK = _wordset("toen destijds eerder nooit nog zolang")
# "Waarom laat je haar steeds ...": a habit of the one asked, held up to them.
REPEATEDLY = _wordset("steeds telkens altijd opnieuw")
# "pas achteraf", "pas na drie maanden": something done too late.
TOO_LATE = _wordset("pas achteraf")
# "Waarom heb je hem laten gaan?": a perfect with an infinitive instead of a participle.
_DOUBLE_INFINITIVES = _wordset("laten gaan blijven moeten kunnen willen durven proberen horen zien")
IRREGULAR_PAST = _wordset(
    """
    deed deden ging gingen koos kozen zei zeiden liet lieten nam namen bleef bleven gaf
    gaven kwam kwamen zag zagen vond vonden wist wisten dacht dachten sprak spraken kreeg
    kregen hield hielden liep liepen stond stonden zat zaten schreef vroeg vroegen bracht
    zocht kon konden moest moesten mocht wou had hadden was waren werd werden begon besloot
    belde
    """
)
# Words that look like participles but are not: "gezin", "gewoon", "duidelijkheid".
_NOT_PARTICIPLES = _wordset("gezin gewoon gezicht geduld gebied gezond gerust gevecht gedicht")
_NOUN_ENDINGS = ("heid", "teit", "tijd")
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
    "langs",
    "neer",
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
_SCENE_SETTERS = _wordset("als stel toen nu wanneer achteraf terugkijkend zo")
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
_DEMONSTRATIVES = _wordset("dat dit daar zoiets het")
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
    if len(word) < 5 or word in _NOT_PARTICIPLES or word.endswith(_NOUN_ENDINGS):
        return False
    stem = next((word[len(p) :] for p in _PARTICLES if word.startswith(p + "ge")), word)
    if stem.startswith("ge"):
        return word.endswith(("d", "t", "n"))
    if word.startswith(("onder", "over")):  # ondertekend, overlegd
        return word.endswith(("d", "t"))
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
    def scene_set(self) -> bool:
        """Whether a clause sets a scene before the question: "Als je terugkijkt, ..."."""
        words = _without_fillers(self.words)
        return bool(words) and words[0] in _SCENE_SETTERS and len(self.clauses) > 1

    @property
    def question(self) -> list[str]:
        """The clause that asks: after a scene-setting clause ("Als je terugkijkt, wat
        ..."), the next one; without fillers."""
        if self.scene_set:
            for clause in self.clauses[1:]:
                candidate = _without_fillers(clause)
                if candidate:
                    return candidate
        return _without_fillers(self.words)

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


# "Wat denk je, kan de school niet helpen?": a clause that only leads in to the question.
_LEAD_INS = (("wat", "denk", "je"), ("wat", "denk", "jij"), ("wat", "vind", "je"), ("denk", "je"))


def _second_question(sentence: _Sentence) -> _Sentence | None:
    """The second half of a double question in one sentence: "Wat wil je, en zou het
    helpen om ...?", "Hoe lang speelt dit al en is het geen idee om ...?", "Wat denk je, kan
    de school niet helpen?" (after "en", "maar" or "of", or after a lead-in, a part that
    starts asking again)."""
    words = sentence.words
    lead_in = len(sentence.clauses) > 1 and tuple(sentence.clauses[0]) in _LEAD_INS
    for start in range(1, len(words) - 1):
        after_lead_in = lead_in and start == len(sentence.clauses[0])
        if not (words[start] in {"en", "maar", "of"} or after_lead_in):
            continue
        opening = start
        while opening < len(words) - 1 and words[opening] in FILLERS:
            opening += 1
        rest = words[opening : opening + 2]  # two words tell whether it asks again
        if _opens_question(rest) or (after_lead_in and rest[0] in FINITE_VERBS):
            return _tail(sentence, start)
    return None


def _tail(sentence: _Sentence, start: int) -> _Sentence:
    """The sentence from its word ``start`` on."""
    clauses, position = [], 0
    for clause in sentence.clauses:
        end = position + len(clause)
        if end > start:
            clauses.append(clause[max(0, start - position) :])
        position = end
    return _Sentence(sentence.words[start:], sentence.cased[start:], clauses, sentence.mark)


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
    if sentence.mark == "!" or _remark(sentence):
        return False
    first = words[0]
    if first in QUESTION_WORDS | WHY_WORDS or first == "vertel":
        return True
    # "Als ik het goed hoor, zit je klem ...": after a scene, a verb first only states.
    if sentence.scene_set:
        return False
    # Verb first and a subject after it, not a discourse marker such as "Weet je, ...".
    return _verb_first(sentence, words) and len(sentence.clauses[0]) > 2


def _remark(sentence: _Sentence) -> str:
    """Like "Hoe is het mogelijk.", "Wie kent dat niet, zo'n moeder ...": a question word,
    but a full stop at the end, so said, not asked. The words it rests on, or ""."""
    words = sentence.question
    if sentence.mark == "." and words[0] in QUESTION_WORDS | WHY_WORDS:
        return _quoted(words, 3)
    return ""


def _verb_first(sentence: _Sentence, words: list[str]) -> bool:
    """Like "Woont oma in de buurt", "Is er al een datum", "Gaat Jurre nog naar school": a
    finite verb, then its subject (a pronoun, "er", a person or a name), then more. Before
    "er" or a name the verb has the third person's form, not a command's ("Denk er eens
    over na")."""
    verb = words[0]
    if verb not in FINITE_VERBS or len(words) < 3:
        return False
    if words[1] in SUBJECTS:
        return True
    named = sentence.as_typed(words[:2])[1][:1].isupper()
    third_person = verb.endswith("t") or verb in _THIRD_PERSON or _is_past(verb)
    return third_person and (words[1] in PEOPLE | {"er", "daar", "hier"} or named)


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
    """Like "Zou je niet eerst ...", "Kun je niet gewoon ...", "Moet je eens ...", "Zou je eerst
    ..."."""
    words = sentence.question
    if words[0] in MODALS and len(words) > 2 and not _invites_story(words):
        first = words[0] in {"zou", "zouden", "kun", "kunt", "kunnen"} and "eerst" in words
        nudged = NUDGES & set(words) or " een keer " in " ".join(words) or first
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
    "Is het niet beter om ...", "Wordt het niet tijd dat ...", "Helpt het om ...". "Is er een
    plan?" asks whether there is one."""
    words = sentence.question
    if words[0] == "misschien" and len(words) > 2:  # "Misschien is het een idee om ...?"
        words = words[1:]
    if words[0] in {"heb", "hebt"} and PROPOSAL_WORDS & set(words) and "om" in words:
        return _quoted(words, 5)  # "Heb je de mogelijkheid om ..."
    if words[0] in WEIGHING_VERBS and words[1] == "het" and "om" in words:
        return _quoted(words, 4)
    if words[0] not in _wordset("is lijkt wordt zou zouden"):
        return ""
    if words[1] == "er" and not (NEGATIONS | {"om", "als"}) & set(words):
        return ""
    if PROPOSAL_WORDS & set(words):
        return _quoted(words, 5)
    judged = JUDGING_WORDS & set(words)
    leads_on = set(words) & (NEGATIONS | _wordset("om als dat misschien"))
    if judged and (leads_on or words[0] in {"zou", "zouden"}):
        return _quoted(words, 5)
    return ""


def _considered(sentence: _Sentence) -> str:
    """Like "Heb je (al eens) overwogen / gedacht aan / geprobeerd om ...", "Overweeg je om
    ...", "Denk je aan een ...": a yes/no question about considering something named."""
    words = sentence.question
    phrase = " ".join(words)
    if len(words) > 3 and words[1] in YOU | WE:
        if words[0] in {"overweeg", "overweegt"}:
            return _quoted(words, 4)
        named = " aan een " in phrase or (" om " in phrase and " te " in phrase)
        if words[0] in {"denk", "denkt"} and named:
            return _quoted(words, 5)
    if words[0] not in FINITE_VERBS:
        return ""
    if len(words) > 3 and CONSIDERING & set(words[2:]):
        return _quoted(words, 6)
    # "Heb je al eens met de huisarts gebeld?": a deed put forward with "al eens".
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
            # "Wat denk je van het inschakelen van een tolk?": a deed as a noun.
            deed = words[index + 2] if len(words) > index + 2 else ""
            how_about = {"denk", "denkt"} & set(words[1:3])
            if how_about and following == "het" and len(deed) > 5 and deed.endswith("en"):
                return _quoted(words[: index + 3], 8)
    return ""


def _pushed_aim(sentence: _Sentence) -> str:
    """Like "Wat maakt het lastig om de vader gewoon te bellen?": "gewoon" or "eens" inside
    an om-clause puts its deed forward ("om het eens te worden" only agrees)."""
    words = sentence.question
    if "om" not in words[1:]:
        return ""
    at = words.index("om", 1)
    clause = words[at + 1 :]
    if "te" not in clause:
        return ""
    agreeing = "het eens" in " ".join(clause)
    if "gewoon" in clause or ("eens" in clause and not agreeing):
        return _quoted(words[at:], 8)
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
    ...": a deed of the one asked, in a condition, with the question about what follows. Not
    left undone ("als je niets doet"), unless pushed ("als je gewoon niet reageert"); not in a
    waarom ("Waarom lopen de gesprekken goed als jullie samen koken?" asks what works)."""
    words = sentence.words
    if sentence.question[0] in WHY_WORDS:
        return ""
    for index, word in enumerate(words):
        if word not in _CONDITIONALS and not (word == "dat" and "stel" in words[:index]):
            continue
        clause = _clause_from(words, index + 1, sentence)
        main = words[:index] + words[index + 1 + len(clause) :]
        clause = _before_embedded_question(clause)
        what_if = words[:2] == ["wat", "als"]
        nudged = bool(NUDGES & set(clause))
        if len(clause) < 2 or (NEGATIONS & set(clause) and not nudged):
            continue
        if not what_if and (clause[0] not in YOU | WE or clause[1] in PEOPLE):
            continue
        verb = clause[-1]
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
    # "Wat zou je manager zeggen": "je" before a person is "your".
    following = [*main[2:5], ""]
    return any(w in YOU and following[i] not in PEOPLE for i, w in enumerate(main[1:4]))


def _om_te_judged(sentence: _Sentence) -> str:
    """Like "Hoe zou het zijn om ... te ...", "Wat zou het opleveren om ...", "Hoe zouden
    jullie het vinden om ...": a deed in an om-clause, with the question weighing it. In
    "Wat zou je kunnen doen om ..." the om-clause is the aim, and the deed is asked for."""
    words = sentence.question
    if words[0] not in QUESTION_WORDS or "om" not in words:
        return ""
    main = words[1 : words.index("om")]
    if not main or main[0] not in {"zou", "zouden"} or "te" not in words[len(main) + 1 :]:
        return ""
    opinion = (OPINION_VERBS | {"vinden"}) & set(main)
    if main[1:2] == ["het"] or opinion:
        return _quoted(words[: words.index("om") + 1], 8)
    return ""


def _weighed_thing(sentence: _Sentence) -> str:
    """Like "Wat zou een gesprek met de vader opleveren?", "Welk effect zou een huisbezoek
    hebben?": what a thing the asker puts forward would bring about."""
    words = sentence.question
    if len(words) < 5 or words[0] not in QUESTION_WORDS:
        return ""
    start = 2 if words[1] in WEIGHING_NOUNS else 1  # "Welk effect zou ..."
    if words[start : start + 2] != ["zou", "een"] and words[start : start + 2] != ["zouden", "een"]:
        return ""
    if start == 2 or words[-1] in EFFECT_VERBS:
        return _quoted(words, start + 4)
    return ""


def _bare_proposal(sentence: _Sentence) -> str:
    """Like "Misschien even de huisarts bellen?", "Niet eerst met de moeder overleggen?": a
    deed in the infinitive, without a subject, pushed by "misschien", "eerst" or "even"."""
    words = _without_fillers(sentence.words)
    if sentence.mark != "?" or len(words) < 3:
        return ""
    if words[0] in FINITE_VERBS | (_NOT_VERBS - NUDGES):
        return ""
    last = words[-1]
    infinitive = len(last) > 4 and last.endswith("en") and last not in PEOPLE
    if infinitive and (NUDGES | {"eerst", "even"}) & set(words) and not YOU & set(words[:2]):
        return _quoted(words, 5)
    return ""


def _nudged_deed(sentence: _Sentence) -> str:
    """Like "Ga je haar misschien eens bellen?", "Neem je niet eerst contact op met school?":
    a yes/no question about a deed of the one asked, put forward by "misschien", "gewoon",
    "eens", "bijvoorbeeld" or "niet eerst"."""
    words = sentence.question
    if sentence.mark != "?" or len(words) < 3 or words[1] not in YOU | WE:
        return ""
    if not _is_deed_verb(words[0]) or words[0] in _NOT_VERBS:
        return ""
    if NUDGES & set(words[2:]) or " niet eerst " in " ".join(["", *words, ""]):
        return _quoted(words, 4)
    return ""


def _is_deed_verb(verb: str) -> bool:
    """A verb of doing, in the present: not thinking or feeling, not "is", not a past or a
    perfect ("heb je ... gebeld" asks what was done)."""
    stative = INNER_VERBS | COPULAS | _PERFECT_AUXILIARIES | FACT_VERBS | {"klopt"}
    return verb not in stative and not _is_past(verb)


# Words that can stand before "je" without being its verb: "Als je ...", "Dat je ...".
_NOT_VERBS = (
    QUESTION_WORDS
    | WHY_WORDS
    | FILLERS
    | _SCENE_SETTERS
    | PREPOSITIONS
    | NUDGES
    | _wordset("dat omdat zodat terwijl hoewel toch ook")
)


def _stated_deed(sentence: _Sentence) -> str:
    """Like "Dan ga je toch gewoon met hem mee?", "Je belt haar eerst, toch?": a deed of the
    one asked, stated (no question word, the verb not first), pushed by "toch", "gewoon",
    "eerst", "even" or "maar"; "Je hebt toch al gebeld?" only checks."""
    words = _without_fillers(sentence.words)
    if sentence.mark != "?" or len(words) < 4 or words[0] in FINITE_VERBS | _NOT_VERBS:
        return ""
    if words[0] in YOU | WE and words[1] not in PEOPLE:  # not "je moeder"
        verb = words[1]
    elif words[2] in YOU | WE and words[1] not in _NOT_VERBS:
        verb = words[1]  # "Dan ga je", "Daarna bel je"
    else:
        return ""
    if not _is_deed_verb(verb):
        return ""
    pushed = (NUDGES | {"eerst", "even", "maar"}) & set(words)
    if pushed or ("toch" in words and "al" not in words):
        return _quoted(words, 5)
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
    _nudged_deed,
    _stated_deed,
    _weighed_thing,
    _bare_proposal,
    _pushed_aim,
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
    before an evaluation, with no verb after it; or a question word with "..., zeg." after."""
    words = sentence.question
    if words[0] not in {"wat", "hoe", "welk"} or len(words) < 2:
        return ""
    # "Wat ben jij hier serieus mee bezig, zeg.": "zeg" at the end, and no question mark.
    if sentence.mark != "?" and len(sentence.clauses) > 1 and sentence.clauses[-1] == ["zeg"]:
        return _quoted(words, 4)
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
    """Like "Wie zou daar niet moe van worden?", "Wie kent dat niet?", "Hoe had je dat ook
    kunnen weten?": a question that expects no answer, only says "that is understandable"."""
    words = sentence.question
    rhetorical = _wordset("zou zal wordt kan wil raakt vindt is")
    if words[0] == "wie" and len(words) > 2 and "niet" in words and words[1] in rhetorical:
        return _quoted(words, 5)
    # "Wie kent dat niet", "Wie herkent dit nou niet?": so everybody does.
    if (
        words[0] == "wie"
        and len(words) > 3
        and words[2] in _DEMONSTRATIVES
        and "niet" in words[3:5]
    ):
        return _quoted(words, 4)
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
    if first == "waar" and second in FACT_VERBS | _PLACE_VERBS:
        return _quoted(words, 3)
    if first == "wie" and second in {"is", "was", "waren"} and len(words) <= 4:
        return _quoted(words, 4)
    if start == 0 and first == "wie" and "allemaal" not in words:
        cue = _who_did(words)
        if cue:
            return cue
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


def _who_did(words: list[str]) -> str:
    """Like "Wie is de regiehouder?", "Wie heeft de casus aangemeld?", "Wie was er bij het
    huisbezoek?": a person asked for by their role or by one past deed ("Wie zijn er
    allemaal betrokken?" asks for the whole picture)."""
    second = words[1] if len(words) > 1 else ""
    if second in {"is", "was"} and words[2:3] == ["de"]:
        return _quoted(words, 4)
    if second in {"was", "waren"} and words[2:3] == ["er"]:
        return _quoted(words, 3)
    if second in {"heeft", "had", "hebben"} and len(words) > 3 and _is_participle(words[-1]):
        return _quoted(words, 4)
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
    if last.endswith(_NOUN_ENDINGS) or last in NEGATIONS:  # "duidelijkheid", "kwaliteit"
        return False
    return len(words) > 3 and len(last) > 5 and last.endswith(("d", "t"))


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
    if you and words[2] not in WE and _held_up(words):
        return True
    return undone or (past and ("lang" in words or LOOKING_BACK & set(words) != set()))


def _held_up(words: list[str]) -> bool:
    """Like "Waarom laat je haar steeds de agenda bepalen?" (a habit of the one asked), or
    "Waarom heb je hem laten gaan?" (a perfect with two infinitives): a deed held up to them.
    "Waarom voel je je steeds verantwoordelijk?" reflects."""
    verb = words[1]
    if verb in {"heb", "hebt", "had"}:
        return any(
            word in _DOUBLE_INFINITIVES
            and words[index - 1] != "te"
            and _infinitive_beside(words, index)
            for index, word in enumerate(words[3:], start=3)
        )
    habit = REPEATEDLY & set(words) and verb not in INNER_VERBS | COPULAS | MODALS
    return bool(habit) and not _is_past(verb)


def _infinitive_beside(words: list[str], index: int) -> bool:
    neighbours = words[index - 1 : index] + words[index + 1 : index + 2]
    return any(len(w) > 3 and w.endswith("en") and w != "te" for w in neighbours)


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
    if len(words) < 4:
        return False
    if _reason_for_deed(words):
        return True
    if words[:2] == ["wat", "bezielde"]:
        return True
    return (
        words[0] == "hoe"
        and len(words) > 3
        and words[1] in {"kon", "kun", "kunt"}
        and words[2] in YOU
        and bool(({"nou", "zomaar"} | NEGATIONS) & set(words[3:]))
    )


def _reason_for_deed(words: list[str]) -> bool:
    """Like "Wat was de reden dat je de afspraak hebt verzet?", "Wat was voor jou de reden om
    de vader niet te bellen?": the reason for a deed done, left undone or done late ("pas
    achteraf"). "Wat was voor jou de reden om dit vak te kiezen?" asks about a choice."""
    if words[0] != "wat" or "reden" not in words[1:6]:
        return False
    clause = words[words.index("reden") + 1 :]
    if not clause or clause[0] not in {"dat", "om", "waarom"}:
        return False
    clause = clause[1:]
    if (NEGATIONS | TOO_LATE) & set(clause):
        return True
    done = any(_is_participle(w) or _is_past(w) for w in clause)
    return bool(clause) and clause[0] in YOU | WE and done


def _how_come(words: list[str], typed: list[str]) -> _Verdict | None:
    """Like "Hoe komt het dat je haar niet hebt gebeld?": a waarom in other words, looking back
    at what the one asked did or left undone."""
    clause = words[4:]
    if len(clause) < 3:
        return None
    if clause[0] not in YOU | WE and not _left_undone(clause):
        return None
    looks_back = NEGATIONS & set(clause) or "lang" in clause or _is_past(clause[-1])
    if not (looks_back or any(_is_participle(w) for w in clause)):
        return None
    return _justify(words, f"Wat maakte dat {' '.join(typed[4:])}?")  # Dutch, as asked


def _left_undone(clause: list[str]) -> bool:
    """Like "(dat) de evaluatie steeds wordt uitgesteld", "niemand de overdracht heeft
    gecontroleerd": work left undone or put off, by no one named; not what someone in the
    case did ("de moeder niet is gekomen")."""
    person = clause[0] in {"hij", "zij", "ze"} or clause[1] in PEOPLE
    put_off = (NEGATIONS | REPEATEDLY | _wordset("wordt werd worden werden")) & set(clause)
    done = any(_is_participle(w) for w in clause)
    return done and bool(put_off) and (clause[0] == "niemand" or not person)


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
        said = next((_remark(s) for s in _sentences(text) if _remark(s)), "")
        if said:
            reason = tr("Geen vraag: ‘{cue}’ eindigt met een punt, als een opmerking.", cue=said)
            return Classification(QuestionKind.NONE, _typed_cue(text, reason), "")
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

"""Session templates: declarative TOML files, loaded and validated strictly.

The format is documented in docs/templates.md. A template's id is its file name
without ``.toml``. Every problem is reported as a TemplateError that names the
file, the place (for instance ``steps[2].minutes``) and the problem, in Dutch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from leersessie.base.errors import TemplateError, describe_os_error
from leersessie.base.i18n import tr

FILE_FORMAT = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
BUILTIN_PACKAGE = "leersessie.session_templates"
GROUP_PROMPT_MAX = 300  # characters: what still reads from the back of a room
PASSAGE_MAX_LINES = 80  # a cited passage is a passage, not a chapter


class StepKind(StrEnum):
    NOTES = "notes"  # notes only
    ACTIONS = "actions"  # notes and agreed actions
    FINDINGS = "findings"  # notes and the findings of a leerreview casegroep
    MEASURES = "measures"  # per finding of the linked session: improvement measures
    RATINGS = "ratings"  # notes and a 1-5 rating per item
    THEMES = "themes"  # themes over the findings of several sessions of the linked template


class StepShows(StrEnum):
    """What a step puts before the group besides its own task: content made earlier."""

    RATINGS = "ratings"  # this session's scores and the radar against the previous session
    FINDINGS = "findings"  # the findings of the linked casegroep


class RoundKind(StrEnum):
    """What each person gives in a round (see leersessie/room/rounds.py)."""

    SCORES = "scores"  # a score per item of a ratings step, on its scale
    TEXT = "text"  # a short text: a check-in word, an idea, a question
    CHOICE = "choice"  # one or several dots on the options


ROUND_OPTIONS_MAX = 12  # what still fits on a phone and on the group screen
ROUND_OPTION_MAX = 80  # characters of one option


@dataclass(frozen=True)
class RoundSpec:
    """A step's round: each person answers on their own before the group looks together.

    ``options`` empty in a choice round: the coach types them when opening the round
    (actieleren's problems are only known in the session). ``dots``: how many options a
    person may mark in a choice round."""

    kind: RoundKind
    question: str
    options: tuple[str, ...] = ()
    dots: int = 1


class TemplateOrigin(StrEnum):
    BUILTIN = "ingebouwd"
    USER = "eigen"


@dataclass(frozen=True)
class Source:
    document: str
    section: str
    seed: str = ""


@dataclass(frozen=True)
class Passage:
    """The lines of a seed document a step rests on, and how a reader finds them in print."""

    seed: str
    first_line: int
    last_line: int
    where: str


@dataclass(frozen=True)
class RatingItem:
    key: str
    title: str
    description: str = ""
    behaviours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    kind: StepKind
    minutes: int
    purpose: str
    watch_for: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    items: tuple[RatingItem, ...] = ()
    # What the group reads on the group screen; the coach's guidance stays on the coach's
    # screen. Optional: a step without one shows only its title there.
    group_prompt: str = ""
    shows: StepShows | None = None
    # The group asks questions here: the step gets the question coach's list.
    asks_questions: bool = False
    # Where the step comes from: a passage of the source, or why the app added it.
    passage: Passage | None = None
    own_design: str = ""
    # The words for the lowest and the highest score of a ratings step.
    scale: tuple[str, str] | None = None
    # Each person answers on their own first (docs/templates.md, "Rounds").
    round: RoundSpec | None = None

    def scale_words(self) -> tuple[str, str]:
        return self.scale or (tr("nauwelijks"), tr("heel sterk"))

    def origin_text(self) -> str:
        """Where a reader finds this step's source, or that it is the app's own design."""
        if self.passage:
            return self.passage.where
        if self.own_design:
            return tr("Eigen ontwerp van Leersessie: {why}", why=self.own_design)
        return ""


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    title: str
    summary: str
    duration_minutes: int
    group_size: str
    audience: str
    source: Source
    steps: tuple[Step, ...]
    casusinbrenger: bool = False
    links_to: str | None = None
    # For the participants' handout: what the session is for them, what they bring, and
    # what comes before the first step besides a look back on open actions.
    group_summary: str = ""
    bring: tuple[str, ...] = ()
    before: str = ""
    source_text: str = field(default="", repr=False, compare=False)
    origin: TemplateOrigin = TemplateOrigin.BUILTIN
    path: Path | None = field(default=None, compare=False)

    @property
    def opens_with_lookback(self) -> bool:
        """A session of it opens with the look back on the team's open actions (when it has
        any). A reviewteam does not: it looks back on earlier measures in its measures step."""
        return not any(step.kind is StepKind.MEASURES for step in self.steps)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)


# --- validation ------------------------------------------------------------


class _Reader:
    """Reads one table of a template, recording where it is for error messages."""

    def __init__(self, file: str, place: str, table: Any) -> None:
        self.file = file
        self.place = place
        if not isinstance(table, dict):
            self.fail("", tr("hier hoort een tabel, maar er staat {found}", found=_kind(table)))
        self.table: dict[str, Any] = table
        self.used: set[str] = set()

    def _at(self, key: str) -> str:
        if not key:
            return self.place
        return f"{self.place}.{key}" if self.place else key

    def fail(self, key: str, problem: str) -> NoReturn:
        raise TemplateError(self.file, self._at(key), problem)

    def _get(self, key: str, expected: type | tuple[type, ...], label: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.table:
            if required:
                self.fail(key, tr("dit verplichte veld ontbreekt"))
            return None
        value = self.table[key]
        # bool is an int in Python; a template saying `minutes = true` is still wrong.
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is int):
            self.fail(
                key, tr("verwacht {label}, maar er staat {found}", label=label, found=_kind(value))
            )
        return value

    def text(self, key: str, required: bool = True) -> str:
        value: str | None = self._get(key, str, tr("tekst"), required)
        if value is None:
            return ""
        if required and not value.strip():
            self.fail(key, tr("mag niet leeg zijn"))
        return value.strip()

    def number(self, key: str, minimum: int, required: bool = True) -> int:
        value: int | None = self._get(key, int, tr("een geheel getal"), required)
        if value is None:
            return minimum
        if value < minimum:
            self.fail(
                key,
                tr("moet minstens {minimum} zijn, maar is {value}", minimum=minimum, value=value),
            )
        return value

    def flag(self, key: str) -> bool:
        return bool(self._get(key, bool, tr("true of false"), required=False))

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._get(key, list, tr("een lijst met teksten"), required=False) or []
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.fail(
                    f"{key}[{index}]",
                    tr("verwacht een niet-lege tekst, maar er staat {found}", found=_kind(value)),
                )
        return tuple(value.strip() for value in values)

    def tables(self, key: str, required: bool) -> list[Any]:
        values = self._get(key, list, tr("een lijst met tabellen ([[{key}]])", key=key), required)
        if required and not values:
            self.fail(key, tr("er moet minstens één [[{key}]] zijn", key=key))
        return values or []

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if not ID_PATTERN.match(value):
            self.fail(
                key,
                tr(
                    "'{value}' is geen geldige sleutel: gebruik kleine letters, cijfers, - en _",
                    value=value,
                ),
            )
        return value

    def finish(self) -> None:
        unknown = sorted(set(self.table) - self.used)
        if unknown:
            self.fail(
                unknown[0],
                tr(
                    "onbekend veld; bedoelt u een van: {known}?", known=", ".join(sorted(self.used))
                ),
            )


def _kind(value: Any) -> str:
    names = {
        bool: tr("true/false"),
        int: tr("een getal"),
        float: tr("een kommagetal"),
        str: tr("tekst"),
        list: tr("een lijst"),
        dict: tr("een tabel"),
    }
    return names.get(type(value), type(value).__name__)


def _read_item(file: str, place: str, table: Any) -> RatingItem:
    reader = _Reader(file, place, table)
    item = RatingItem(
        key=reader.identifier("key"),
        title=reader.text("title"),
        description=reader.text("description", required=False),
        behaviours=reader.texts("behaviours"),
    )
    reader.finish()
    return item


def _read_step(file: str, place: str, table: Any) -> Step:
    reader = _Reader(file, place, table)
    key = reader.identifier("key")
    title = reader.text("title")
    kind_text = reader.text("kind")
    try:
        kind = StepKind(kind_text)
    except ValueError:
        reader.fail(
            "kind",
            tr(
                "onbekende soort stap '{kind}'; kies uit: {kinds}",
                kind=kind_text,
                kinds=", ".join(k.value for k in StepKind),
            ),
        )
    minutes = reader.number("minutes", minimum=0)
    purpose = reader.text("purpose")
    group_prompt = _group_prompt(reader)
    shows = _shows(reader)
    asks_questions = reader.flag("asks_questions")
    watch_for = reader.texts("watch_for")
    questions = reader.texts("questions")
    if kind is StepKind.RATINGS and "items" not in reader.table:
        reader.fail(
            "items",
            tr(
                'een stap met kind = "ratings" heeft minstens één '
                "[[steps.items]] nodig: de onderdelen die een score krijgen"
            ),
        )
    item_tables = reader.tables("items", required=kind is StepKind.RATINGS)
    if item_tables and kind is not StepKind.RATINGS:
        reader.fail("items", tr('alleen een stap met kind = "ratings" heeft items'))
    items = tuple(_read_item(file, f"{place}.items[{i}]", t) for i, t in enumerate(item_tables))
    _refuse_duplicates(file, f"{place}.items", [item.key for item in items])
    passage, own_design = _origin(reader)
    scale = _scale(reader, kind)
    round_spec = _round(reader, kind)
    reader.finish()
    return Step(
        key,
        title,
        kind,
        minutes,
        purpose,
        watch_for,
        questions,
        items,
        group_prompt,
        shows,
        asks_questions,
        passage=passage,
        own_design=own_design,
        scale=scale,
        round=round_spec,
    )


def _round(reader: _Reader, step_kind: StepKind) -> RoundSpec | None:
    """A step's ``[steps.round]`` table: its kind, question and, for a choice, options."""
    if "round" not in reader.table:
        return None
    table = reader._get("round", dict, tr("een tabel [steps.round]"), required=True)
    spec = _Reader(reader.file, reader._at("round"), table)
    kind_text = spec.text("kind")
    try:
        kind = RoundKind(kind_text)
    except ValueError:
        spec.fail(
            "kind",
            tr(
                "onbekende soort ronde '{kind}'; kies uit: {kinds}",
                kind=kind_text,
                kinds=", ".join(k.value for k in RoundKind),
            ),
        )
    if kind is RoundKind.SCORES and step_kind is not StepKind.RATINGS:
        spec.fail(
            "kind",
            tr('een ronde met kind = "scores" hoort bij een stap met kind = "ratings"'),
        )
    question = spec.text("question")
    if len(question) > GROUP_PROMPT_MAX:
        spec.fail(
            "question",
            tr(
                "is {length} tekens lang; een vraag voor de groep is hooguit {maximum} tekens",
                length=len(question),
                maximum=GROUP_PROMPT_MAX,
            ),
        )
    for only_choice in ("options", "dots"):
        if only_choice in spec.table and kind is not RoundKind.CHOICE:
            spec.fail(
                only_choice,
                tr('alleen een ronde met kind = "choice" heeft {field}', field=only_choice),
            )
    options = _round_options(spec)
    dots = spec.number("dots", minimum=1, required=False)
    if options and dots > len(options):
        spec.fail(
            "dots",
            tr(
                "ieder kan hooguit zoveel stippen zetten als er opties zijn ({options}), "
                "maar dots is {dots}",
                options=len(options),
                dots=dots,
            ),
        )
    spec.finish()
    return RoundSpec(kind, question, options, dots)


def _round_options(spec: _Reader) -> tuple[str, ...]:
    options = spec.texts("options")
    if "options" in spec.table and not 2 <= len(options) <= ROUND_OPTIONS_MAX:
        spec.fail(
            "options",
            tr(
                "een keuze heeft 2 tot {maximum} opties, deze {count}",
                maximum=ROUND_OPTIONS_MAX,
                count=len(options),
            ),
        )
    seen: set[str] = set()
    for index, option in enumerate(options):
        if len(option) > ROUND_OPTION_MAX:
            spec.fail(
                f"options[{index}]",
                tr("een optie is hooguit {maximum} tekens", maximum=ROUND_OPTION_MAX),
            )
        if option.casefold() in seen:
            spec.fail(
                f"options[{index}]", tr("de optie '{option}' komt twee keer voor", option=option)
            )
        seen.add(option.casefold())
    return options


def _shows(reader: _Reader) -> StepShows | None:
    if "shows" not in reader.table:
        return None
    value = reader.text("shows")
    try:
        return StepShows(value)
    except ValueError:
        reader.fail(
            "shows",
            tr(
                "onbekende waarde '{value}'; kies uit: {values}",
                value=value,
                values=", ".join(s.value for s in StepShows),
            ),
        )


def _origin(reader: _Reader) -> tuple[Passage | None, str]:
    """A step's ``passage`` table or its ``own_design`` reason; never both."""
    own_design = reader.text("own_design", required=False)
    if "passage" not in reader.table:
        return None, own_design
    if own_design:
        reader.fail(
            "own_design",
            tr("een stap heeft een passage uit de bron óf own_design, niet allebei"),
        )
    table = reader._get("passage", dict, tr("een tabel [steps.passage]"), required=True)
    passage = _Reader(reader.file, reader._at("passage"), table)
    seed = passage.text("seed")
    lines = passage._get("lines", list, tr("een lijst van twee regelnummers"), required=True)
    if len(lines) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in lines):
        passage.fail("lines", tr("verwacht twee regelnummers, de eerste en de laatste: [12, 30]"))
    first, last = lines
    if not 1 <= first <= last:
        passage.fail("lines", tr("de eerste regel moet 1 of meer zijn en niet na de laatste"))
    # Both lines are part of the passage: [12, 91] is 80 lines.
    length = last - first + 1
    if length > PASSAGE_MAX_LINES:
        passage.fail(
            "lines",
            tr(
                "een passage is hooguit {maximum} regels lang, deze {length}; wijs de "
                "passage aan waar de stap op rust",
                maximum=PASSAGE_MAX_LINES,
                length=length,
            ),
        )
    where = passage.text("where")
    passage.finish()
    return Passage(seed, first, last, where), ""


def _scale(reader: _Reader, kind: StepKind) -> tuple[str, str] | None:
    if "scale" not in reader.table:
        return None
    if kind is not StepKind.RATINGS:
        reader.fail("scale", tr('alleen een stap met kind = "ratings" heeft een scale'))
    words = reader.texts("scale")
    if len(words) != 2:
        reader.fail(
            "scale",
            tr('verwacht twee teksten, voor de laagste en de hoogste score: ["nooit", "altijd"]'),
        )
    return words[0], words[1]


def _group_prompt(reader: _Reader) -> str:
    if "group_prompt" not in reader.table:
        return ""
    prompt = reader.text("group_prompt")
    if len(prompt) > GROUP_PROMPT_MAX:
        reader.fail(
            "group_prompt",
            tr(
                "is {length} tekens lang; een tekst voor de groep is hooguit {maximum} tekens, "
                "zodat hij groot op het scherm past",
                length=len(prompt),
                maximum=GROUP_PROMPT_MAX,
            ),
        )
    return prompt


def _refuse_duplicates(file: str, place: str, keys: Iterable[str]) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise TemplateError(
                file, f"{place}[{index}].key", tr("de sleutel '{key}' komt twee keer voor", key=key)
            )
        seen.add(key)


def parse_template(
    text: str,
    template_id: str,
    file: str,
    origin: TemplateOrigin = TemplateOrigin.BUILTIN,
    path: Path | None = None,
    ran_before: bool = False,
) -> Template:
    """Parse and validate a template's TOML text. Raises TemplateError.

    ``ran_before``: the text a session already ran with. It is read as it was accepted
    then, so a rule added later for new sessions (the minutes adding up) never makes an
    old session unreadable."""
    if not ID_PATTERN.match(template_id):
        raise TemplateError(
            file,
            "",
            tr(
                "de bestandsnaam '{id}' is geen geldige sjabloon-id: "
                "gebruik kleine letters, cijfers, - en _",
                id=template_id,
            ),
        )
    import tomllib  # with the first template read, not with every start

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        place, problem = _explain_toml_error(str(exc))
        raise TemplateError(file, place, problem) from exc
    top = _Reader(file, "", data)
    file_format = top.number("format", minimum=1)
    if file_format != FILE_FORMAT:
        top.fail(
            "format",
            tr(
                "bestandsformaat {found} wordt niet ondersteund; deze versie van "
                "Leersessie leest formaat {supported}",
                found=file_format,
                supported=FILE_FORMAT,
            ),
        )
    source_reader = _Reader(
        file, "source", top._get("source", dict, tr("een tabel [source]"), required=True)
    )
    source = Source(
        source_reader.text("document"),
        source_reader.text("section"),
        source_reader.text("seed", required=False),
    )
    source_reader.finish()
    steps = tuple(
        _read_step(file, f"steps[{i}]", t) for i, t in enumerate(top.tables("steps", required=True))
    )
    _refuse_duplicates(file, "steps", [step.key for step in steps])
    template = Template(
        id=template_id,
        version=top.number("version", minimum=1),
        title=top.text("title"),
        summary=top.text("summary"),
        duration_minutes=top.number("duration_minutes", minimum=1),
        group_size=top.text("group_size"),
        audience=top.text("audience"),
        source=source,
        steps=steps,
        casusinbrenger=top.flag("casusinbrenger"),
        links_to=top.text("links_to", required=False) or None,
        group_summary=top.text("group_summary", required=False),
        bring=top.texts("bring"),
        before=top.text("before", required=False),
        source_text=text,
        origin=origin,
        path=path,
    )
    top.finish()
    _check_link(file, template)
    if not ran_before:
        _check_minutes(file, template)
    return template


def _check_minutes(file: str, template: Template) -> None:
    """The plan a coach reads must add up: the steps fill the stated duration exactly."""
    total = sum(step.minutes for step in template.steps)
    if total != template.duration_minutes:
        raise TemplateError(
            file,
            "duration_minutes",
            tr(
                "de stappen duren samen {total} minuten, maar duration_minutes is {duration}; "
                "maak ze gelijk (een terugblik op open acties komt er los bij)",
                total=total,
                duration=template.duration_minutes,
            ),
        )


_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


def _explain_toml_error(reason: str) -> tuple[str, str]:
    """Turn tomllib's English message into a place (line, column) and a Dutch problem."""
    match = _TOML_POSITION.search(reason)
    place = ""
    if match:
        reason = reason[: match.start()]
        place = (
            tr("regel {line}, kolom {column}", line=match[1], column=match[2])
            if match[1]
            else tr("einde van het bestand")
        )
    if reason.startswith(("Cannot overwrite a value", "Cannot declare")):
        return place, tr("deze sleutel of tabel staat er twee keer; haal de dubbele weg")
    # A newline inside a one-line string means its closing quote is missing.
    if reason.startswith("Unterminated string") or reason == "Illegal character '\\n'":
        return place, tr("een tekst zonder afsluitend aanhalingsteken")
    return place, tr(
        "geen geldige TOML ({reason}); controleer aanhalingstekens, haakjes en komma's",
        reason=reason,
    )


def _check_link(file: str, template: Template) -> None:
    linked_kinds = (StepKind.MEASURES, StepKind.THEMES)
    needs_link = [step.kind for step in template.steps if step.kind in linked_kinds]
    if needs_link and not template.links_to:
        raise TemplateError(
            file,
            "links_to",
            tr(
                'een sjabloon met een stap van soort "{kind}" werkt de bevindingen van een '
                "andere sessie uit en moet die noemen, bijvoorbeeld "
                'links_to = "leerreview-casegroep"',
                kind=needs_link[0].value,
            ),
        )
    if template.links_to and not ID_PATTERN.match(template.links_to):
        raise TemplateError(
            file, "links_to", tr("'{value}' is geen geldige sjabloon-id", value=template.links_to)
        )


def load_template_file(path: Path, origin: TemplateOrigin = TemplateOrigin.USER) -> Template:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(
            path.name, "", tr("kan het bestand niet lezen: {reason}", reason=describe_os_error(exc))
        ) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TemplateError(
            path.name,
            tr("regel {line}", line=line),
            tr(
                "het bestand is geen UTF-8-tekst (byte {pos}); sla het in uw teksteditor op als "
                "UTF-8",
                pos=exc.start,
            ),
        ) from exc
    return parse_template(text, path.stem, path.name, origin, path)


# --- the catalogue ---------------------------------------------------------


@dataclass
class Catalogue:
    """All templates that loaded, and the errors of those that did not."""

    templates: dict[str, Template] = field(default_factory=dict)
    errors: list[TemplateError] = field(default_factory=list)

    def get(self, template_id: str) -> Template:
        return self.templates[template_id]

    def sorted(self) -> list[Template]:
        return sorted(
            self.templates.values(),
            key=lambda t: (t.origin is not TemplateOrigin.BUILTIN, t.title.lower()),
        )


def builtin_template_files() -> list[tuple[str, str]]:
    """(file name, text) of every shipped template, from inside the installed package."""
    folder = resources.files(BUILTIN_PACKAGE)
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def load_catalogue(
    user_dir: Path | None = None, on_error: Callable[[TemplateError], None] | None = None
) -> Catalogue:
    """Load the built-in templates and those in ``user_dir``; a broken one never stops the rest."""
    catalogue = Catalogue()

    def refuse(error: TemplateError) -> None:
        catalogue.errors.append(error)
        if on_error:
            on_error(error)

    def add(load: Callable[[], Template]) -> None:
        try:
            template = load()
        except TemplateError as error:
            refuse(error)
            return
        if template.id in catalogue.templates:
            refuse(
                TemplateError(
                    template.path.name if template.path else template.id,
                    "",
                    tr(
                        "de id '{id}' is al in gebruik door een ingebouwd sjabloon; geef het "
                        "bestand een andere naam",
                        id=template.id,
                    ),
                )
            )
            return
        catalogue.templates[template.id] = template

    for name, text in builtin_template_files():
        add(partial(parse_template, text, name.removesuffix(".toml"), name))
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            add(partial(load_template_file, path, TemplateOrigin.USER))
    _drop_broken_links(catalogue, on_error)
    return catalogue


def _drop_broken_links(
    catalogue: Catalogue, on_error: Callable[[TemplateError], None] | None
) -> None:
    """A template that works out another template's sessions cannot run without it."""
    for template in list(catalogue.templates.values()):
        if template.links_to and template.links_to not in catalogue.templates:
            del catalogue.templates[template.id]
            error = TemplateError(
                template.path.name if template.path else f"{template.id}.toml",
                "links_to",
                tr(
                    "het sjabloon '{target}' bestaat niet; zet een sjabloon met die id in de "
                    "map met sjablonen, of verbeter links_to",
                    target=template.links_to,
                ),
            )
            catalogue.errors.append(error)
            if on_error:
                on_error(error)

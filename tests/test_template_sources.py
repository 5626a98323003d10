"""Each template stays true to its source: every step of a built-in template names the
passage of a seed document it rests on (or says it is the app's own design), and the
step's title words and rated items are found in that very passage, so a citation cannot
drift to a passage about something else.

The seeds live in ../shared/seeds beside the checkout (or beside the worktrees folder);
where they are missing, the tests that read them are skipped, except where
LEERSESSIE_REQUIRE_SEEDS=1 (CI sets it): there a missing seed fails, so CI can never pass
without having checked the templates against their sources.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from leersessie.method.templates import Step, Template, TemplateOrigin

_HERE = Path(__file__).resolve()
SEEDS = next(
    (
        folder / "shared" / "seeds"
        for folder in (_HERE.parents[2], _HERE.parents[3])
        if (folder / "shared" / "seeds").is_dir()
    ),
    _HERE.parents[2] / "shared" / "seeds",
)

# Short words a title uses for grammar, not for content.
_GRAMMAR = {"een", "het", "de", "en", "van", "in", "op", "met", "voor", "ons", "onze", "wat", "aan"}


def _builtin_steps(catalogue) -> list[tuple[Template, Step]]:
    return [
        (template, step)
        for template in catalogue.templates.values()
        if template.origin is TemplateOrigin.BUILTIN
        for step in template.steps
    ]


def _title_terms(title: str) -> list[str]:
    words = re.findall(r"[\w-]+", title.lower())
    return [word for word in words if word not in _GRAMMAR and len(word) > 2]


def _seed_lines(number: str) -> list[str]:
    matches = list(SEEDS.glob(f"{number}_*.txt"))
    if not matches:
        if os.environ.get("LEERSESSIE_REQUIRE_SEEDS") == "1":
            pytest.fail(f"seed {number} is not in {SEEDS}, and LEERSESSIE_REQUIRE_SEEDS=1")
        pytest.skip("the seed documents are not next to this checkout")
    return matches[0].read_text(encoding="utf-8").splitlines()


def _passage_text(step: Step) -> str:
    assert step.passage
    lines = _seed_lines(step.passage.seed)
    assert step.passage.last_line <= len(lines), step.key
    text = " ".join(lines[step.passage.first_line - 1 : step.passage.last_line])
    return re.sub(r"\s+", " ", text).lower()


def test_every_built_in_step_names_its_passage_or_says_it_is_own_design(catalogue):
    for template, step in _builtin_steps(catalogue):
        assert bool(step.passage) != bool(step.own_design), (template.id, step.key)
        if step.passage:
            assert step.passage.seed in template.source.seed, (template.id, step.key)
            assert len(step.passage.where) > 20, (template.id, step.key)
        else:
            # A reason a reader can check, not a label.
            assert len(step.own_design) > 60, (template.id, step.key)


def test_every_built_in_step_has_a_group_prompt(catalogue):
    for template, step in _builtin_steps(catalogue):
        assert step.group_prompt, (template.id, step.key)
        # Addressed to the group, not a copy of the coach's guidance.
        assert step.group_prompt != step.purpose, (template.id, step.key)


def test_a_citation_cannot_drift_its_title_and_items_are_in_the_passage(catalogue):
    cited = [(t, s) for t, s in _builtin_steps(catalogue) if s.passage]
    assert len(cited) > 30
    for template, step in cited:
        passage = _passage_text(step)
        for term in _title_terms(step.title):
            assert term in passage, (template.id, step.key, term)
        for item in step.items:
            assert item.title.lower() in passage, (template.id, step.key, item.title)


def test_the_passage_check_catches_a_citation_of_the_wrong_lines(catalogue):
    """The actieleren steps, cited at Derksen's figure instead, fail the check."""
    (step,) = [s for s in catalogue.get("actieleren").steps if s.key == "eigenaar"]
    assert step.passage
    wrong = Step(**{**step.__dict__, "passage": type(step.passage)("003", 262, 303, "Figuur 7")})
    passage = _passage_text(wrong)
    assert not all(term in passage for term in _title_terms(step.title))


def test_where_names_the_chapter_and_pages_the_source_gives(catalogue):
    """003 has a table of contents with pages, 000 names pages 7 and 8; 002 and 004 have none."""
    for template, step in _builtin_steps(catalogue):
        if step.passage and step.passage.seed in ("003", "000"):
            assert re.search(r"p\. \d", step.passage.where), (template.id, step.key)
        if step.passage and step.passage.seed == "003":
            assert "Hoofdstuk" in step.passage.where, (template.id, step.key)


# Seed 003, ch. 2, "Figuur 7 - Teamontwikkelruimte (Bron: Derksen, 2012)", the behaviours
# under each dimension.
DERKSEN_BEHAVIOURS = {
    "dialoog": ["Actief luisteren en doorvragen", "Betekenis geven", "Feedback vragen"],
    "reflecteren": [
        "Afstand nemen",
        "Vanuit meerdere perspectieven kijken",
        "Waarderend onderzoeken",
    ],
    "toekomst": [
        "Resultaatgericht werken",
        "Kernvragen stellen",
        "Waarde creëren",
        "Betrokkenheid creëren",
    ],
    "organiseren": ["Coördineren", "Afspraken maken", "Plannen"],
}

# Seed 000, "Verschillende voorkeuren voor leren" (the five preferences), and seed 003,
# ch. 3, table "Hoe landt kennis het beste bij professionals?" (Simons en Ruijters, 2012),
# column "Passende leeractiviteiten"; the words the template's activities must contain.
RUIJTERS_ACTIVITIES = {
    "Kunst afkijken": ["wandelgangen", "werkbezoek", "deskundige", "vergadering", "best practices"],
    "Participeren": ["communities of practice", "storytelling", "intervisie", "leerkringen"],
    "Kennis verwerven": [
        "onderzoeksrapporten",
        "experts raadplegen",
        "internet",
        "zelf onderzoek doen",
    ],
    "Oefenen": ["rollenspel", "simulaties", "workshops", "trainingen"],
    "Ontdekken": ["praktijkopdracht", "brainstormsessies"],
}


def _seed(number: str) -> str:
    return re.sub(r"\s+", " ", " ".join(_seed_lines(number)))


def test_teamontwikkelruimte_rates_derksens_dimensions_with_their_behaviours(catalogue):
    template = catalogue.get("teamontwikkelruimte")
    rated = {item.key: list(item.behaviours) for step in template.steps for item in step.items}

    assert rated == DERKSEN_BEHAVIOURS


def test_derksens_behaviours_are_in_figuur_7():
    text = _seed("003")
    figure = text[text.index("Figuur 7 - Teamontwikkelruimte") :]
    figure = figure[: figure.index("Ruimte op organisatie- en systeemniveau")]
    for behaviours in DERKSEN_BEHAVIOURS.values():
        for behaviour in behaviours:
            assert behaviour in figure


def test_leervoorkeuren_has_ruijters_five_preferences_with_fitting_activities(catalogue):
    (profile,) = [s for s in catalogue.get("leervoorkeuren").steps if s.items]
    items = {item.title: " ".join(item.behaviours).lower() for item in profile.items}

    assert list(items) == list(RUIJTERS_ACTIVITIES)
    for title, activities in RUIJTERS_ACTIVITIES.items():
        for activity in activities:
            assert activity in items[title], (title, activity)
    assert all(item.description for item in profile.items)


def test_ruijters_preferences_and_activities_are_in_the_seeds():
    preferences = _seed("000")
    table = _seed("003")
    table = table[table.index("Hoe landt kennis het beste bij professionals?") :]
    table = table[: table.index("Bron: Simons en Ruijters, 2012")].lower()
    for title, activities in RUIJTERS_ACTIVITIES.items():
        assert f"{title}:" in preferences
        for activity in activities:
            assert activity in table, activity

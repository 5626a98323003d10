"""Each template stays true to its source passage: the step titles (and the rated items)
are checked against lists taken from the passage, so a template cannot drift silently.

Where the seeds are available (../shared/seeds beside the checkout), the terms are also
looked up in the passage itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# template id -> (step titles in order, seed, the source's own words for those steps)
STEP_TITLES: dict[str, tuple[list[str], str, list[str]]] = {
    # Seed 003, ch. 4 "Leren van acties", Actieleren: "De stappen die je doorloopt met
    # actieleren zijn: 1. casus en eigen ontwikkelingsvraag, 2. open vragen stellen,
    # 3. richtingen, ideeën, tips en oplossingen, 4. de actie-eigenaar, 5. actie".
    "actieleren": (
        [
            "Casus en ontwikkelvraag",
            "Open vragen stellen",
            "Richtingen, ideeën en oplossingen",
            "Eigenaar van de actie",
            "De actie",
        ],
        "003",
        [
            "ontwikkelingsvraag",
            "open vragen",
            "mogelijke richtingen, ideeën, tips en oplossingen",
            "actie-eigenaar",
            "Het ondernemen van actie",
        ],
    ),
    # Seed 004, "Leerreviews is samen leren": in the casegroep (hulpverleners) it is about
    # a shared understanding of what happened, which needs a safe casegroep and an open
    # mind; the casegroep's output is the findings the reviewteam works with.
    "leerreview-casegroep": (
        [
            "Veiligheidsafspraken",
            "Wat is er gebeurd?",
            "Ieders perspectief",
            "Gedeeld begrip",
            "Bevindingen",
        ],
        "004",
        ["casegroep veilig", "wat er is gebeurd", "perspectieven", "gedeeld begrip", "bevindingen"],
    ),
    # Seed 004, "Leerreviews is samen leren": the reviewteam (managers) translates the
    # findings into improvement measures at organisation/system level; "rekenschap is niet
    # hetzelfde als afrekenen" (René Peeters).
    "leerreview-reviewteam": (
        [
            "Leren, niet afrekenen",
            "De bevindingen van de casegroep",
            "Verbetermaatregelen per bevinding",
            "Terugkoppeling en opvolging",
        ],
        "004",
        ["afrekenen", "bevindingen", "verbetermaatregelen", "reviewteam"],
    ),
    # Seed 003, ch. 2, "Figuur 7 - Teamontwikkelruimte (Bron: Derksen, 2012)": dialoog
    # voeren, reflecteren, toekomst creëren, organiseren; then one agreed improvement.
    "teamontwikkelruimte": (
        [
            "Dialoog voeren",
            "Reflecteren",
            "Toekomst creëren",
            "Organiseren",
            "Eén verbetering afspreken",
        ],
        "003",
        ["dialoog voeren, reflecteren, toekomst creëren en organiseren"],
    ),
    # Seed 003, ch. 4 "Leren van de buren", Stichting leerKRACHT: "In vijftien minuten
    # worden staand de volgende elementen besproken: check-in, successen, doelen, acties
    # en planning."
    "bordsessie": (
        ["Check-in", "Successen", "Doelen", "Acties", "Planning"],
        "003",
        ["check-in, successen, doelen, acties en planning", "vijftien minuten"],
    ),
    # Seed 003, ch. 4 "Leren van inwoners en cliënten", Waarderend organiseren: "1.
    # Verwoorden ... 2. Verdiepen ... 3. Verbeelden ... 4. Vormgeven ... 5. Verwezenlijken".
    "waarderend-organiseren": (
        ["Verwoorden", "Verdiepen", "Verbeelden", "Vormgeven", "Verwezenlijken"],
        "003",
        ["1. Verwoorden", "2. Verdiepen", "3. Verbeelden", "4. Vormgeven", "5. Verwezenlijken"],
    ),
    # Seed 003, ch. 3, tip 4 "Maak de leercyclus rond" (Kolb): "van het opdoen van
    # ervaringen, het observeren van en reflecteren op situaties, het analyseren hiervan
    # en deze in een bredere context plaatsen tot het trekken van conclusies die de basis
    # vormen voor het handelen in nieuwe situaties".
    "leercyclus": (
        [
            "Ervaringen opdoen",
            "Observeren en reflecteren",
            "Analyseren en in een bredere context plaatsen",
            "Conclusies trekken en toepassen",
        ],
        "003",
        [
            "het opdoen van ervaringen",
            "het observeren van en reflecteren op situaties",
            "het analyseren hiervan en deze in een bredere context plaatsen",
            "het trekken van conclusies",
        ],
    ),
    # Seed 002, "Bouwstenen leren in een transformatie" (Anders kijken, Anders organiseren,
    # Anders doen) and "Duurzaam borgen" (Blijvend anders kijken / organiseren / doen),
    # each with "Aan de slag in jouw organisatie".
    "bouwstenen-lerende-omgeving": (
        [
            "Anders kijken",
            "Anders organiseren",
            "Anders doen",
            "Blijvend anders kijken",
            "Blijvend anders organiseren",
            "Blijvend anders doen",
            "Aan de slag in jouw organisatie",
        ],
        "002",
        [
            "Anders kijken",
            "Anders organiseren",
            "Anders doen",
            "Blijvend anders kijken",
            "Blijvend anders organiseren",
            "Blijvend anders doen",
            "AAN DE SLAG IN JOUW ORGANISATIE",
        ],
    ),
    # Seed 000, "Verschillende voorkeuren voor leren" (Ruijters): the preferences make up
    # a profile ("leiden tot een profiel"), then "Wat valt hier op?"; seed 003's table
    # gives the "Passende leeractiviteiten".
    "leervoorkeuren": (
        ["Ons leerprofiel", "Het profiel bespreken", "Passende leeractiviteiten kiezen"],
        "000",
        ["leiden tot een profiel", "Wat valt hier op?"],
    ),
}

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
    matches = list(SEEDS.glob(f"{number}_*.txt"))
    if not matches:
        pytest.skip("the seed documents are not next to this checkout")
    return re.sub(r"\s+", " ", matches[0].read_text(encoding="utf-8"))


def test_every_shipped_template_is_covered(catalogue):
    assert set(STEP_TITLES) == set(catalogue.templates)


@pytest.mark.parametrize("template_id", sorted(STEP_TITLES))
def test_step_titles_follow_the_source_passage(catalogue, template_id):
    titles, seed, _ = STEP_TITLES[template_id]
    template = catalogue.get(template_id)

    assert [step.title for step in template.steps] == titles
    assert seed in template.source.seed


@pytest.mark.parametrize("template_id", sorted(STEP_TITLES))
def test_the_source_words_are_in_the_cited_seed(template_id):
    _, seed, source_words = STEP_TITLES[template_id]
    text = _seed(seed).lower()
    for words in source_words:
        assert words.lower() in text, (seed, words)


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

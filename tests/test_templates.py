"""Template files: every shipped one is valid and complete, every broken one gets its own
clear error, and a broken user template never stops the others."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from leersessie.base.errors import TemplateError
from leersessie.cli import main
from leersessie.method.sessions import load_session, start_session
from leersessie.method.teams import create_team
from leersessie.method.templates import (
    Passage,
    StepKind,
    TemplateOrigin,
    builtin_template_files,
    load_catalogue,
    load_template_file,
    parse_template,
)

REPO = Path(__file__).resolve().parents[1]
BROKEN = Path(__file__).resolve().parent / "broken_templates"

SHIPPED = {
    "actieleren",
    "leerreview-casegroep",
    "leerreview-reviewteam",
    "leerreview-kort",
    "teamontwikkelruimte",
    "bordsessie",
    "waarderend-organiseren",
    "leercyclus",
    "bouwstenen-lerende-omgeving",
    "leervoorkeuren",
    "sleutelgedrag",
}

GOOD_USER_TEMPLATE = """\
format = 1
version = 1
title = "Mijn intervisie"
summary = "Een korte intervisie van ons eigen team."
duration_minutes = 25
group_size = "4 tot 8 deelnemers"
audience = "Ons team"

[source]
document = "Eigen werkwijze"
section = "Teamafspraken 2026"

[[steps]]
key = "inbreng"
title = "Inbreng"
kind = "notes"
minutes = 15
purpose = "Iemand brengt een vraag in."
questions = ["Wat is je vraag?"]

[[steps]]
key = "afspraak"
title = "Afspraak"
kind = "actions"
minutes = 10
purpose = "We spreken af wat we doen."
"""


# --- the shipped templates -------------------------------------------------


def test_every_shipped_template_validates(catalogue):
    assert catalogue.errors == []
    builtin = {t.id for t in catalogue.templates.values() if t.origin is TemplateOrigin.BUILTIN}
    assert builtin == SHIPPED
    # Shipped inside the installed package, not only in the checkout.
    assert {name.removesuffix(".toml") for name, _ in builtin_template_files()} == SHIPPED


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_each_template_tells_the_coach_enough_to_choose_it(catalogue, template_id):
    template = catalogue.get(template_id)
    assert len(template.summary) > 80
    assert template.group_size and template.audience
    assert template.source.document and template.source.section and template.source.seed
    # The steps fill the stated duration (the look back at actions comes on top).
    assert sum(step.minutes for step in template.steps) == template.duration_minutes


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_every_step_has_purpose_watch_points_and_real_questions(catalogue, template_id):
    for step in catalogue.get(template_id).steps:
        assert len(step.purpose) > 40, step.key
        assert step.minutes > 0, step.key
        assert step.watch_for, step.key
        assert len(step.questions) >= 2, step.key
        # A question a coach can read out: a full sentence that ends with a question mark.
        for question in step.questions:
            assert (
                question.endswith("?") and question[0].isupper() and len(question.split()) >= 3
            ), (step.key, question)


def test_step_kinds_fit_their_format(catalogue):
    casegroep = catalogue.get("leerreview-casegroep")
    reviewteam = catalogue.get("leerreview-reviewteam")
    assert casegroep.steps[0].key == "veiligheid"  # safety agreements first
    assert casegroep.steps[-1].kind is StepKind.FINDINGS  # it ends with findings
    assert reviewteam.links_to == "leerreview-casegroep"
    assert [s.kind for s in reviewteam.steps].count(StepKind.MEASURES) == 1
    for template in catalogue.templates.values():
        for step in template.steps:
            assert bool(step.items) == (step.kind is StepKind.RATINGS), (template.id, step.key)
        if template.links_to:
            target = catalogue.get(template.links_to)
            assert any(s.kind is StepKind.FINDINGS for s in target.steps)
    for template_id in (
        "teamontwikkelruimte",
        "waarderend-organiseren",
        "leercyclus",
        "bouwstenen-lerende-omgeving",
        "leervoorkeuren",
        "actieleren",
    ):
        assert catalogue.get(template_id).steps[-1].kind is StepKind.ACTIONS, template_id


# --- the broken corpus -----------------------------------------------------

# file name -> (place, part of the problem). The place is what a coach looks for in the file.
EXPECTED_ERRORS = {
    "bad-toml.toml": ("regel 4, kolom 24", "een tekst zonder afsluitend aanhalingsteken"),
    "duplicate-toml-key.toml": ("regel 9, kolom 24", "staat er twee keer"),
    "not-utf8.toml": ("regel 5", "geen UTF-8-tekst"),
    "empty-file.toml": ("format", "dit verplichte veld ontbreekt"),
    "Kopie van bordsessie.toml": ("", "'Kopie van bordsessie' is geen geldige sjabloon-id"),
    "missing-title.toml": ("title", "dit verplichte veld ontbreekt"),
    "missing-source.toml": ("source", "dit verplichte veld ontbreekt"),
    "missing-step-purpose.toml": ("steps[0].purpose", "dit verplichte veld ontbreekt"),
    "unknown-field.toml": ("kleur", "onbekend veld"),
    "unknown-step-field.toml": ("steps[0].vragen", "onbekend veld; bedoelt u een van"),
    "source-unknown-field.toml": ("source.pagina", "onbekend veld"),
    "unknown-kind.toml": (
        "steps[0].kind",
        "onbekende soort stap 'brainstorm'; kies uit: notes, actions, findings, measures, "
        "ratings, themes",
    ),
    "duplicate-step-keys.toml": ("steps[1].key", "de sleutel 'intro' komt twee keer voor"),
    "duplicate-item-keys.toml": (
        "steps[0].items[1].key",
        "de sleutel 'dialoog' komt twee keer voor",
    ),
    "wrong-type-minutes.toml": (
        "steps[0].minutes",
        "verwacht een geheel getal, maar er staat tekst",
    ),
    "bool-minutes.toml": (
        "steps[0].minutes",
        "verwacht een geheel getal, maar er staat true/false",
    ),
    "float-duration.toml": (
        "duration_minutes",
        "verwacht een geheel getal, maar er staat een kommagetal",
    ),
    "negative-minutes.toml": ("steps[0].minutes", "moet minstens 0 zijn, maar is -5"),
    "empty-title.toml": ("title", "mag niet leeg zijn"),
    "empty-group-prompt.toml": ("steps[0].group_prompt", "mag niet leeg zijn"),
    "unknown-shows.toml": (
        "steps[0].shows",
        "onbekende waarde 'cijfers'; kies uit: ratings, findings",
    ),
    "long-group-prompt.toml": (
        "steps[0].group_prompt",
        "is 335 tekens lang; een tekst voor de groep is hooguit 300 tekens",
    ),
    "empty-steps.toml": ("steps", "er moet minstens één [[steps]] zijn"),
    "steps-as-table.toml": ("steps", "verwacht een lijst met tabellen ([[steps]])"),
    "ratings-without-items.toml": ("steps[0].items", "heeft minstens één [[steps.items]] nodig"),
    "items-on-notes-step.toml": (
        "steps[0].items",
        'alleen een stap met kind = "ratings" heeft items',
    ),
    "question-not-text.toml": (
        "steps[0].questions[1]",
        "verwacht een niet-lege tekst, maar er staat een getal",
    ),
    "bad-step-key.toml": ("steps[0].key", "'Stap 1' is geen geldige sleutel"),
    "reviewteam-without-link.toml": (
        "links_to",
        'moet die noemen, bijvoorbeeld links_to = "leerreview-casegroep"',
    ),
    "bad-links-to.toml": ("links_to", "'Leerreview Casegroep' is geen geldige sjabloon-id"),
    "wrong-format.toml": ("format", "bestandsformaat 2 wordt niet ondersteund"),
    "source-not-table.toml": ("source", "verwacht een tabel [source], maar er staat tekst"),
    "minutes-do-not-add-up.toml": (
        "duration_minutes",
        "de stappen duren samen 10 minuten, maar duration_minutes is 90",
    ),
    "long-passage.toml": ("steps[0].passage.lines", "een passage is hooguit 80 regels lang"),
    "passage-and-own-design.toml": ("steps[0].own_design", "óf own_design, niet allebei"),
    "passage-one-line-number.toml": ("steps[0].passage.lines", "verwacht twee regelnummers"),
    "scale-on-notes-step.toml": ("steps[0].scale", 'alleen een stap met kind = "ratings"'),
}


def test_the_corpus_and_its_expectations_match():
    assert {path.name for path in BROKEN.glob("*.toml")} == set(EXPECTED_ERRORS)
    assert len(EXPECTED_ERRORS) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_each_broken_template_gets_its_own_error(name):
    place, problem = EXPECTED_ERRORS[name]
    with pytest.raises(TemplateError) as caught:
        load_template_file(BROKEN / name)

    error = caught.value
    assert (error.file, error.place) == (name, place)
    assert problem in error.problem
    assert error.message.startswith(f"{name}: {place + ': ' if place else ''}")


def test_check_command_prints_the_error_and_fails(capsys):
    code = main(["templates", "--check", str(BROKEN / "unknown-kind.toml")])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip() == (
        "Fout in sjabloon: unknown-kind.toml: steps[0].kind: onbekende soort stap 'brainstorm'; "
        "kies uit: notes, actions, findings, measures, ratings, themes"
    )
    assert captured.out == ""


def test_check_command_accepts_a_good_template(capsys):
    code = main(["templates", "--check", str(REPO / "session_templates" / "bordsessie.toml")])

    assert code == 0
    assert (
        capsys.readouterr().out.strip() == "In orde: bordsessie (Bordsessie, versie 3, 5 stappen)"
    )


def test_templates_command_lists_the_good_and_reports_the_broken(tmp_path, capsys):
    data_dir = tmp_path / "cli-data"
    user_dir = data_dir / "sjablonen"
    user_dir.mkdir(parents=True)
    (user_dir / "mijn-intervisie.toml").write_text(GOOD_USER_TEMPLATE, encoding="utf-8")
    shutil.copy(BROKEN / "unknown-kind.toml", user_dir)

    code = main(["templates", "--data-dir", str(data_dir)])

    captured = capsys.readouterr()
    assert code == 1
    listed = [line.split()[0] for line in captured.out.splitlines()]
    assert set(listed) == SHIPPED | {"mijn-intervisie"}
    assert "Mijn intervisie (v1) [eigen]" in captured.out
    assert "unknown-kind.toml: steps[0].kind: onbekende soort stap" in captured.err


# --- user templates beside the built-in ones -------------------------------


def test_a_broken_user_template_never_stops_the_others(tmp_path):
    user_dir = tmp_path / "sjablonen"
    user_dir.mkdir()
    (user_dir / "mijn-intervisie.toml").write_text(GOOD_USER_TEMPLATE, encoding="utf-8")
    for name in ("bad-toml.toml", "not-utf8.toml", "reviewteam-without-link.toml"):
        shutil.copy(BROKEN / name, user_dir)
    reported: list[TemplateError] = []

    catalogue = load_catalogue(user_dir, on_error=reported.append)

    assert set(catalogue.templates) == SHIPPED | {"mijn-intervisie"}
    mine = catalogue.get("mijn-intervisie")
    assert mine.origin is TemplateOrigin.USER and mine.path == user_dir / "mijn-intervisie.toml"
    assert [e.file for e in catalogue.errors] == [
        "bad-toml.toml",
        "not-utf8.toml",
        "reviewteam-without-link.toml",
    ]
    assert reported == catalogue.errors
    # Built-in first, then the user's own, each by title.
    assert catalogue.sorted()[-1].id == "mijn-intervisie"


def test_a_user_template_may_not_take_a_built_in_id(tmp_path):
    user_dir = tmp_path / "sjablonen"
    user_dir.mkdir()
    (user_dir / "bordsessie.toml").write_text(GOOD_USER_TEMPLATE, encoding="utf-8")
    reported: list[TemplateError] = []

    catalogue = load_catalogue(user_dir, on_error=reported.append)

    assert catalogue.get("bordsessie").title == "Bordsessie"  # the built-in one stays
    assert [(e.file, e.problem) for e in reported] == [
        (
            "bordsessie.toml",
            "de id 'bordsessie' is al in gebruik door een ingebouwd sjabloon; "
            "geef het bestand een andere naam",
        )
    ]


def test_a_template_linking_to_a_missing_template_is_reported(tmp_path):
    user_dir = tmp_path / "sjablonen"
    user_dir.mkdir()
    linked = GOOD_USER_TEMPLATE.replace(
        'audience = "Ons team"', 'audience = "Ons team"\nlinks_to = "onze-casegroep"'
    )
    (user_dir / "ons-reviewteam.toml").write_text(linked, encoding="utf-8")

    catalogue = load_catalogue(user_dir)

    assert "ons-reviewteam" not in catalogue.templates
    assert [(e.file, e.place) for e in catalogue.errors] == [("ons-reviewteam.toml", "links_to")]
    assert "'onze-casegroep' bestaat niet" in catalogue.errors[0].problem


def test_a_session_keeps_the_template_text_it_ran_with(tmp_path, db):
    user_dir = tmp_path / "sjablonen"
    user_dir.mkdir()
    path = user_dir / "mijn-intervisie.toml"
    path.write_text(GOOD_USER_TEMPLATE, encoding="utf-8")
    team = create_team(db, "Intervisiegroep", ["Anna", "Bram"])
    present = [p.id for p in team.people]
    old = start_session(
        db,
        team_id=team.id,
        template=load_catalogue(user_dir).get("mijn-intervisie"),
        on=date(2026, 11, 2),
        facilitator="Coach",
        present=present,
    )

    path.write_text(
        GOOD_USER_TEMPLATE.replace("version = 1", "version = 2").replace(
            'title = "Inbreng"', 'title = "Vraag van de inbrenger"'
        ),
        encoding="utf-8",
    )
    new = start_session(
        db,
        team_id=team.id,
        template=load_catalogue(user_dir).get("mijn-intervisie"),
        on=date(2026, 11, 9),
        facilitator="Coach",
        present=present,
    )
    path.unlink()  # even a deleted file changes nothing for the sessions that ran with it

    assert [s.title for s in load_session(db, old).template.steps] == ["Inbreng", "Afspraak"]
    assert load_session(db, old).template.version == 1
    assert [s.title for s in load_session(db, new).template.steps] == [
        "Vraag van de inbrenger",
        "Afspraak",
    ]


def test_a_step_reads_its_passage_and_its_scale_words():
    text = GOOD_USER_TEMPLATE.replace(
        'questions = ["Wat is je vraag?"]\n',
        'questions = ["Wat is je vraag?"]\n\n[steps.passage]\nseed = "003"\nlines = [690, 696]\n'
        'where = "Hoofdstuk 4, Actieleren"\n',
        1,
    )
    step = parse_template(text, "mijn-intervisie", "mijn-intervisie.toml").steps[0]

    assert step.passage == Passage("003", 690, 696, "Hoofdstuk 4, Actieleren")
    assert step.origin_text() == "Hoofdstuk 4, Actieleren"
    assert step.scale is None
    ratings = parse_template(
        (BROKEN / "scale-on-notes-step.toml")
        .read_text(encoding="utf-8")
        .replace('kind = "notes"', 'kind = "ratings"')
        + '\n[[steps.items]]\nkey = "a"\ntitle = "A"\n',
        "schaal",
        "schaal.toml",
    ).steps[0]
    assert ratings.scale == ("nooit", "altijd")
    assert ratings.scale_words() == ("nooit", "altijd")


def test_a_session_that_ran_before_the_minutes_rule_still_opens():
    """The minutes must add up for a new session; the text an old session ran with is
    read as it was accepted then."""
    old = (REPO / "tests" / "fixtures" / "actieleren-fixture.toml").read_text(encoding="utf-8")
    with pytest.raises(TemplateError, match="duren samen 65 minuten"):
        parse_template(old, "actieleren", "actieleren.toml")

    template = parse_template(old, "actieleren", "actieleren.toml", ran_before=True)
    assert sum(step.minutes for step in template.steps) == 65


@pytest.mark.parametrize(("last", "accepted"), [(769, True), (770, False)])
def test_a_passage_counts_both_its_first_and_its_last_line(last, accepted):
    """[690, 769] is 80 lines, the most a passage may have; [690, 770] is 81."""
    text = GOOD_USER_TEMPLATE.replace(
        'questions = ["Wat is je vraag?"]\n',
        'questions = ["Wat is je vraag?"]\n\n[steps.passage]\nseed = "003"\n'
        f'lines = [690, {last}]\nwhere = "Hoofdstuk 4, Actieleren"\n',
        1,
    )
    if accepted:
        step = parse_template(text, "mijn-intervisie", "mijn-intervisie.toml").steps[0]
        assert step.passage == Passage("003", 690, 769, "Hoofdstuk 4, Actieleren")
        return
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "mijn-intervisie", "mijn-intervisie.toml")
    assert caught.value.place == "steps[0].passage.lines"
    assert "een passage is hooguit 80 regels lang, deze 81" in caught.value.problem

"""A fictional example team, so a newcomer sees the team's memory at work at once: five
finished sessions in a row (three actieleren, two teamontwikkelruimte with ratings) whose
actions were looked back on, continued, done and dropped.

All names and situations are invented; no real client data.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from leersessie.memory.actions import add_action, review_action
from leersessie.memory.lookback import set_development_question
from leersessie.method.models import LOOKBACK_STEP_KEY, ReviewOutcome
from leersessie.method.ratings import set_rating
from leersessie.method.sessions import finish_session, save_note, start_session
from leersessie.method.teams import create_team, find_team
from leersessie.method.templates import Catalogue

DEMO_TEAM = "Wijkteam De Linde (voorbeeld)"
DEMO_PEOPLE = ("Anouk", "Bram", "Chaima", "Daan", "Eline", "Femke")
FACILITATOR = "Marieke (leercoach)"

ACTIELEREN_NOTES = {
    "inbreng": "Bram brengt een gezin in waar de afspraken steeds niet doorgaan. Moeder zegt "
    "telkens kort van tevoren af. Bram twijfelt of hij moet blijven aandringen.\n"
    "Ontwikkelvraag: hoe blijf ik in contact zonder te gaan trekken?",
    "verhelderen": "Vragen over wat er gebeurt vlak voor het afzeggen, wie er nog meer "
    "betrokken zijn en wat moeder zelf belangrijk vindt. Bram merkt dat hij "
    "vooral over de afspraken praat en weinig over wat moeder wil.",
    "richtingen": "- Afspreken op een plek die moeder kiest\n- Samen met de school optrekken\n"
    "- Eerst vragen wat haar zorgen zijn over de afspraken\n"
    "- Coördinatie met de huisarts",
    "eigenaar": "Bram is eigenaar; Eline denkt mee over de afstemming met school.",
    "actie": "Bram belt moeder en vraagt wat voor haar een goede plek en tijd is.",
}

CHAIMA_NOTES = {
    "inbreng": "Chaima begeleidt een jongere die thuis veel spanning meemaakt. Ze maakt zich "
    "zorgen over de veiligheid, maar durft het niet goed te benoemen uit angst het "
    "contact te verliezen.\nOntwikkelvraag: hoe breng ik zorgen over veiligheid ter "
    "sprake zonder het contact te verliezen?",
    "verhelderen": "Wat heeft de jongere zelf verteld? Wat weet Chaima, en wat vermoedt ze? "
    "Wie vertrouwt de jongere? Chaima ontdekt dat ze al veel signalen heeft "
    "maar ze nog nergens naast elkaar heeft gelegd.",
    "richtingen": "- De zorgen eerst met de jongere zelf delen\n- De meldcode samen doorlopen\n"
    "- De jeugdarts vragen mee te denken",
    "eigenaar": "Chaima is eigenaar; Daan is haar maatje bij de voorbereiding.",
    "actie": "Chaima bereidt samen met de jeugdarts het gesprek over veiligheid voor.",
}

BRAM_AGAIN_NOTES = {
    "inbreng": "Bram brengt hetzelfde gezin opnieuw in: het contact met moeder is beter, maar "
    "nu schuiven school, huisarts en een schuldhulpverlener aan. Moeder raakt het "
    "overzicht kwijt.\nOntwikkelvraag: hoe houd ik de regie bij moeder zelf als er "
    "meer hulpverleners bij komen?",
    "verhelderen": "Wie heeft moeder zelf gevraagd? Wat wil ze dat de anderen van haar weten? "
    "Bram merkt dat hij de coördinatie snel overneemt.",
    "richtingen": "- Moeder zelf het overleg laten voorzitten\n- Eén plan op papier in haar "
    "woorden\n- Vaste werkafspraken met de huisarts",
    "eigenaar": "Bram is eigenaar; Daan zet de afspraken met de huisarts op papier.",
    "actie": "Een gezamenlijk overleg plannen waarin moeder de agenda bepaalt.",
}

# Teamontwikkelruimte: per dimension (step key = item key) a score and an example.
FIRST_RATINGS = {
    "dialoog": (3, "We luisteren wel, maar vragen weinig door; feedback vragen we bijna nooit."),
    "reflecteren": (
        2,
        "Het overleg gaat vooral over agenda en planning, nauwelijks over wat "
        "we leren van casussen.",
    ),
    "toekomst": (3, "We weten waar we naartoe willen, maar maken het zelden concreet."),
    "organiseren": (4, "Afspraken en planning zijn goed geregeld."),
}
SECOND_RATINGS = {
    "dialoog": (4, "Sinds de terugblik vragen we vaker door op elkaars casussen."),
    "reflecteren": (3, "De tien minuten terugblik helpen; we willen er vaker bij stilstaan."),
    "toekomst": (3, "Nog steeds weinig tijd voor waar we over een jaar willen staan."),
    "organiseren": (4, "Blijft op orde."),
}


def _rate(db: Database, session_id: str, ratings: dict[str, tuple[int, str]]) -> None:
    for dimension, (value, example) in ratings.items():
        set_rating(db, session_id, dimension, dimension, value)
        save_note(db, session_id, dimension, example)


def _notes(db: Database, session_id: str, notes: dict[str, str]) -> None:
    for step_key, text in notes.items():
        save_note(db, session_id, step_key, text)


def load_demo(db: Database, catalogue: Catalogue, today: date | None = None) -> str | None:
    """Create the example team with its history; returns the id of its latest session, or
    None when the example team is already there (running it twice adds nothing)."""
    if find_team(db, DEMO_TEAM):
        return None
    with db.atomic():  # all or nothing: a half-made example would block a second try
        return _build_demo(db, catalogue, today or date.today())


def _build_demo(db: Database, catalogue: Catalogue, today: date) -> str:
    team = create_team(db, DEMO_TEAM, DEMO_PEOPLE)
    people = {person.name: person.id for person in team.people}
    everyone = list(people.values())

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    def session(template_id: str, offset: int, casus: str | None = None) -> str:
        return start_session(
            db,
            team_id=team.id,
            template=catalogue.get(template_id),
            on=day(offset),
            facilitator=FACILITATOR,
            present=everyone,
            casusinbrenger_id=people[casus] if casus else None,
        )

    # 1. Actieleren: Bram's case; two actions.
    first = session("actieleren", -70, "Bram")
    _notes(db, first, ACTIELEREN_NOTES)
    set_development_question(
        db, first, people["Bram"], "Hoe blijf ik in contact zonder te gaan trekken?"
    )
    bellen = add_action(
        db,
        first,
        "actie",
        "Moeder bellen: vragen naar een passende plek en tijd",
        people["Bram"],
        day(-63),
    )
    school = add_action(
        db,
        first,
        "actie",
        "Afstemmen met de intern begeleider van school",
        people["Eline"],
        day(-56),
    )
    finish_session(db, first)

    # 2. Teamontwikkelruimte, opening with the look back; one improvement.
    second = session("teamontwikkelruimte", -56)
    save_note(
        db,
        second,
        LOOKBACK_STEP_KEY,
        "Bram vertelt hoe het gesprek met moeder ging; Eline heeft de school nog niet gesproken.",
    )
    review_action(
        db,
        bellen.id,
        second,
        ReviewOutcome.DONE,
        "Moeder wil afspreken bij haar zus thuis. Vragen naar haar plek werkte "
        "beter dan aandringen.",
    )
    review_action(
        db,
        school.id,
        second,
        ReviewOutcome.CONTINUED,
        "De intern begeleider was ziek; er staat een nieuwe afspraak.",
        day(-35),
    )
    _rate(db, second, FIRST_RATINGS)
    terugblik = add_action(
        db,
        second,
        "verbetering",
        "Elk teamoverleg beginnen met tien minuten terugblik op een casus",
        people["Anouk"],
        day(-35),
    )
    finish_session(db, second)

    # 3. Actieleren: Chaima's case.
    third = session("actieleren", -35, "Chaima")
    review_action(
        db,
        school.id,
        third,
        ReviewOutcome.CONTINUED,
        "School wil eerst toestemming van de ouders; Bram vraagt die.",
        day(-14),
    )
    review_action(
        db,
        terugblik.id,
        third,
        ReviewOutcome.DONE,
        "We praten meer over wat we leren en minder over de agenda.",
    )
    _notes(db, third, CHAIMA_NOTES)
    set_development_question(
        db,
        third,
        people["Chaima"],
        "Hoe breng ik zorgen over veiligheid ter sprake zonder het contact te verliezen?",
    )
    jeugdarts = add_action(
        db,
        third,
        "actie",
        "Met de jeugdarts het gesprek over veiligheid voorbereiden",
        people["Chaima"],
        day(-21),
    )
    finish_session(db, third)

    # 4. Actieleren: Bram brings the family again; his earlier question comes back.
    fourth = session("actieleren", -14, "Bram")
    review_action(
        db,
        school.id,
        fourth,
        ReviewOutcome.DONE,
        "De ouders gaven toestemming; school en wijkteam stemmen nu maandelijks af.",
    )
    review_action(
        db,
        jeugdarts.id,
        fourth,
        ReviewOutcome.DROPPED,
        "De jeugdarts had geen ruimte; Chaima bereidde het gesprek voor met Daan, dat was genoeg.",
    )
    _notes(db, fourth, BRAM_AGAIN_NOTES)
    set_development_question(
        db,
        fourth,
        people["Bram"],
        "Hoe houd ik de regie bij moeder zelf als er meer hulpverleners bij komen?",
    )
    overleg = add_action(
        db,
        fourth,
        "actie",
        "Een gezamenlijk overleg plannen waarin moeder de agenda bepaalt",
        people["Bram"],
        day(-7),
    )
    huisarts = add_action(
        db,
        fourth,
        "actie",
        "Werkafspraken met de huisarts op papier zetten",
        people["Daan"],
        day(-10),
    )
    finish_session(db, fourth)

    # 5. Teamontwikkelruimte again: the scores moved; two actions stay open, one overdue.
    fifth = session("teamontwikkelruimte", -7)
    review_action(
        db,
        overleg.id,
        fifth,
        ReviewOutcome.CONTINUED,
        "Moeder wil eerst zelf met school praten; daarna het overleg.",
        day(14),
    )
    review_action(
        db,
        huisarts.id,
        fifth,
        ReviewOutcome.CONTINUED,
        "Eerste versie is klaar; de huisarts leest nog mee.",
        day(-2),
    )
    _rate(db, fifth, SECOND_RATINGS)
    add_action(
        db,
        fifth,
        "verbetering",
        "Elk kwartaal samen de vier cijfers opnieuw geven",
        people["Femke"],
        day(21),
    )
    finish_session(db, fifth)
    return fifth

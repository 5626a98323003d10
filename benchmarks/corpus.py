"""Dutch text for the benchmark database: notes, actions, findings and reviews.

Everything is invented (no real client data). Sentences are put together from fragments,
so notes vary in length and wording like a coach's typing, with diacritics
(coördinatie, ideeën, financiële) and a few rare words the search benchmark looks for.
"""

from __future__ import annotations

import random

SUBJECTS = (
    "De casusinbrenger",
    "Het team",
    "Moeder",
    "Vader",
    "De jongere",
    "De gezinscoach",
    "De wijkverpleegkundige",
    "De leerkracht",
    "Een collega",
    "De teamleider",
    "De gedragswetenschapper",
    "Oma",
    "De intern begeleider",
    "Het gezin",
    "De huisarts",
)
VERBS = (
    "vertelt dat",
    "merkt op dat",
    "vraagt zich af of",
    "heeft het idee dat",
    "maakt zich zorgen dat",
    "geeft aan dat",
    "twijfelt of",
    "ziet dat",
    "herkent dat",
    "benoemt dat",
    "ervaart dat",
    "is bang dat",
)
CLAUSES = (
    "de afspraken steeds kort van tevoren worden afgezegd",
    "de coördinatie tussen school en wijkteam niet goed loopt",
    "er te weinig tijd is voor een goed gesprek",
    "de financiële zorgen het gezin overvallen",
    "iedereen een ander beeld heeft van wat er speelt",
    "de jongere zich niet gehoord voelt",
    "het plan van aanpak niet meer past bij de situatie",
    "er veel ideeën zijn maar weinig keuzes worden gemaakt",
    "de overdracht naar de nieuwe collega stroef verliep",
    "het contact met de ouders verbeterd is sinds het huisbezoek",
    "de veiligheid van de kinderen voorop moet staan",
    "het team te snel met oplossingen komt",
    "de eigen regie van het gezin onder druk staat",
    "de hulpverlening versnipperd is over zes organisaties",
    "er geen vaste contactpersoon is voor het gezin",
    "de wachtlijst voor specialistische hulp te lang is",
    "er spanning is tussen wat de regels zeggen en wat het gezin nodig heeft",
    "de samenwerking met de huisarts beter kan",
    "het team trots is op wat er de afgelopen maanden bereikt is",
    "de evaluatie van het ondersteuningsplan steeds wordt uitgesteld",
)
REFLECTIONS = (
    "Wat maakt dat we hier steeds op terugkomen?",
    "Welke aannames doen we over het gezin?",
    "Hoe kijkt de jongere hier zelf naar?",
    "Wat hebben we nodig om dit anders te doen?",
    "Wie heeft welke rol in het overleg?",
    "Wat zou er gebeuren als we niets doen?",
    "Waar zijn we eigenlijk het meest over te spreken?",
    "Welk patroon herkennen we uit eerdere casussen?",
    "Wat vraagt dit van ons als team?",
    "Hoe houden we het perspectief van het kind in beeld?",
)
ADVICE = (
    "Eerst vragen wat de ouders zelf belangrijk vinden.",
    "Een gezamenlijk overleg plannen met school en wijkteam.",
    "Het ondersteuningsplan samen met het gezin herschrijven.",
    "Een vaste contactpersoon afspreken en dat schriftelijk bevestigen.",
    "De signalen bespreken in het multidisciplinair overleg.",
    "Na twee weken evalueren of de aanpak werkt.",
    "Collegiale consultatie vragen bij de gedragswetenschapper.",
    "De meldcode doorlopen en de stappen vastleggen.",
    "Een netwerkberaad organiseren met familie en buren.",
    "Kleinere doelen stellen zodat successen zichtbaar worden.",
)
# Rare words: each lands in a small share of the notes, so search has rare hits too.
RARE = (
    "kangoeroewoning",
    "schuldhulpmaatje",
    "mantelzorgcompliment",
    "ervaringsdeskundige",
    "logeerhuis",
    "voogdijwisseling",
    "bemoeizorg",
    "gezinshuisouder",
    "crisisplaatsing",
    "zorgcoördinatie",
    "tolkentelefoon",
    "naschoolse dagbehandeling",
)
ACTIONS = (
    "Moeder bellen en vragen wat voor haar een goede plek en tijd is",
    "Afstemmen met de intern begeleider over de aanwezigheid op school",
    "Het ondersteuningsplan herzien met het gezin",
    "Een netwerkberaad plannen met familie en buren",
    "De casus inbrengen in het multidisciplinair overleg",
    "Uitzoeken welke schuldhulp er in de wijk beschikbaar is",
    "De overdracht naar de nieuwe collega schriftelijk vastleggen",
    "Terugkoppelen aan het team wat de huisarts adviseert",
    "Een evaluatiegesprek inplannen over zes weken",
    "De meldcode-stappen met de aandachtsfunctionaris doorlopen",
    "Coördinatie-afspraken maken met de jeugdbeschermer",
    "De jongere zelf vragen wat hij van het plan vindt",
    "Een intervisiemoment organiseren over grenzen stellen",
    "Het teamoverleg anders inrichten: eerst successen, dan zorgen",
)
LEARNED = (
    "Het werkte beter om eerst te luisteren en pas daarna afspraken te maken.",
    "Het gesprek liep anders dan verwacht; moeder had zelf al een oplossing.",
    "Niet gelukt door ziekte in het team; we pakken het opnieuw op.",
    "De school bleek al bezig; afstemmen scheelde dubbel werk.",
    "Door de wachtlijst was dit niet haalbaar; we kiezen een andere route.",
    "Geleerd dat kleine stappen zichtbaarder zijn voor het gezin.",
    "De jongere voelde zich serieus genomen toen we hem zelf betrokken.",
    "",
)
FINDINGS = (
    "Informatie over eerdere meldingen bereikte het wijkteam pas na maanden.",
    "Elke organisatie ging uit van een ander beeld van de veiligheid thuis.",
    "Niemand voelde zich eigenaar van de coördinatie tussen de hulpverleners.",
    "Signalen van school werden wel gehoord, maar niet gedeeld in het overleg.",
    "De wachttijd voor specialistische hulp zette het plan maandenlang stil.",
    "Het gezin moest zijn verhaal aan zeven verschillende professionals vertellen.",
)
MEASURES = (
    "Eén gezamenlijk dossieroverzicht voor alle betrokken organisaties",
    "Vaste regie bij de eerste organisatie die signalen ziet",
    "Maandelijks casusoverleg tussen onderwijs, wijkteam en jeugdbescherming",
    "Afspraken over overbruggingszorg tijdens wachttijden",
    "Een gedeeld veiligheidsplan dat alle partijen ondertekenen",
)
OWNERS = (
    "Teamleider wijkteam",
    "Manager jeugdzorg",
    "Beleidsadviseur gemeente",
    "Directeur onderwijs",
    "Coördinator Veilig Thuis",
)


def sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}."
    elif roll < 0.75:
        text = rng.choice(REFLECTIONS)
    else:
        text = rng.choice(ADVICE)
    if rng.random() < 0.04:
        text = text[:-1] + f", en noemt de {rng.choice(RARE)}."
    return text


def note(rng: random.Random) -> str:
    """A note of a step: 2 to 12 sentences (about 150 to 1,200 characters), in paragraphs."""
    sentences = [sentence(rng) for _ in range(rng.randint(2, 12))]
    paragraphs, current = [], []
    for text in sentences:
        current.append(text)
        if rng.random() < 0.3:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


# The fixed query set of the search benchmark: common and rare single words, phrases,
# words typed without their diacritics, prefixes of nothing and words that match nothing.
SEARCH_QUERIES = (
    # common words
    "team",
    "gezin",
    "afspraken",
    "school",
    "gesprek",
    "moeder",
    "plan",
    "overleg",
    "jongere",
    "veiligheid",
    "samenwerking",
    "huisarts",
    "collega",
    "contact",
    "zorgen",
    # rare words
    "kangoeroewoning",
    "schuldhulpmaatje",
    "mantelzorgcompliment",
    "ervaringsdeskundige",
    "logeerhuis",
    "voogdijwisseling",
    "bemoeizorg",
    "gezinshuisouder",
    "crisisplaatsing",
    "tolkentelefoon",
    # diacritics, with and without
    "coördinatie",
    "coordinatie",
    "ideeën",
    "ideeen",
    "financiële",
    "financiele",
    # phrases
    "eigen regie",
    "plan van aanpak",
    "vaste contactpersoon",
    "multidisciplinair overleg",
    "perspectief van het kind",
    "naschoolse dagbehandeling",
    "kleine stappen",
    "netwerkberaad plannen",
    "de meldcode doorlopen",
    # several words, not adjacent
    "moeder school",
    "team trots",
    "wachtlijst hulp",
    "jongere gehoord",
    "huisbezoek contact",
    # words that match nothing
    "zeppelin",
    "quasar",
    "xylofoon",
    "onbestaandwoord",
    "paardenbloemthee",
)

import pytest

from cvparse.engine.match.normalise import content_keys, normalise, tokenize


def test_case_accents_and_gender_meet_on_one_key() -> None:
    assert normalise("Infirmière") == normalise("INFIRMIERS") == normalise("infirmier")
    assert normalise("Serveuse") == normalise("serveurs")
    assert normalise("Préparatrice de commandes") == normalise("préparateur de commande")


def test_nouns_and_verbs_of_one_action_meet() -> None:
    assert normalise("Préparation des commandes") == normalise("Préparer les commandes")
    assert normalise("nettoyage des locaux") == normalise("Nettoyer les locaux")
    assert normalise("Gestion des stocks") == normalise("Gérer les stocks")


def test_elisions_are_removed() -> None:
    assert content_keys("l'entretien d'engins") == content_keys("entretien engins")


def test_dotted_abbreviations_are_joined() -> None:
    assert normalise("C.A.P. Cuisine") == normalise("CAP cuisine")


def test_token_offsets_point_into_the_source() -> None:
    text = "Conduite d'engins, C.A.P. et HTML/CSS"
    for token in tokenize(text):
        assert text[token.start : token.end].strip()
    assert [t.key for t in tokenize("HTML/CSS") if not t.stop] == ["html", "css"]


def test_stopwords_are_flagged_not_dropped() -> None:
    tokens = tokenize("maintenance des équipements")
    assert [t.stop for t in tokens] == [False, True, False]


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [("Cheffe", "Chef"), ("Ingénieure", "Ingénieur"), ("commerciale", "commercial"),
     ("Professeure", "Professeur"), ("principales", "principaux")],
)
def test_feminine_forms_fold_to_the_masculine_key(feminine: str, masculine: str) -> None:
    assert content_keys(feminine) == content_keys(masculine)


@pytest.mark.parametrize(
    ("noun", "verb"),
    [("Soudure", "Souder"), ("Coupure", "Couper"), ("Assistance", "Assister"),
     ("Tolérance", "Tolérer"), ("Assurance", "Assurer")],
)
def test_nouns_in_ure_and_ance_meet_their_verb(noun: str, verb: str) -> None:
    assert content_keys(noun) == content_keys(verb)


@pytest.mark.parametrize(
    "forms",
    [
        ("manage", "managing", "managed", "manages", "management"),
        ("install", "installing", "installed", "installation", "installations"),
        ("deliver", "delivering", "delivered", "delivery", "deliveries"),
        ("prepare", "preparing", "prepared", "preparation"),
        ("inspect", "inspecting", "inspected", "inspection"),
        ("operate", "operating", "operated", "operation"),
        ("maintain", "maintaining", "maintained", "maintenance"),
        ("organize", "organized", "organising", "organisation", "organization"),
        ("measure", "measured", "measuring"),
        ("recruit", "recruiting", "recruited", "recruitment"),
        ("supply", "supplying", "supplied"),
        ("plan", "planned", "plans"),
        ("control", "controlled", "controlling"),
        ("care", "caring", "cared"),
        ("schedule", "scheduling", "scheduled", "schedules"),
        ("analyse", "analysed", "analyzed", "analysing", "analysis"),
    ],
)
def test_english_inflections_and_derived_nouns_meet(forms: tuple[str, ...]) -> None:
    assert len({content_keys(f) for f in forms}) == 1, [content_keys(f) for f in forms]


@pytest.mark.parametrize(
    ("english", "french"),
    [("installed", "installation"), ("prepared", "préparation"), ("operated", "opérations"),
     ("organised", "organiser"), ("maintained", "maintenance"), ("developed", "développement")],
)
def test_english_verbs_meet_the_french_nouns_spelled_alike(english: str, french: str) -> None:
    assert content_keys(english) == content_keys(french)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("loader", "loading"),  # a job title is not its activity
        ("cleaner", "cleaning"),
        ("welder", "welded"),
        ("coding", "code"),  # a trade's -ing noun is not the French word of its stem
        ("typing", "type"),
        ("filing", "file"),
        ("facing", "face"),
        ("reporting", "report"),
        ("warehousing", "warehouse"),
        ("levelling", "levels"),
        ("polishing", "Polish"),
        ("trucking", "trucks"),
        ("phoning", "phone"),
        ("accounting", "accounts"),
        ("computing", "computer"),
        ("docking", "Docker"),
        ("trained", "train"),  # the railway
        ("repairs", "repas"),
        ("fitted", "faire"),
        ("processed", "procession"),
        ("formatted", "formation"),
        ("project", "projection"),
        ("concrete", "concrète"),
    ],
)
def test_english_forms_do_not_fall_on_another_word(one: str, other: str) -> None:
    assert content_keys(one) != content_keys(other)


def test_an_english_form_is_never_made_a_stopword() -> None:
    assert content_keys("pouring concrete") == content_keys("poured concrete")
    assert len(content_keys("pouring concrete")) == 2


@pytest.mark.parametrize(
    ("word", "key"),
    [("préparer", "prepar"), ("biscuiterie", "biscuiterie"), ("fiabiliser", "fiabilis"),
     ("manutentionner", "manutentionn"), ("Soudeuses", "soudeur")],
)
def test_french_words_keep_their_keys(word: str, key: str) -> None:
    assert content_keys(word) == (key,)


@pytest.mark.parametrize(
    ("unaccented", "accented"),
    [("Etapes", "étapes"), ("Etudes", "études"), ("Energies", "énergies"),
     ("Etalagiste", "étalagiste"), ("Electroplaste", "électroplaste")],
)
def test_a_french_word_reads_alike_with_or_without_its_accents(
    unaccented: str, accented: str
) -> None:
    # ROME writes capitals without accents ("Etapes du développement"), CVs with them.
    assert content_keys(unaccented) == content_keys(accented)


@pytest.mark.parametrize(("french", "other"), [("allaitement", "aller"), ("mess", "mes")])
def test_french_words_do_not_fall_on_unrelated_french_words(french: str, other: str) -> None:
    assert content_keys(french) != content_keys(other)

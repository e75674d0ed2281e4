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

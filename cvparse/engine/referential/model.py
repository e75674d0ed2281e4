"""The internal referential model, shared by the shipped referential and imported ROME exports.

Everything downstream (index, matcher, métier ranking, drafts) sees only this model, so a new
source format means a new loader, never a change to the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

from cvparse.engine.text import fold_label_word

ItemKind = Literal["savoir-faire", "savoir-etre", "savoir", "macro"]
ITEM_KINDS: tuple[ItemKind, ...] = ("savoir-faire", "savoir-etre", "savoir", "macro")


@dataclass(frozen=True, slots=True)
class Metier:
    code: str  # official ROME code, e.g. "J1506"
    title: str  # "Infirmier / Infirmière en soins généraux"
    parent_code: str | None = None  # ROME 4.0 fiches hang under 3.x parents
    domain: str | None = None  # domaine professionnel, e.g. "J15"; grand domaine = domain[0]


@dataclass(frozen=True, slots=True)
class Appellation:
    id: str
    label: str  # as published: "Infirmier / Infirmière"
    masculine: str
    feminine: str
    metier_code: str
    principal: bool = False
    rare: bool = False
    synonyms: tuple[str, ...] = ()  # CV phrasings ("IDE", "nurse")


@dataclass(frozen=True, slots=True)
class Item:
    """A compétence: savoir-faire, savoir-être professionnel, savoir, or a macro-compétence."""

    id: str
    label: str
    kind: ItemKind
    category: str | None = None
    macro_id: str | None = None
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    metier_code: str
    item_id: str
    core: bool = False  # "coeur de métier"
    emerging: bool = False


@dataclass(slots=True)
class Referential:
    name: str
    version: str
    checksum: str
    metiers: dict[str, Metier] = field(default_factory=dict)
    appellations: dict[str, Appellation] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def to_state(self) -> tuple[Any, ...]:
        """Plain tuples: unpickling 50k frozen dataclasses costs 0.6 s, tuples 0.1 s."""
        return (
            self.name, self.version, self.checksum,
            [astuple_shallow(m) for m in self.metiers.values()],
            [astuple_shallow(a) for a in self.appellations.values()],
            [astuple_shallow(i) for i in self.items.values()],
            [astuple_shallow(link) for link in self.links],
        )  # fmt: skip

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> Referential:
        name, version, checksum, metiers, appellations, items, links = state
        ref = cls(name, version, checksum)
        ref.metiers = {row[0]: Metier(*row) for row in metiers}
        ref.appellations = {row[0]: Appellation(*row) for row in appellations}
        ref.items = {row[0]: Item(*row) for row in items}
        ref.links = [Link(*row) for row in links]
        return ref



def astuple_shallow(obj: Any) -> tuple[Any, ...]:
    """dataclasses.astuple without its deep copy (ten times faster on 50k objects)."""
    return tuple(getattr(obj, f.name) for f in fields(obj))


# --- Gender forms of ROME labels ----------------------------------------------------------------
# Helpers of split_gender_forms. No regex, and words folded by a translation table
# (`fold_label_word`): it runs on every appellation and métier title of an imported export
# (~15k labels), all of it in well under 50 ms.

# Masculine ending -> feminine endings, on folded words (lower case, no accents). With accents
# gone "-ier/-ière", "-é/-ée", "-et/-ète", "-eur/-eure" are plain "+e" and need no entry; a
# doubled last consonant ("chef/cheffe", "-ien/-ienne", "-el/-elle") is handled apart.
_ENDING_SWAPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ateur", ("euse",)),  # décontaminateur / décontamineuse
    ("eur", ("euse", "rice", "eresse", "oresse")),  # vendeur, directeur, enchanteur, docteur
    ("er", ("euse", "rice")),  # English loans: designer / designeuse, reporter / reportrice
    ("man", ("woman", "maid")),  # cameraman / camerawoman, barman / barmaid
    ("eau", ("elle",)),  # jumeau / jumelle
    ("e", ("esse",)),  # maître / maîtresse, hôte / hôtesse, poète / poétesse
    ("f", ("ve",)),  # sportif / sportive
    ("x", ("se",)),  # heureux / heureuse
    ("c", ("que", "che")),  # public / publique, blanc / blanche
    ("g", ("ue",)),  # long / longue
    ("o", ("a",)),  # pizzaïolo / pizzaïola, toréro / toréra
)
# Different words for the two genders, as ROME pairs them ("Valet / Femme de chambre").
_LEXICAL_PAIRS = frozenset(
    {
        ("valet", "femme"),
        ("homme", "femme"),
        ("garcon", "fille"),
        ("monsieur", "dame"),
        ("steward", "hotesse"),
        ("man", "woman"),  # "Layout man / Layout woman"
    }
)
# Activity nouns (not person nouns): "Responsable plate-forme expédition / Livraison" offers two
# activities of one job, so the lone right word stands in for the left's last word.
_ACTIVITY_ENDINGS = ("tion", "sion", "son", "age", "ment", "ure", "ie", "ique")
_UNRELATED, _SAME, _PAIR = 0, 1, 2
_RELATIONS: dict[tuple[str, str], int] = {}  # (masculine word, feminine word) -> relation


def _is_feminine_of(masc: str, fem: str) -> bool:
    """``fem`` is the feminine of ``masc`` (both folded, without hyphen)."""
    if (masc, fem) in _LEXICAL_PAIRS:
        return True
    if len(masc) < 2:
        return False
    if fem == masc + "e" or (masc[-1].isalpha() and fem == masc + masc[-1] + "e"):
        return True  # agent/agente, infirmier/infirmière, chef/cheffe, technicien/technicienne
    for ending, feminine_endings in _ENDING_SWAPS:
        if masc.endswith(ending):
            stem = masc[: len(masc) - len(ending)]
            if any(fem == stem + f_end for f_end in feminine_endings):
                return True
    return False


def _word_relation(masc: str, fem: str) -> int:
    """_SAME (same word: épicène or shared), _PAIR (masculine and its feminine) or _UNRELATED.

    Compounds go part by part ("Accastilleur-gréeur / Accastilleuse-gréeuse"); a stray plural
    on the feminine side is forgiven ("Conducteur dérouleur / Conductrice dérouleuses").
    """
    relation = _RELATIONS.get((masc, fem))
    if relation is not None:
        return relation
    m_parts, f_parts = fold_label_word(masc).split("-"), fold_label_word(fem).split("-")
    relation = _SAME if len(m_parts) == len(f_parts) else _UNRELATED
    for m_part, f_part in zip(m_parts, f_parts, strict=False):
        if relation == _UNRELATED:
            break
        if f_part.endswith("s") and not m_part.endswith("s"):
            f_part = f_part[:-1]
        if m_part != f_part:
            relation = _PAIR if _is_feminine_of(m_part, f_part) else _UNRELATED
    if len(_RELATIONS) > 50_000:  # labels only, so never in practice; bounded all the same
        _RELATIONS.clear()
    _RELATIONS[masc, fem] = relation
    return relation


def _align(first: list[str], second: list[str], feminine_first: bool) -> tuple[int, int, bool]:
    """Align the words written after " / " on the end of the words written before it.

    Returns (head, aligned, pair): ``first[:head]`` is a head written once for both forms
    ("Responsable Commercial / Commerciale"), ``second[:aligned]`` is ``first[head:]`` in the
    other gender, ``second[aligned:]`` the shared tail, and ``pair`` tells whether a word really
    changes with gender; head is -1 when the sides do not align. Every word of ``first[head:]``
    meets its counterpart in order, except that words of the first side may be missing from the
    second between two aligned words ("Chef d'équipe assistant / Cheffe assistante avion"). With
    a head, one real gender pair is required: "Sound designer / Designer sonore" is two wordings.
    """
    n = len(first)
    for head in range(n):
        j, k, pair, last_aligned = head, 0, False, False
        while j < n and k < len(second):
            if feminine_first:
                relation = _word_relation(second[k], first[j])
            else:
                relation = _word_relation(first[j], second[k])
            if relation:
                pair = pair or relation == _PAIR
                j, k, last_aligned = j + 1, k + 1, True
            elif k == 0:
                break  # the first word after " / " must have its counterpart
            else:
                j, last_aligned = j + 1, False  # a word of the first side only ("d'équipe")
        if j == n and last_aligned and (pair or (head == 0 and not feminine_first)):
            return head, k, pair
    return -1, 0, False


def _match_case(word: str, like: str) -> str:
    """``word`` with the initial case of ``like``: "Livraison" for "expédition" -> "livraison"."""
    if like[:1].islower() and word[:1].isupper() and word[1:].islower():
        return word[0].lower() + word[1:]
    return word


def _split_pair(left: str, right: str) -> tuple[str, str, str]:
    """(masculine, feminine, rule) for "left / right", a label without "(e)"."""
    first, second = left.split(), right.split()
    if not first or not second:  # "Infirmier /  / Infirmière": nothing to pair on one side
        text = " ".join(first or second)
        return text, text, "alternatives"
    if len(first) == 1 and _word_relation(first[0], second[0]) == _PAIR:  # the usual case, fast
        return " ".join(first + second[1:]), right, "masculine-first"
    for feminine_first in (False, True):
        head, aligned, pair = _align(first, second, feminine_first)
        if head < 0:
            continue
        with_tail = first + second[aligned:]
        with_head = first[:head] + second
        if head:
            with_head[head] = _match_case(with_head[head], first[head])
        if feminine_first:
            masc, fem, rule = with_head, with_tail, "feminine-first"
        else:
            masc, fem = with_tail, with_head
            rule = "shared-head" if head else "masculine-first" if pair else "same-word"
        if aligned < len(first) - head:
            rule += "+left-only-word"
        return " ".join(masc), " ".join(fem), rule
    # No gender pair: two wordings of one job ("Lapidaire / Diamantaire"). Each is kept as
    # written, one per slot, so that a matcher trying both forms meets either wording; no shared
    # context is guessed ("Tubiste / Contre tubiste" must not give "Tubiste tubiste")...
    if (
        len(second) == 1
        and len(first) >= 2
        and fold_label_word(first[-1]).endswith(_ACTIVITY_ENDINGS)
        and fold_label_word(second[0]).endswith(_ACTIVITY_ENDINGS)
    ):
        # ...except when a lone activity noun replaces the left's last one:
        # "Responsable plate-forme expédition / Livraison".
        swapped = [*first[:-1], _match_case(second[0], first[-1])]
        return left, " ".join(swapped), "alternatives-last-word"
    return left, right, "alternatives"


def _split_gender_forms(label: str) -> tuple[str, str, str]:
    """split_gender_forms plus the name of the rule that decided (counted by the tests)."""
    label = label.strip()
    if "  " in label or "\t" in label or "\n" in label:
        label = " ".join(label.split())
    if "(e)" in label:  # "Diplômé(e) d'Etat": split each gender's spelling of the label
        masc, _, rule = _split_gender_forms(label.replace("(e)", ""))
        _, fem, _ = _split_gender_forms(label.replace("(e)", "e"))
        return masc, fem, rule + "+(e)"
    parts = label.split(" / ")
    if len(parts) == 1:
        return label, label, "no-slash"
    if len(parts) == 2:
        return _split_pair(parts[0], parts[1])
    # Several " / " (none in ROME v460): cut at the first one that separates a gender pair; the
    # others are alternatives inside a form, written "a/b" like ROME's "chimie/pharmacie".
    fallback: tuple[str, str, str] | None = None
    for cut in range(1, len(parts)):
        masc, fem, rule = _split_pair("/".join(parts[:cut]), "/".join(parts[cut:]))
        if not rule.startswith("alternatives"):
            return masc, fem, rule
        fallback = fallback or (masc, fem, rule)
    assert fallback is not None
    return fallback


def split_gender_forms(label: str) -> tuple[str, str]:
    """Split a ROME label written with both genders into its (masculine, feminine) forms.

    The matcher meets a CV's "Responsable commerciale" through the feminine form and "Cadre
    dirigeant d'administration centrale" through the masculine one, so each form must be a
    whole, natural title. France Travail writes both genders around " / " (ROME 4.0 export,
    appellations and métier titles), with several conventions, all handled by aligning the
    words after " / " on the words before it (word by word, gender pairs such as eur/euse,
    eur/rice, ier/ière, ien/ienne, if/ive, el/elle, é/ée, e/esse, or the same word):

    * "Infirmier / Infirmière", "Chef d'équipe dépanneur / Cheffe d'équipe dépanneuse de ...":
      the right side carries the tail shared by both forms ("de ...", "(IDE)");
    * "Responsable Commercial / Commerciale", "Cadre Dirigeant / Dirigeante d'administration
      centrale": left words before the aligned ones are a head shared by both forms;
    * "Chef d'équipe assistant / Cheffe assistante avion": a word written on the left only
      stays in the masculine form only;
    * "Agente / Agent de bio-nettoyage": feminine written first, the forms are swapped;
    * "Valet / Femme de chambre", "Steward / Hôtesse de l'air": known lexical pairs;
    * "principal(e)", "Diplômé(e)": masculine without "(e)", feminine with "e";
    * " / " between two wordings rather than two genders ("Lapidaire / Diamantaire", "Tubiste
      / Contre tubiste", "Sound designer / Designer sonore"): each wording as written, one per
      slot, so that the matcher meets either; the only shared context completed is a lone
      activity noun replacing the left's last one ("Responsable plate-forme expédition /
      Livraison" -> "... expédition", "... livraison").

    Labels without " / " give the label twice. Whitespace is normalised; slashes without spaces
    ("chimie/pharmacie") are part of a word. Pure and fast (a few µs a label, cached word pairs).
    """
    masc, fem, _rule = _split_gender_forms(label)
    return masc, fem

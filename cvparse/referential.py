"""The internal referential model, shared by the shipped referential and imported ROME exports.

Everything downstream (index, matcher, métier ranking, drafts) sees only this model, so a new
source format means a new loader, never a change to the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

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

    def items_of(self, metier_code: str) -> list[Link]:
        return [link for link in self.links if link.metier_code == metier_code]


def astuple_shallow(obj: Any) -> tuple[Any, ...]:
    """dataclasses.astuple without its deep copy (ten times faster on 50k objects)."""
    return tuple(getattr(obj, f.name) for f in fields(obj))


def split_gender_forms(label: str) -> tuple[str, str]:
    """Split ROME's "Infirmier / Infirmière" into its masculine and feminine forms.

    ROME writes both forms around " / "; some labels have a shared tail
    ("Agent / Agente de propreté"), which belongs to both forms.
    """
    if " / " not in label:
        return label.strip(), label.strip()
    left, right = label.split(" / ", 1)
    left_words = left.split()
    right_words = right.split()
    # "Agent / Agente de propreté": left is one word, right carries the shared tail.
    if len(left_words) < len(right_words):
        tail = right_words[len(left_words) :]
        masc = " ".join(left_words + tail)
        return masc.strip(), right.strip()
    return left.strip(), right.strip()

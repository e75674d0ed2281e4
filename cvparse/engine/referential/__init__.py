"""The referential the engine reads against: métiers, appellations, items and their links
(`model.py`), and the reader of the project's CSV layout (`csvdir.py`, an I/O edge)."""

from cvparse.engine.referential.model import (
    ITEM_KINDS,
    Appellation,
    Item,
    ItemKind,
    Link,
    Metier,
    Referential,
    split_gender_forms,
)

__all__ = [
    "ITEM_KINDS",
    "Appellation",
    "Item",
    "ItemKind",
    "Link",
    "Metier",
    "Referential",
    "split_gender_forms",
]

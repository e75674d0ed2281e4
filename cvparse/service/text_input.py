"""Text that people type or send — an upload's file name, an advisor's label or comment —
cleaned of the characters that cannot be seen.

Why: such text is shown to other people (an advisor reads the job seeker's file name, a
colleague reads an advisor's correction), and an invisible character changes what they see
or defeats a check without anyone noticing:

* bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) reorder what
  follows them: `cv\\u202egnp.txt` displays as "cvtxt.png";
* zero-width characters (U+200B–U+200D, U+2060, U+FEFF, the soft hyphen…) split a word
  without showing it, so "ence\\u200binte" looks like a word the sensitive-words check refuses
  but does not match it, and two labels that look the same differ;
* control characters (C0, DEL, C1) have no business in a name or a label; a lone surrogate
  (possible in JSON) cannot even be stored.

All of these are Unicode categories Cf (format), Cc (control) and Cs (surrogate): they are
removed, whatever their number, rather than listed one by one, so a new spoofing character of
the same kind is covered. Line and paragraph breaks, tabs and the like become plain spaces in
one-line text (a label, a file name) and line breaks in a comment. The result is NFC, so the
same visible text is the same string (a label compared with the one it replaces, a search).

One function for every input, used by the file store and the review models: a rule that
differs between the upload and the review would be a hole in one of them.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# Controls and separators that mean "space" or "new line": kept as such, not dropped, so
# "Bac\tpro" stays two words.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = "\t\x1f"
_CRLF = re.compile(r"\r\n")
_RUNS = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """`text` without invisible characters (see the module), NFC, surrounding whitespace
    trimmed. One line (`multiline=False`: labels, file names): every run of whitespace
    becomes one space. A comment (`multiline=True`) keeps its line breaks (any kind becomes
    "\\n", at most one blank line in a row); runs of other whitespace become one space."""
    text = _CRLF.sub("\n", text)
    kept: list[str] = []
    for char in text:
        if char in _BREAKS:
            kept.append("\n" if multiline else " ")
        elif char in _SPACES:
            kept.append(" ")
        elif unicodedata.category(char) not in INVISIBLE_CATEGORIES:
            kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept))
    if not multiline:
        return " ".join(text.split())
    lines = [_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_input(value: object, *, multiline: bool = False) -> object:
    """For a pydantic `mode="before"` validator: a string is cleaned before the field's own
    constraints judge it (a label of invisible characters only is then empty, and refused as
    missing); anything else is left for the field's validation to refuse."""
    return clean_text(value, multiline=multiline) if isinstance(value, str) else value

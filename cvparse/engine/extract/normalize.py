"""Text normalisation shared by every backend, so later stages see one spelling per thing.

A CV that went through Word, Canva or a PDF printer comes back with typographic noise: ligature
glyphs (``ﬁ``), soft hyphens, non-breaking and thin spaces, zero-width joiners, and a dozen
bullet glyphs (including private-use Symbol/Wingdings code points). Skill and job matching
downstream is string based, so "ﬁnance" must be "finance" and "▪ Vente" must be "• Vente".

Two choices worth knowing:

* A wide visual gap inside a line (a tab, three or more spaces, or a PDF gap of two ems) is kept
  as a single ``"\\t"``, never as several spaces: "Vendeuse\\t2019 – 2021" lets later stages split
  a title from its dates, whatever the source format was.
* Words hyphenated at a line end ("dévelop-" / "pement") are left as they are: joining them needs
  a dictionary to be right ("Saint-" / "Étienne"), and a wrong join is worse than a split word.
"""

from __future__ import annotations

import re
import unicodedata

# NFKC would also expand ligatures, but it rewrites far more (², ½, ﬁ, full-width forms, ℃ …);
# an explicit table changes only what we mean to change.
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LIGATURES.items()}
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE.update({ord(c): None for c in _REMOVED})
# C0/C1 control characters carry no text (PDF generators leak \x02, \x03 …); tab is a gap marker.
_TABLE.update({c: None for c in range(0x20) if c != 0x09})
_TABLE.update({c: None for c in range(0x7F, 0xA0)})

# Bullet glyphs seen in CVs, including private-use code points from Symbol/Wingdings fonts
# (U+F0B7 is Word's default round bullet when the font has no Unicode mapping).
_BULLET_GLYPHS = (
    "•●▪■◦➢►▸▶‣⁃∙◆◇○□➤➔→✓✔★♦❖✗➣➥·"
    "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0e0\uf0d9\uf0f0\uf075\uf0a4"
)
# Dashes and asterisks are bullets only when a space follows ("- Vente", not "-5 %").
_BULLET_RE = re.compile(
    rf"^(?:[{re.escape(_BULLET_GLYPHS)}]\s*|[-–—*]\s+)+",
)
_GAP_RE = re.compile(r"[ \t]*\t[ \t]*| {3,}")
_SPACE_RE = re.compile(r" {2,}")

BULLET = "• "
GAP = "\t"


def normalize_inline(text: str) -> str:
    """Fix characters only (ligatures, spaces, invisible marks, NFC); layout is left alone."""
    text = text.translate(_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def normalize_line(text: str) -> str:
    """Normalise one visual line: characters, gaps, and a single "• " bullet prefix.

    A line holding only a bullet glyph comes back empty, so builders drop it: in PDFs the glyph
    sometimes sits a little off its text line and would otherwise become a line of its own.
    """
    text = normalize_inline(text).strip()
    if not text:
        return ""
    if "\t" in text or "   " in text:
        text = _GAP_RE.sub(GAP, text)
    if "  " in text:
        text = _SPACE_RE.sub(" ", text)
    match = _BULLET_RE.match(text)
    if match:
        rest = text[match.end() :].strip()
        return BULLET + rest if rest else ""
    return text


def is_bullet_only(text: str) -> bool:
    """True for a token that is nothing but bullet glyphs (a PDF word like "•" or "")."""
    return bool(text) and all(ch in _BULLET_GLYPHS for ch in text)

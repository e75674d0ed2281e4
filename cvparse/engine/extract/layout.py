"""Reading order for positioned words: rows, visual lines, and the columns of CV layouts.

PDF text has no reading order of its own, only glyphs with boxes. CVs make this hard in one
specific way: a sidebar (skills, languages, contact) beside the experience column, often with
lines at the same heights as the main column. Reading row by row interleaves the two ("Excel
Vendeuse chez Dupont"), which ruins every later stage. So the page is cut into columns when, and
only when, the geometry says there are columns.

The approach is a projection profile, a single level of XY-cut:

1. Words are grouped into rows (same height band, no horizontal overlap) and each row into
   segments at gaps wider than about one em.
2. For every x position we count the rows whose segments cross it. A gutter is a band of x
   positions that no row crosses (or only a few, e.g. the name/title band at the top or a
   footer), with text on both sides.
3. The rows are cut by the crossing rows into vertical bands; each band whose two sides look like
   two independent text flows becomes columns, the rest is read row by row (column 0).

Step 3 is what keeps single-column pages intact. A line such as "Vendeuse        2019 – 2021" has
a gap, and a list of such lines has a whitespace gutter, but it is not two columns. The tests are:

* the band must span a good part of the text height (a sidebar runs down the page; a small
  "Anglais   B2" table does not);
* both sides must hold real text, not just bullet glyphs;
* the smaller side must not be mostly dates (a French CV's date column on the left belongs to
  the entries beside it; reading it as a block would detach every date from its job);
* the two sides must be independent flows: either the smaller side often has rows of its own
  (different line grids, the usual case), or, when each of its lines sits beside a line of the
  other side (same grid), its lines must follow each other at line spacing. A tab-separated
  title/date pair followed by bullets gives pairs spread out between the bullets.

Columns are emitted left to right, each whole, after the full-width band above them (name,
title) and before any full-width band below. Left to right rather than "main column first":
it needs no guess about which column is the main one, and later stages find section headings
inside each block anyway. A band's columns can be cut once more (three or four columns).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from cvparse.engine.extract.normalize import GAP, is_bullet_only

# Gap (in ems of the larger neighbour) above which a row is cut into segments for the column
# analysis. Justified text stretches spaces up to ~1 em in narrow columns; gutters between a
# sidebar and the main column are 1.5 em or more (both boxes have padding).
SEGMENT_GAP_EM = 1.2
# Gap above which the line text gets a tab instead of a space ("Vendeuse\t2019 – 2021").
TAB_GAP_EM = 2.0
MIN_COLUMN_ROWS = 3
MIN_GUTTER_PT = 6.0
MIN_BAND_FRACTION = 0.35
MIN_SIDE_ALNUM = 12
ALONE_FRACTION = 0.3
DENSE_STEP = 2.0
MAX_DEPTH = 2

# Dates and periods as CVs write them: "2019 – 2021", "03/2020", "mars 2021", "depuis",
# "à ce jour". Whole words only, so "maintenance" or "présentation" do not count.
_DATE_RE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{2,4}\b|\b(?:aujourd'hui|à ce jour|présent|present|"
    r"actuel|depuis|today|now|janv(?:ier)?|févr(?:ier)?|fevr(?:ier)?|mars|avr(?:il)?|mai|juin|"
    r"juil(?:let)?|août|aout|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|déc(?:embre)?|"
    r"dec(?:ember)?|jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|"
    r"sep(?:tember)?|october|november)\b\.?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Word:
    """A run of glyphs without whitespace, in top-left page coordinates (points)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False


@dataclass(slots=True)
class LaidLine:
    """A visual line in reading order, ready for DocumentBuilder.add_line."""

    text: str
    bbox: tuple[float, float, float, float]
    column: int = 0
    size: float | None = None
    bold: bool = False


@dataclass(slots=True)
class Block:
    """Lines already in order that must stay together (a table found by a ruling-line grid)."""

    bbox: tuple[float, float, float, float]
    lines: list[LaidLine]


@dataclass(slots=True)
class _Seg:
    x0: float
    x1: float
    words: list[Word]
    block: Block | None = None


@dataclass(slots=True)
class _Row:
    top: float
    bottom: float
    anchor: float  # vertical centre of the first word: a fixed anchor stops rows from drifting
    words: list[Word] = field(default_factory=list)
    block: Block | None = None
    segs: list[_Seg] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# rows and segments


def group_rows(words: Iterable[Word]) -> list[list[Word]]:
    """Group words into visual rows, top to bottom, each row left to right."""
    return [row.words for row in _group_rows(list(words))]


def _group_rows(words: list[Word]) -> list[_Row]:
    words = sorted(words, key=lambda w: (w.top + w.bottom, w.x0))
    rows: list[_Row] = []
    for w in words:
        centre = (w.top + w.bottom) / 2
        height = w.bottom - w.top
        target: _Row | None = None
        # Rows are created in centre order, so only the last few can still match.
        for row in reversed(rows[-6:]):
            tolerance = 0.4 * min(height, row.bottom - row.top)
            if abs(row.anchor - centre) <= tolerance and not _overlaps_x(row.words, w):
                target = row
                break
        if target is None:
            rows.append(_Row(top=w.top, bottom=w.bottom, anchor=centre, words=[w]))
        else:
            target.words.append(w)
            target.top = min(target.top, w.top)
            target.bottom = max(target.bottom, w.bottom)
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: (r.top, r.words[0].x0))
    return rows


def _overlaps_x(row_words: list[Word], w: Word) -> bool:
    slack = 0.25 * (w.x1 - w.x0)
    return any(o.x0 < w.x1 - slack and w.x0 + slack < o.x1 for o in row_words)


def _segments(row: _Row) -> list[_Seg]:
    if row.block is not None:
        b = row.block.bbox
        return [_Seg(b[0], b[2], [], row.block)]
    segs: list[_Seg] = []
    current = [row.words[0]]
    for prev, w in pairwise(row.words):
        em = max(prev.size, w.size, 1.0)
        if w.x0 - prev.x1 > SEGMENT_GAP_EM * em and not is_bullet_only(prev.text):
            segs.append(_Seg(current[0].x0, max(x.x1 for x in current), current))
            current = [w]
        else:
            current.append(w)
    segs.append(_Seg(current[0].x0, max(x.x1 for x in current), current))
    return segs


# --------------------------------------------------------------------------------------------
# columns


@dataclass(slots=True)
class _Band:
    rows: list[_Row]
    columns: bool


def _gutter_candidates(rows: list[_Row], width: float) -> list[tuple[float, float]]:
    """x-intervals crossed by few rows, with at least MIN_COLUMN_ROWS rows of text each side."""
    n_bins = int(width) + 2
    if n_bins < 3:
        return []
    cross_diff = [0] * (n_bins + 1)
    left_hist = [0] * (n_bins + 1)
    right_hist = [0] * (n_bins + 1)
    sizes: list[float] = []
    for row in rows:
        for seg in row.segs:
            a = max(0, min(n_bins, int(seg.x0) + 1))
            b = max(0, min(n_bins, int(seg.x1)))
            if b > a:
                cross_diff[a] += 1
                cross_diff[b] -= 1
            sizes.extend(w.size for w in seg.words[:1])
        first_end = min(n_bins, max(0, int(row.segs[0].x1) + 1))
        last_start = min(n_bins, max(0, int(row.segs[-1].x0)))
        left_hist[first_end] += 1
        right_hist[last_start] += 1
    cross = [0] * n_bins
    running = 0
    for i in range(n_bins):
        running += cross_diff[i]
        cross[i] = running
    left = [0] * n_bins  # rows with a segment ending at or before bin i
    running = 0
    for i in range(n_bins):
        running += left_hist[i]
        left[i] = running
    right = [0] * n_bins  # rows with a segment starting at or after bin i + 1
    running = 0
    for i in range(n_bins - 1, -1, -1):
        right[i] = running
        running += right_hist[i]
    sizes.sort()
    em = sizes[len(sizes) // 2] if sizes else 10.0
    min_width = max(MIN_GUTTER_PT, 0.6 * em)
    max_cross = max(1, int(0.3 * len(rows)))

    candidates: list[tuple[float, float]] = []
    i = 0
    while i < n_bins:
        if not (
            left[i] >= MIN_COLUMN_ROWS and right[i] >= MIN_COLUMN_ROWS and cross[i] <= max_cross
        ):
            i += 1
            continue
        j = i
        while (
            j < n_bins
            and left[j] >= MIN_COLUMN_ROWS
            and right[j] >= MIN_COLUMN_ROWS
            and cross[j] <= max_cross
        ):
            j += 1
        low = min(cross[i:j])
        # the longest stretch at the lowest crossing count is the gutter proper
        best: tuple[int, int] | None = None
        k = i
        while k < j:
            if cross[k] != low:
                k += 1
                continue
            m = k
            while m < j and cross[m] == low:
                m += 1
            if best is None or m - k > best[1] - best[0]:
                best = (k, m)
            k = m
        if best is not None and best[1] - best[0] >= min_width:
            candidates.append((float(best[0]), float(best[1])))
        i = j
    return candidates


def _side_text(segs: Iterable[_Seg]) -> str:
    return " ".join(w.text for s in segs for w in s.words)


def _columnizable(rows: list[_Row], gx: float, text_height: float) -> bool:
    if len(rows) < MIN_COLUMN_ROWS:
        return False
    if rows[-1].bottom - rows[0].top < MIN_BAND_FRACTION * text_height:
        return False
    kinds: list[str] = []
    left_texts: list[str] = []
    right_texts: list[str] = []
    left_rows: list[_Row] = []
    right_rows: list[_Row] = []
    for row in rows:
        has_left = any(s.x1 <= gx for s in row.segs)
        has_right = any(s.x0 >= gx for s in row.segs)
        if has_left:
            left_texts.append(_side_text(s for s in row.segs if s.x1 <= gx))
            left_rows.append(row)
        if has_right:
            right_texts.append(_side_text(s for s in row.segs if s.x0 >= gx))
            right_rows.append(row)
        kinds.append("B" if has_left and has_right else "L" if has_left else "R")
    if len(left_texts) < MIN_COLUMN_ROWS or len(right_texts) < MIN_COLUMN_ROWS:
        return False
    if not (_enough_alnum(left_texts) and _enough_alnum(right_texts)):
        return False
    if len(left_texts) <= len(right_texts):
        minor, minor_rows, alone_kind = left_texts, left_rows, "L"
    else:
        minor, minor_rows, alone_kind = right_texts, right_rows, "R"
    if sum(1 for t in minor if _DATE_RE.search(t)) >= 0.5 * len(minor):
        return False
    if kinds.count(alone_kind) >= ALONE_FRACTION * len(minor):
        return True
    # Every line of the smaller side sits beside a line of the other: two columns on one grid
    # if the smaller side is a dense run of lines, a title/date layout if its lines are spread
    # out between the other side's lines.
    steps = sorted(b.top - a.top for a, b in pairwise(minor_rows))
    heights = sorted(r.bottom - r.top for r in minor_rows)
    return steps[len(steps) // 2] <= DENSE_STEP * heights[len(heights) // 2]


def _enough_alnum(texts: list[str]) -> bool:
    """At least MIN_SIDE_ALNUM letters or digits: a side of bullet glyphs is no column."""
    total = 0
    for text in texts:
        total += sum(ch.isalnum() for ch in text)
        if total >= MIN_SIDE_ALNUM:
            return True
    return False


def _bands(rows: list[_Row], gx: float, text_height: float) -> list[_Band]:
    bands: list[_Band] = []
    run: list[_Row] = []

    def close_run() -> None:
        if run:
            bands.append(_Band(list(run), _columnizable(run, gx, text_height)))
            run.clear()

    for row in rows:
        if any(s.x0 < gx < s.x1 for s in row.segs):
            close_run()
            bands.append(_Band([row], False))
        else:
            run.append(row)
    close_run()
    return bands


def _side(rows: list[_Row], gx: float, left: bool) -> list[_Row]:
    out: list[_Row] = []
    for row in rows:
        segs = [s for s in row.segs if (s.x1 <= gx if left else s.x0 >= gx)]
        if segs:
            out.append(
                _Row(
                    top=min(_seg_top(s) for s in segs),
                    bottom=max(_seg_bottom(s) for s in segs),
                    anchor=row.anchor,
                    words=[w for s in segs for w in s.words],
                    block=row.block,
                    segs=segs,
                )
            )
    return out


def _seg_top(seg: _Seg) -> float:
    return seg.block.bbox[1] if seg.block else min(w.top for w in seg.words)


def _seg_bottom(seg: _Seg) -> float:
    return seg.block.bbox[3] if seg.block else max(w.bottom for w in seg.words)


def _order(rows: list[_Row], width: float, depth: int) -> list[tuple[int, _Row]]:
    """Rows in reading order with a column number (0 = full width in this region)."""
    if len(rows) < 2 * MIN_COLUMN_ROWS or depth > MAX_DEPTH:
        return [(0, r) for r in rows]
    text_height = max(r.bottom for r in rows) - min(r.top for r in rows)
    best: list[_Band] | None = None
    best_gx = 0.0
    best_score = 0
    for g0, g1 in _gutter_candidates(rows, width):
        gx = (g0 + g1) / 2
        bands = _bands(rows, gx, text_height)
        score = sum(len(b.rows) for b in bands if b.columns)
        if score > best_score:
            best, best_gx, best_score = bands, gx, score
    if best is None:
        return [(0, r) for r in rows]

    out: list[tuple[int, _Row]] = []
    for band in best:
        if not band.columns:
            out.extend((0, r) for r in band.rows)
            continue
        offset = 0
        for left in (True, False):
            sub = _order(_side(band.rows, best_gx, left), width, depth + 1)
            used = max((c for c, _ in sub), default=0)
            out.extend((offset + max(c, 1), r) for c, r in sub)
            offset += max(used, 1)
    return out


# --------------------------------------------------------------------------------------------
# lines


def _line_from_words(words: Sequence[Word], column: int) -> LaidLine:
    parts: list[str] = []
    prev: Word | None = None
    for w in words:
        if prev is not None:
            em = max(prev.size, w.size, 1.0)
            parts.append(GAP if w.x0 - prev.x1 > TAB_GAP_EM * em else " ")
        parts.append(w.text)
        prev = w
    weight: dict[float, int] = {}
    bold_chars = 0
    total = 0
    for w in words:
        n = len(w.text)
        weight[round(w.size, 1)] = weight.get(round(w.size, 1), 0) + n
        total += n
        if w.bold:
            bold_chars += n
    size = max(weight, key=weight.__getitem__) if weight else None
    return LaidLine(
        text="".join(parts),
        bbox=(
            min(w.x0 for w in words),
            min(w.top for w in words),
            max(w.x1 for w in words),
            max(w.bottom for w in words),
        ),
        column=column,
        size=size or None,
        bold=total > 0 and 2 * bold_chars >= total,
    )


def lines_from_words(words: Iterable[Word], column: int = 0) -> list[LaidLine]:
    """Plain row-by-row lines (no column analysis), e.g. for the text of one table cell."""
    return [_line_from_words(row.words, column) for row in _group_rows(list(words))]


def layout_page(
    words: Sequence[Word], width: float, blocks: Sequence[Block] = ()
) -> list[LaidLine]:
    """Lines of one page in reading order, with column numbers.

    `blocks` (tables) are placed as single rows at their position; their lines keep their own
    order and get the column of the region they fall in when that region is a column.
    """
    rows = _group_rows([w for w in words if w.text])
    for block in blocks:
        b = block.bbox
        rows.append(_Row(top=b[1], bottom=b[3], anchor=(b[1] + b[3]) / 2, block=block))
    if not rows:
        return []
    rows.sort(key=lambda r: (r.top, r.block.bbox[0] if r.block else r.words[0].x0))
    for row in rows:
        row.segs = _segments(row)

    out: list[LaidLine] = []
    for column, row in _order(rows, width, 0):
        for seg_block in (s.block for s in row.segs if s.block is not None):
            for line in seg_block.lines:
                line.column = column or line.column
                out.append(line)
        words_here = [w for s in row.segs if s.block is None for w in s.words]
        if words_here:
            out.append(_line_from_words(words_here, column))
    return out

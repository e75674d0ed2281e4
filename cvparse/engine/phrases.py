"""The candidate phrase: what the reading stages hand to matching.

It lives apart from both sides so that the stages that cut a CV into phrases
(`cvparse.engine.candidates`) never import matching internals, and matching never imports how
phrases are cut.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Phrase:
    """A candidate phrase: a piece of CV text that could name a skill or a job."""

    text: str
    start: int  # absolute offset of text[0] in the document text
    page: int
    section: str
    title_like: bool = False  # a job-title line (experience entry header, CV headline)
    target: bool = False  # the job the CV says it seeks ("à la recherche d'un poste de …")
    study: bool = False  # the trade a diploma's speciality names ("CAP Menuisier fabricant")

"""How sure a proposal is: the weight of where it stood in the CV.

A phrase's place says how much it tells about the person (a skill used in a job is surer than
one listed under hobbies): fields built from matches and from facts alike multiply their score
by the factor of their section.
"""

from __future__ import annotations

# How much a phrase's place in the CV says about a skill (multiplies the match score).
SECTION_FACTOR = {
    "experience": 1.0,
    "skills": 1.0,
    "profile": 0.95,
    "header": 0.9,
    "projects": 0.95,
    "certifications": 0.95,
    "education": 0.85,
    "licences": 0.9,
    "languages": 0.8,
    "other": 0.8,
    "interests": 0.7,
}


def section_factor(kind: str) -> float:
    """The factor of a section kind; a kind with none of its own weighs as "other"."""
    return SECTION_FACTOR.get(kind, SECTION_FACTOR["other"])

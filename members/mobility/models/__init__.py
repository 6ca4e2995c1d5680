"""Models of mobility: mobile records with their timeline, and letters of introduction."""

from members.mobility.models.letters import IntroductionLetter, LetterSequence
from members.mobility.models.records import WORKFLOW, MobileRecord, RecordEvent, Side

__all__ = [
    "WORKFLOW",
    "IntroductionLetter",
    "LetterSequence",
    "MobileRecord",
    "RecordEvent",
    "Side",
]

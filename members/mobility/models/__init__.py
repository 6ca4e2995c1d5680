"""Models of mobility: mobile records with their timeline, and letters of introduction."""

from members.mobility.models.events import RecordEvent
from members.mobility.models.letters import IntroductionLetter, LetterSequence
from members.mobility.models.records import WORKFLOW, MobileRecord, Side

__all__ = [
    "WORKFLOW",
    "IntroductionLetter",
    "LetterSequence",
    "MobileRecord",
    "RecordEvent",
    "Side",
]

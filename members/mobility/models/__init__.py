"""Models of mobility: mobile records with their timeline, and letters of introduction."""

from members.mobility.models.events import RecordEvent
from members.mobility.models.letters import IntroductionLetter, LetterSequence
from members.mobility.models.records import MobileRecord, Side
from members.mobility.models.sync import RECORD_LISTENERS, records_changed
from members.mobility.models.workflow import WORKFLOW

__all__ = [
    "RECORD_LISTENERS",
    "WORKFLOW",
    "IntroductionLetter",
    "LetterSequence",
    "MobileRecord",
    "RecordEvent",
    "Side",
    "records_changed",
]

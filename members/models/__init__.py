"""Models of the management chain, one module per topic; import them from here."""

from members.models.letters import IntroductionLetter, LetterSequence
from members.models.members import FamilyMember, IdNumberReveal, Member
from members.models.mobility import MobileRecord, RecordEvent
from members.models.organizations import Assignment, ExternalOrganization, Organization, Role
from members.models.users import User

__all__ = [
    "Assignment",
    "ExternalOrganization",
    "FamilyMember",
    "IdNumberReveal",
    "IntroductionLetter",
    "LetterSequence",
    "Member",
    "MobileRecord",
    "Organization",
    "RecordEvent",
    "Role",
    "User",
]

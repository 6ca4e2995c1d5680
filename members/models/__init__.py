"""Models of the management chain, one module per topic; import them from here."""

from members.models.letters import IntroductionLetter, LetterSequence
from members.models.management import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)
from members.models.members import FamilyMember, IdNumberReveal, Member
from members.models.mobility import MobileRecord, RecordEvent
from members.models.notifications import (
    Channel,
    MessageTemplate,
    Notification,
    NotificationKind,
)
from members.models.organizations import Assignment, ExternalOrganization, Organization, Role
from members.models.orglife import Activity, Attendance
from members.models.users import User

__all__ = [
    "Activity",
    "ActivityCardReview",
    "AssignedWork",
    "Assignment",
    "Attendance",
    "Channel",
    "ContactLog",
    "DuesPayment",
    "DuesRate",
    "ExternalOrganization",
    "FamilyMember",
    "IdNumberReveal",
    "IntroductionLetter",
    "LetterSequence",
    "LostContactMark",
    "Member",
    "MessageTemplate",
    "MobileRecord",
    "Notification",
    "NotificationKind",
    "Organization",
    "RecordEvent",
    "Role",
    "User",
]

"""The models of the ``members`` app, gathered from its topic packages for Django's registry.

Code imports each model from its topic (``members.files.models`` …); this module only makes
sure Django loads them all under the one app label.
"""

from members.audit.models import AuditEvent
from members.downloads.models import ExportJob
from members.files.models import FamilyMember, IdNumberReveal, Member
from members.followup.models import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)
from members.imports.models import ImportJob
from members.links.models import LinkEvent, MemberLink
from members.mobility.models import IntroductionLetter, LetterSequence, MobileRecord, RecordEvent
from members.organizations.models import Assignment, ExternalOrganization, Organization, User
from members.orglife.models import Activity, Attendance
from members.outbox.models import Channel, MessageTemplate, Notification

__all__ = [
    "Activity",
    "ActivityCardReview",
    "AssignedWork",
    "Assignment",
    "Attendance",
    "AuditEvent",
    "Channel",
    "ContactLog",
    "DuesPayment",
    "DuesRate",
    "ExportJob",
    "ExternalOrganization",
    "FamilyMember",
    "IdNumberReveal",
    "ImportJob",
    "IntroductionLetter",
    "LetterSequence",
    "LinkEvent",
    "LostContactMark",
    "Member",
    "MemberLink",
    "MessageTemplate",
    "MobileRecord",
    "Notification",
    "Organization",
    "RecordEvent",
    "User",
]

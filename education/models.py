"""The models of the ``education`` app, gathered from its topic packages for Django's registry."""

from education.classes.models import ClassInvitation, TrainingClass
from education.hours.models import StudyCredit
from education.lessons.models import Lesson, LessonAttachment, LessonDelivery
from education.packages.models import Dispatch, PackageItem, Shipment, StudyPackage
from education.plans.models import PlanMember, PlanTemplate, Reading, ReadingConfirmation, StudyPlan
from education.reach import Reach

__all__ = [
    "ClassInvitation",
    "Dispatch",
    "Lesson",
    "LessonAttachment",
    "LessonDelivery",
    "PackageItem",
    "PlanMember",
    "PlanTemplate",
    "Reach",
    "Reading",
    "ReadingConfirmation",
    "Shipment",
    "StudyCredit",
    "StudyPackage",
    "StudyPlan",
    "TrainingClass",
]

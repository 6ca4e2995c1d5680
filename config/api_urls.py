"""Routes of the REST API, mounted at ``/api/v1/``: each topic's viewsets."""

from rest_framework.routers import SimpleRouter

from education.classes import api as classes
from education.lessons import api as lessons
from education.packages import api as packages
from education.plans import api as plans
from members.files.api import MemberViewSet
from members.followup import api as followup
from members.links import api as links
from members.mobility.api import LetterViewSet, RecordViewSet
from members.organizations.api import OrganizationViewSet
from members.orglife.api import ActivityViewSet
from services.care import api as care
from services.cases import api as cases
from services.needs import api as needs
from services.stations import api as stations
from services.subsidies import api as subsidies

router = SimpleRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("members", MemberViewSet, basename="member")
router.register("records", RecordViewSet, basename="record")
router.register("letters", LetterViewSet, basename="letter")
router.register("activities", ActivityViewSet, basename="activity")
router.register("management/warnings", followup.WarningViewSet, basename="mgmt-warning")
router.register("management/members", followup.ManagedMemberViewSet, basename="mgmt-member")
router.register("management/contacts", followup.ContactViewSet, basename="mgmt-contact")
router.register(
    "management/dues-payments", followup.DuesPaymentViewSet, basename="mgmt-dues-payment"
)
router.register("management/card-reviews", followup.CardReviewViewSet, basename="mgmt-card-review")

for topic in (links, plans, packages, lessons, classes, cases, needs, stations, care, subsidies):
    for prefix, viewset, basename in topic.ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls

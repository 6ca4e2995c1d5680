"""Routes of the REST API, mounted at ``/api/v1/``."""

from rest_framework.routers import SimpleRouter

from members import api, management_api, orglife_api, records_api

router = SimpleRouter()
router.register("organizations", api.OrganizationViewSet, basename="organization")
router.register("members", api.MemberViewSet, basename="member")
router.register("records", records_api.RecordViewSet, basename="record")
router.register("letters", records_api.LetterViewSet, basename="letter")
router.register("activities", orglife_api.ActivityViewSet, basename="activity")
router.register("management/warnings", management_api.WarningViewSet, basename="mgmt-warning")
router.register("management/members", management_api.ManagedMemberViewSet, basename="mgmt-member")
router.register("management/contacts", management_api.ContactViewSet, basename="mgmt-contact")
router.register("management/dues-payments", management_api.DuesPaymentViewSet,
                basename="mgmt-dues-payment")  # fmt: skip
router.register("management/card-reviews", management_api.CardReviewViewSet,
                basename="mgmt-card-review")  # fmt: skip

urlpatterns = router.urls

"""Routes of the REST API, mounted at ``/api/v1/``."""

from rest_framework.routers import SimpleRouter

from members import api, orglife_api, records_api

router = SimpleRouter()
router.register("organizations", api.OrganizationViewSet, basename="organization")
router.register("members", api.MemberViewSet, basename="member")
router.register("records", records_api.RecordViewSet, basename="record")
router.register("letters", records_api.LetterViewSet, basename="letter")
router.register("activities", orglife_api.ActivityViewSet, basename="activity")

urlpatterns = router.urls

"""Routes of the REST API, mounted at ``/api/v1/``."""

from rest_framework.routers import SimpleRouter

from members import api

router = SimpleRouter()
router.register("organizations", api.OrganizationViewSet, basename="organization")
router.register("members", api.MemberViewSet, basename="member")

urlpatterns = router.urls

"""Routes of personal links: the public phone page under ``/m/`` (``urlpatterns``) and the
secretaries' steps under a member's file (``member_patterns``, namespace ``member_links``)."""

from django.urls import path

from members.links import views

app_name = "links"

urlpatterns = [
    path("<str:token>/", views.link_home, name="home"),
    path("<str:token>/do/<slug:action>/<int:target_id>/", views.link_do, name="do"),
    path("<str:token>/<slug:page>/<int:target_id>/", views.link_page, name="page"),
]

member_patterns = (
    [
        path("<int:member_pk>/links/", views.link_issue, name="issue"),
        path("<int:member_pk>/links/<int:pk>/revoke/", views.link_revoke, name="revoke"),
    ],
    "member_links",
)

from django.urls import path

from members.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_tree, name="tree"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("lookup/", views.organization_lookup, name="lookup"),
]

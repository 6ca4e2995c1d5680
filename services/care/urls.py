from django.urls import path

from services.care import views

app_name = "care"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("visits/<int:pk>/<str:step>/", views.visit_step, name="visit_step"),
    path("records/", views.record_list, name="record_list"),
    path("new/", views.record_create, name="record_create"),
]

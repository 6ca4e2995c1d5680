from django.urls import path

from education.hours import views

app_name = "hours"

urlpatterns = [
    path("members/<int:member_pk>/add/", views.credit_add, name="credit_add"),
]

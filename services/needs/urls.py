from django.urls import path

from services.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("open/", views.rounds_open, name="rounds_open"),
    path("summary/", views.summary, name="summary"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("entries/<int:pk>/fill/", views.entry_fill, name="entry_fill"),
    path("entries/<int:pk>/case/", views.entry_case, name="entry_case"),
]

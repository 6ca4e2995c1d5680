from django.urls import path  # noqa: F401  (the topic's pages are added here)

app_name = "overview"
urlpatterns: list = []

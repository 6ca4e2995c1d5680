from django.urls import path  # noqa: F401  (the topic's pages come here)

app_name = "care"

urlpatterns: list = []

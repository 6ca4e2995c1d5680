from django.urls import path

from members.outbox import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.inbox_read, name="read"),
    path("read/", views.inbox_read, name="read_all"),
    path("sent/", views.sent, name="sent"),
    path("sent/<int:pk>/resend/", views.resend, name="resend"),
]

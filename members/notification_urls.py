from django.urls import path

from members import notification_views as views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.inbox_read, name="read"),
    path("read/", views.inbox_read, name="read_all"),
    path("send/", views.member_message, name="member_message"),
]

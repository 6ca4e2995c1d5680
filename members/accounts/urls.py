from django.contrib.auth import views as auth_views
from django.urls import path

from members.accounts import views

urlpatterns = [
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change_form.html"
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("two-factor/", views.otp_verify, name="otp_verify"),
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("api-token/", views.api_token, name="api_token"),
    path("api-token/issue/", views.api_token_issue, name="api_token_issue"),
    path("api-token/revoke/", views.api_token_revoke, name="api_token_revoke"),
]

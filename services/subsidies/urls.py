from django.urls import path

from services.subsidies import views

app_name = "subsidies"

urlpatterns = [
    path("", views.subsidy_list, name="subsidy_list"),
    path("new/", views.subsidy_create, name="subsidy_create"),
    path("<int:pk>/", views.subsidy_detail, name="subsidy_detail"),
    path("<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/<str:step>/", views.subsidy_step, name="subsidy_step"),
]

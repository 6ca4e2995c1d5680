from django.urls import path

from education.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/members/", views.plan_add_members, name="plan_add_members"),
    path("<int:pk>/confirm/", views.reading_confirm, name="reading_confirm"),
    path("readings/", views.reading_list, name="reading_list"),
    path("readings/new/", views.reading_create, name="reading_create"),
    path("readings/<int:pk>/edit/", views.reading_edit, name="reading_edit"),
    path("readings/<int:pk>/delete/", views.reading_delete, name="reading_delete"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
]

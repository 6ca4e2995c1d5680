from django.urls import path

from members.mobility import views

app_name = "records"

urlpatterns = [
    path("", views.record_list, name="list"),
    path("inbox/", views.inflow_inbox, name="inbox"),
    path("new/<int:member_pk>/", views.record_create, name="create"),
    path("register-arrival/", views.record_register_inflow, name="register_inflow"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/step/<slug:step>/", views.record_step, name="step"),
    path("<int:pk>/note/", views.record_note, name="note"),
    path("<int:pk>/co-management/", views.record_co_management, name="co_management"),
    path("<int:pk>/letter/", views.letter_issue, name="letter_issue"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/print/", views.letter_print, name="letter_print"),
    path("letters/<int:pk>/return-slip/", views.letter_return_slip, name="letter_return_slip"),
]

from django.urls import path

from education.packages import shipment_views, views

app_name = "packages"

urlpatterns = [
    path("", views.dispatch_list, name="dispatch_list"),
    path("new/", views.dispatch_create, name="dispatch_create"),
    path("<int:pk>/", views.dispatch_detail, name="dispatch_detail"),
    path("<int:pk>/import/", shipment_views.tracking_import, name="tracking_import"),
    path("<int:pk>/template/", shipment_views.tracking_template, name="tracking_template"),
    path("<int:pk>/export/<str:fmt>/", shipment_views.shipment_export, name="shipment_export"),
    path("shipments/<int:pk>/<str:step>/", shipment_views.shipment_step, name="shipment_step"),
    path("packages/", views.package_list, name="package_list"),
    path("packages/new/", views.package_create, name="package_create"),
]

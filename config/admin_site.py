from django.contrib.admin.apps import AdminConfig


class SanlianAdminConfig(AdminConfig):
    """Django's admin on the site of ``members.admin``: titled 三链, view-on-site scoped."""

    default_site = "members.admin.SanlianAdminSite"

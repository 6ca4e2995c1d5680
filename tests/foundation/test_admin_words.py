"""The admin speaks the app's language: titled 三链, column headers in Chinese."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from members.outbox.models import Notification

pytestmark = pytest.mark.django_db


def test_the_admin_is_titled_sanlian(client, superuser):
    client.force_login(superuser)

    page = client.get(reverse("admin:index")).content.decode()

    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1) == "系统管理 | 三链管理后台"


def test_every_list_has_chinese_column_headers(client, superuser, away, secretary_a):
    Notification.objects.create(
        kind="birthday_digest",
        channel="inbox",
        recipient_user=secretary_a,
        occasion="day-1",
        text="今天有1名党员过政治生日",
        status="sent",
    )
    client.force_login(superuser)
    english, checked = {}, 0
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = client.get(url).content.decode()
        table = re.search(r'<table id="result_list">.*?</thead>', page, re.S)
        if table is None:  # an empty list shows no table
            continue
        checked += 1
        headers = re.sub(r"<[^>]+>", " ", table.group(0))
        words = re.findall(r"[A-Za-z]{2,}", headers)
        if words:
            english[url] = words

    assert english == {}
    assert checked >= 3  # lists with rows: members, mobile records, messages at least

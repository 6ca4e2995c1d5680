"""The crawl's own checks: it notices a broken link, a refused form and English words."""

import pytest

from tests.members.crawl.crawler import ALLOWED_WORDS, Crawler
from tests.members.crawl.pages import english_words, read_page

pytestmark = pytest.mark.django_db


def test_english_words_are_found_and_the_allowed_ones_pass():
    texts = ["下载 PDF", "保存 Save", "RECIPIENT", "张善强"]

    assert english_words(texts, ALLOWED_WORDS) == {"Save", "RECIPIENT"}


def test_a_page_is_read_as_a_browser_shows_and_sends_it():
    page = read_page(
        '<a href="/x/">去</a><script>var hidden = "English";</script>'
        '<form method="post" action="/y/"><input name="a" value="1">'
        '<input type="checkbox" name="b"><select name="c"><option value="p">甲</option>'
        '<option value="q" selected>乙</option></select><textarea name="d">备注</textarea>'
        '<button title="Send">发送</button></form>'
    )

    assert page.links == ["/x/"]
    assert (page.forms[0].action, page.forms[0].data) == (
        "/y/",
        {"a": ["1"], "c": ["q"], "d": ["备注"]},
    )
    assert english_words(page.text, ALLOWED_WORDS) == {"Send"}


def test_a_link_to_nothing_is_reported(client, secretary_a):
    client.force_login(secretary_a)

    report = Crawler(client).run("/records/999999/")

    assert report.problems == ["/records/999999/ (from menu): 404"]


def test_a_refused_page_is_reported(client, viewer_b):
    client.force_login(viewer_b)

    report = Crawler(client).run("/records/register-arrival/")

    assert report.problems == ["/records/register-arrival/ (from menu): 403"]

"""Walk the app as one signed-in user: from the home page, every link and form it offers."""

from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve

from tests.members.crawl.pages import Form, english_words, read_page

# Not the app's pages: the admin and the API have their own walks; static files; and the
# two forms every page carries (language, log out), which end the crawl if followed.
SKIPPED = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/logout/")
# Words a Chinese page may show in Latin letters: file formats and technical names users
# know in that form, the language switcher's own name for English, and the couriers' names
# as they print them on their labels.
ALLOWED_WORDS = {"PDF", "QR", "API", "SMS", "English", "ID", "EMS", "Excel", "xlsx", "csv", "MB"}
SUCCESS = {200, 302}


@dataclass
class Report:
    """What the crawl saw: pages and forms checked, and every problem with where it was."""

    pages: int = 0
    forms: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class Crawler:
    client: object
    visits_per_route: int = 2
    posts_per_route: int = 1
    report: Report = field(default_factory=Report)
    seen: set[str] = field(default_factory=set)
    routes: Counter = field(default_factory=Counter)
    posted: Counter = field(default_factory=Counter)

    def run(self, start: str = "/") -> Report:
        queue = deque([(start, "menu")])
        while queue:
            url, source = queue.popleft()
            queue.extend((link, url) for link in self._visit(url, source))
        return self.report

    def _visit(self, url: str, source: str) -> list[str]:
        response = self.client.get(url)
        self.report.pages += 1
        if response.status_code in (301, 302):
            target = response["Location"]
            if urlsplit(target).path.startswith("/login/"):
                self._problem(url, source, "sends a signed-in user to the login page")
            return [target for target in [self._admit(target, url)] if target]
        if response.status_code != 200:
            self._problem(url, source, response.status_code)
            return []
        if "text/html" not in response.get("Content-Type", ""):
            return []
        page = read_page(response.content.decode())
        english = english_words(page.text, ALLOWED_WORDS)
        if english:
            self._problem(url, source, f"English words {sorted(english)}")
        links = [*page.links, *(self._get_form_url(form, url) for form in page.forms)]
        for form in page.forms:
            if form.method == "post":
                self._post(form, url)
        return [link for link in (self._admit(href, url) for href in links) if link]

    def _admit(self, href: str | None, base: str) -> str | None:
        """The URL to visit for a link on ``base``, or ``None`` (elsewhere, seen, enough)."""
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            return None
        parts = urlsplit(urljoin(f"http://testserver{base}", href))
        if parts.netloc != "testserver" or parts.path.startswith(SKIPPED):
            return None
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in self.seen:
            return None
        self.seen.add(url)
        try:
            route = resolve(parts.path).view_name
        except Resolver404:
            return url  # visited to report the 404
        self.routes[route] += 1
        return url if self.routes[route] <= self.visits_per_route else None

    def _get_form_url(self, form: Form, base: str) -> str | None:
        if form.method != "get":
            return None
        query = urlencode([(name, value) for name, values in form.data.items() for value in values])
        return f"{form.action or urlsplit(base).path}?{query}"

    def _post(self, form: Form, base: str) -> None:
        """Send a form as shown, inside a transaction rolled back: the user may send it."""
        # A form without an action posts to the page's own address, query string included
        # (e.g. /services/care/new/?member=7), as a browser does.
        target = urlsplit(urljoin(f"http://testserver{base}", form.action or base))
        action = target.path
        if action.startswith(SKIPPED):
            return
        try:
            route = resolve(action).view_name
        except Resolver404:
            self._problem(action, base, "form posts to an unknown address")
            return
        self.posted[route] += 1
        if self.posted[route] > self.posts_per_route:
            return
        self.report.forms += 1
        with transaction.atomic():
            url = f"{action}?{target.query}" if target.query else action
            response = self.client.post(url, form.data)
            transaction.set_rollback(True)
        if response.status_code not in SUCCESS:
            self._problem(f"POST {action}", base, response.status_code)

    def _problem(self, url: str, source: str, what) -> None:
        self.report.problems.append(f"{url} (from {source}): {what}")

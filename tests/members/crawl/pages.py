"""Read a rendered page as a user meets it: the links and forms it offers, its visible text."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Text a browser does not show.
HIDDEN_TAGS = {"script", "style", "template", "noscript", "svg", "title"}
# Attributes a user reads (tooltips, placeholders, button captions).
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
SKIPPED_INPUTS = {"submit", "button", "reset", "file", "image"}


@dataclass
class Form:
    """A form as a browser would send it: where, how, and its fields' current values."""

    action: str
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.text: list[str] = []
        self.hidden = 0
        self.form: Form | None = None
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        self.text += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.form = Form(attrs.get("action") or "", method)
            self.forms.append(self.form)
        elif self.form is not None:
            self._field(tag, attrs)

    def _field(self, tag, attrs):
        if tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        name = attrs.get("name")
        if not name:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button"} and attrs.get("value"):
                self.text.append(attrs["value"])
            if kind in SKIPPED_INPUTS or (kind in {"checkbox", "radio"} and "checked" not in attrs):
                return
            value = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
            self.form.data.setdefault(name, []).append(value)
        elif tag == "select":
            self.select, self.options = name, []
        elif tag == "textarea":
            self.textarea = name
            self.form.data.setdefault(name, []).append("")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(self.hidden - 1, 0)
        elif tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select and self.form is not None:
            chosen = [value for value, selected in self.options if selected]
            if not chosen and self.options:
                chosen = [self.options[0][0]]
            self.form.data[self.select] = chosen
            self.select = None

    def handle_data(self, data):
        if self.textarea and self.form is not None:
            self.form.data[self.textarea][-1] += data
        if not self.hidden and data.strip():
            self.text.append(data.strip())


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader


# A word of English in the Chinese UI: two or more Latin letters in a row.
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


# An address (a class's meeting link inside a sent message) is data, not words of the UI.
URL = re.compile(r"https?://\S+")


def english_words(texts, allowed: set[str]) -> set[str]:
    """The Latin words among the texts that are not on the allow-list (addresses aside)."""
    return {
        word
        for text in texts
        for word in LATIN_WORD.findall(URL.sub(" ", text))
        if word not in allowed
    }

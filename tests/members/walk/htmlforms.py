"""Read a rendered form back into the data a browser would post (for the admin's forms)."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "reset", "file", "image"}


class FormReader(HTMLParser):
    """Collect the fields of the form whose ``id`` is given: inputs, selects and textareas,
    with what a browser sends for them (checked boxes, selected options, text)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.data: dict[str, list[str]] = {}
        self.select: tuple[str, bool] | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif not attrs.get("name"):
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "select":
            self.select, self.options = (attrs["name"], "multiple" in attrs), []
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data.setdefault(self.textarea, []).append("")

    def _input(self, attrs):
        kind = attrs.get("type", "text")
        if kind in SKIPPED_INPUTS or (kind in {"checkbox", "radio"} and "checked" not in attrs):
            return
        value = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
        self.data.setdefault(attrs["name"], []).append(value)

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.data[name] = chosen
            self.select = None


def read_form(html: str, form_id: str) -> dict[str, list[str]]:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.data

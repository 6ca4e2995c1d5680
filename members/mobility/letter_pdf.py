"""Lay a letter of introduction out as a PDF (ReportLab's built-in CJK font) and its QR code.

The words come from ``letter_text.letter_content``, the same source as the printable page.
"""

import io

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from members.mobility.letter_text import LetterContent, ReturnSlip, letter_content

# STSong-Light ships with every PDF reader (Adobe CJK), so no font file is embedded or fetched.
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT = 25 * mm, WIDTH - 25 * mm
SLIP_HEIGHT = 62 * mm  # the tear-off part at the foot of the last page


def verification_qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3)


class _Page:
    """A cursor down the page that wraps lines by their printed width and turns pages."""

    def __init__(self, pdf: canvas.Canvas):
        self.pdf, self.y = pdf, HEIGHT - 30 * mm

    def text(self, text: str, *, size: int = 11, indent: float = 0, gap: float = 7) -> None:
        for line in wrap(text, RIGHT - LEFT - indent, size):
            self.room(gap * mm)
            self.pdf.setFont(FONT, size)
            self.pdf.drawString(LEFT + indent, self.y, line)
            self.y -= gap * mm

    def centred(self, text: str, *, size: int, gap: float) -> None:
        self.pdf.setFont(FONT, size)
        self.pdf.drawCentredString(WIDTH / 2, self.y, text)
        self.y -= gap * mm

    def room(self, height: float, bottom: float = 20 * mm) -> None:
        if self.y - height < bottom:
            self.pdf.showPage()
            self.y = HEIGHT - 25 * mm


def wrap(text: str, width: float, size: int) -> list[str]:
    """Break at the printed width; Chinese has no spaces to break at, so go by characters."""
    lines, line = [], ""
    for char in text:
        if char == "\n" or pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = "" if char == "\n" else char
        else:
            line += char
    return [*lines, line]


def letter_pdf_bytes(letter, verify_url: str) -> bytes:
    content = letter_content(letter)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{content.title} {letter.number}")
    page = _Page(pdf)
    _letter(page, content)
    _signature_and_code(page, content, verify_url)
    page.room(SLIP_HEIGHT + 10 * mm, bottom=0)
    _slip(pdf, content.slip)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _letter(page: _Page, content: LetterContent) -> None:
    page.centred(content.title, size=20, gap=10)
    page.centred(content.issuer_line, size=11, gap=12)
    page.text(content.addressee)
    page.text(content.body, indent=8 * mm)
    page.y -= 2 * mm
    for label, value in content.facts:
        page.text(f"{label}：{value}", indent=8 * mm, gap=6.5)
    for title, text in content.suggestions:
        page.y -= 2 * mm
        page.text(f"{title}：")
        page.text(text, indent=8 * mm, gap=6)
    page.text(content.validity, indent=8 * mm)


def _signature_and_code(page: _Page, content: LetterContent, verify_url: str) -> None:
    page.room(40 * mm, bottom=SLIP_HEIGHT)
    pdf, top = page.pdf, page.y
    pdf.setFont(FONT, 11)
    pdf.drawRightString(RIGHT, top - 8 * mm, content.signature)
    pdf.drawRightString(RIGHT, top - 15 * mm, content.issued_on)
    pdf.drawString(LEFT, top - 30 * mm, content.verify_note)
    image = io.BytesIO()
    segno.make(verify_url, error="m").save(image, kind="png", scale=4)
    image.seek(0)
    pdf.drawImage(ImageReader(image), LEFT, top - 28 * mm, 25 * mm, 25 * mm)
    page.y = top - 36 * mm


def _slip(pdf: canvas.Canvas, slip: ReturnSlip) -> None:
    """The return slip at the foot of the page, below a dashed line to cut along."""
    y = SLIP_HEIGHT
    pdf.setDash(3, 3)
    pdf.line(15 * mm, y, WIDTH - 15 * mm, y)
    pdf.setDash()
    pdf.setFont(FONT, 8)
    pdf.drawCentredString(WIDTH / 2, y + 2 * mm, slip.cut_line)
    pdf.setFont(FONT, 16)
    pdf.drawCentredString(WIDTH / 2, y - 10 * mm, slip.title)
    pdf.setFont(FONT, 11)
    pdf.drawString(LEFT, y - 20 * mm, slip.addressee)
    y -= 27 * mm
    for line in wrap(slip.body, RIGHT - LEFT - 8 * mm, 11):
        pdf.drawString(LEFT + 8 * mm, y, line)
        y -= 6.5 * mm
    pdf.drawRightString(RIGHT, 18 * mm, slip.signature)
    pdf.drawRightString(RIGHT, 11 * mm, slip.date_line)

"""Render a letter of introduction as a PDF (ReportLab's built-in CJK font) and its QR code."""

import io

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# STSong-Light ships with every PDF reader (Adobe CJK), so no font file is embedded or fetched.
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def verification_qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3)


def letter_lines(letter) -> list[tuple[str, str]]:
    """The letter's facts in print order; shared by the PDF and the printable page."""
    record, member = letter.record, letter.record.member
    return [
        (_("Member"), member.name),
        (_("Gender"), member.get_gender_display()),
        (_("ID number"), member.id_number_masked),
        (_("Category"), member.get_category_display()),
        (_("Date joined the Party"), f"{member.joined_party_on:%Y-%m-%d}"),
        (_("Home organisation"), record.outflow_name),
        (_("Inflow organisation"), record.inflow_name or _("not yet known")),
        (_("Employer"), record.employer_name or "—"),
        (_("Dues paid up to"), f"{letter.dues_paid_to:%Y-%m}" if letter.dues_paid_to else "—"),
        (_("Valid until"), f"{letter.valid_until:%Y-%m-%d}"),
    ]


def letter_pdf_bytes(letter, verify_url: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{_('Letter of introduction')} {letter.number}")
    width, height = A4
    y = height - 30 * mm
    pdf.setFont(FONT, 20)
    pdf.drawCentredString(width / 2, y, _("Letter of introduction for a mobile Party member"))
    y -= 10 * mm
    pdf.setFont(FONT, 11)
    pdf.drawCentredString(width / 2, y, f"{letter.committee.name} · {_('No.')} {letter.number}")
    y -= 14 * mm
    for label, value in letter_lines(letter):
        pdf.drawString(25 * mm, y, f"{label}：{value}")
        y -= 7 * mm
    for title, text in (
        (_("Suggestions for the inflow organisation"), letter.suggestions_for_inflow),
        (_("Suggestions for the employer"), letter.suggestions_for_employer),
    ):
        if text:
            y = _paragraph(pdf, title, text, y - 4 * mm)
    issued = timezone.localtime(letter.issued_at)
    pdf.drawString(25 * mm, 40 * mm, f"{letter.committee.name}  {issued:%Y-%m-%d}")
    pdf.drawString(25 * mm, 33 * mm, _("Scan the code to verify this letter."))
    qr = segno.make(verify_url, error="m")
    image = io.BytesIO()
    qr.save(image, kind="png", scale=4)
    image.seek(0)
    pdf.drawImage(ImageReader(image), width - 60 * mm, 20 * mm, 35 * mm, 35 * mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _paragraph(pdf, title: str, text: str, y: float, per_line: int = 38) -> float:
    pdf.drawString(25 * mm, y, f"{title}：")
    y -= 7 * mm
    for start in range(0, len(text), per_line):
        pdf.drawString(30 * mm, y, text[start : start + per_line])
        y -= 6 * mm
    return y

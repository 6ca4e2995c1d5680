"""The columns of each import and its template workbook: a header row, one example row, and a
second sheet "说明" documenting every column (required or not, the values allowed).

Headers are the file format, written in Chinese whatever the reader's language; notes and
choice labels are shown in the reader's language.
"""

import io
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from members.files.models import Member
from members.imports.models import ImportJob
from members.mobility.models import MobileRecord

TEXT, DATE, CHOICE, NUMBER, YES_NO = "text", "date", "choice", "number", "yes_no"


@dataclass(frozen=True)
class Column:
    key: str  # the model field (or the import's own name) the column fills
    header: str
    required: bool = False
    kind: str = TEXT
    choices: type[models.Choices] | None = None
    note: str = ""
    example: str = ""
    width: int = 16

    def allowed(self) -> str:
        """The values the column takes, in words."""
        if self.choices is not None:
            return "、".join(str(label) for label in self.choices.labels if label)
        return {
            DATE: _("a date such as 2024-03-01 (or an Excel date)"),
            NUMBER: _("a whole number"),
            YES_NO: "是、否",
        }.get(self.kind, _("text"))


def _c(*args, **kwargs) -> Column:
    return Column(*args, **kwargs)


ORG_NOTE = gettext_lazy(
    "The organisation's full name as in the system, within the organisation chosen for the "
    "import. When two have the same name, write the one above it too: 上级名称/名称."
)
MEMBER_COLUMNS = [
    _c("name", "姓名", True, example="王秀玲", width=10),
    _c(
        "id_number",
        "公民身份号码",
        True,
        note=gettext_lazy("18 characters; matches the file already in the system, if any."),
        example="630102198505060028",
        width=22,
    ),
    _c(
        "gender",
        "性别",
        kind=CHOICE,
        choices=Member.Gender,
        note=gettext_lazy("Taken from the ID number when left blank."),
        width=6,
    ),
    _c(
        "birth_date",
        "出生日期",
        kind=DATE,
        note=gettext_lazy("Taken from the ID number when left blank."),
        width=12,
    ),
    _c("ethnicity", "民族", example="汉族", width=8),
    _c("phone", "手机号码", example="13909710024", width=14),
    _c("education", "学历", kind=CHOICE, choices=Member.Education, example="大学本科", width=14),
    _c("household_address", "户籍地址", width=24),
    _c("organization", "所在党组织", True, note=ORG_NOTE, example="", width=24),
    _c(
        "category",
        "党员类别",
        True,
        kind=CHOICE,
        choices=Member.Category,
        example="正式党员",
        width=10,
    ),
    _c("joined_party_on", "入党日期", True, kind=DATE, example="2010-07-01", width=12),
    _c("full_member_on", "转正日期", kind=DATE, example="2011-07-01", width=12),
    _c(
        "skills",
        "技能特长",
        note=gettext_lazy("Separate several with 、 or commas."),
        example="焊工、驾驶",
        width=16,
    ),
    _c("notes", "备注", width=20),
]
RECORD_COLUMNS = [
    _c(
        "id_number",
        "公民身份号码",
        True,
        note=gettext_lazy("The member's file must already be in the organisation chosen."),
        example="630102198505060028",
        width=22,
    ),
    _c(
        "name",
        "姓名",
        note=gettext_lazy("Checked against the file when given."),
        example="王秀玲",
        width=10,
    ),
    _c("original_occupation", "原职业", True, kind=CHOICE, choices=MobileRecord.Occupation),
    _c("reason", "外出原因", True, kind=CHOICE, choices=MobileRecord.Reason, width=12),
    _c("unit_type", "流入单位类型", True, kind=CHOICE, choices=MobileRecord.UnitType),
    _c("departure_date", "外出日期", True, kind=DATE, example="2026-03-01", width=12),
    _c("expected_months", "预计外出时长（月）", kind=NUMBER, example="12", width=10),
    _c(
        "destination_region_code",
        "流入地区划代码",
        True,
        note=gettext_lazy("The six-digit administrative division code, e.g. 320505."),
        example="320505",
        width=12,
    ),
    _c("destination_address", "流入地详细地址", True, example="苏州市高新区", width=24),
    _c("activity_card_number", "流动党员活动证号"),
    _c("member_phone_there", "在流入地的手机号码", width=14),
    _c("member_address_there", "在流入地的住址", width=24),
    _c(
        "inflow_organization",
        "流入党组织",
        note=gettext_lazy(
            "Blank: no inflow organisation yet (the member takes part online with the home "
            "branch). Otherwise its full name: in the system (上级名称/名称 when two share a "
            "name) or, with 是 in the next column, outside it."
        ),
        width=24,
    ),
    _c("inflow_outside", "流入党组织在系统外", kind=YES_NO, width=10),
    _c(
        "external_region_code",
        "系统外党组织区划代码",
        note=gettext_lazy("Required for an organisation outside the system."),
        width=12,
    ),
    _c("external_contact_person", "系统外党组织联系人", width=12),
    _c("external_contact_phone", "系统外党组织联系电话", width=14),
    _c("employer_name", "用人单位", width=20),
    _c("employer_contact_person", "用人单位联系人", width=12),
    _c("employer_contact_phone", "用人单位联系电话", width=14),
    _c("employer_address", "用人单位地址", width=24),
    _c("employer_party_organization", "用人单位党组织", width=20),
    _c("outflow_contact_person", "流出地联系人", width=12),
    _c("outflow_contact_phone", "流出地联系电话", width=14),
    _c("co_management_measures", "共管措施", width=24),
]
COLUMNS = {ImportJob.Kind.MEMBERS: MEMBER_COLUMNS, ImportJob.Kind.RECORDS: RECORD_COLUMNS}
TEMPLATE_NAMES = {
    ImportJob.Kind.MEMBERS: "党员档案导入模板",
    ImportJob.Kind.RECORDS: "流动党员登记导入模板",
}
# Cells Excel must keep as typed: an 18-digit number as a number loses its last digits.
TEXT_KEYS = {"id_number", "phone", "member_phone_there", "destination_region_code"}


def template_workbook(kind: str, *, example: dict[str, str] | None = None) -> bytes:
    """The template of ``kind`` as .xlsx bytes; ``example`` fills the example row's blanks."""
    columns = COLUMNS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = "导入"
    sheet.append([column.header for column in columns])
    sheet.append([(example or {}).get(column.key) or column.example for column in columns])
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = column.width
        sheet.cell(1, number).font = Font(bold=True, color="C00000" if column.required else None)
        if column.key in TEXT_KEYS:
            for row in (2, *range(3, 1002)):
                sheet.cell(row, number).number_format = "@"
    _notes(book.create_sheet("说明"), columns)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _notes(sheet, columns: list[Column]) -> None:
    sheet.append([_("Column"), _("Required"), _("Allowed values"), _("Notes")])
    for column in columns:
        required = _("Yes") if column.required else _("No")
        sheet.append([column.header, required, column.allowed(), str(column.note)])
    sheet.append([])
    sheet.append([_("The first sheet's first row is the header; each later row is one entry.")])
    sheet.append([_("Delete the example row before importing.")])
    for letter, width in zip("ABCD", (22, 8, 60, 70), strict=True):
        sheet.column_dimensions[letter].width = width

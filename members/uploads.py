"""What an uploaded attachment may be: its extension, what its first bytes say it is, its size.

Shared by every app that takes files (a lesson's handouts, a service case's evidence, a hardship
subsidy's supporting papers). The extension alone is what the uploader chose; the first bytes
are what the file is. Both must agree before a file is kept, so a renamed program is refused as
clearly as an oversized video. The signatures are the formats' own (no libmagic on government
intranets).
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office formats' compound file
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    content_type: str
    family: str  # which signature check the first bytes must pass
    zip_folder: str = ""  # for Office Open XML: the folder its zip must hold


ALLOWED = {
    "pdf": FileType("application/pdf", "pdf"),
    "doc": FileType("application/msword", "ole"),
    "xls": FileType("application/vnd.ms-excel", "ole"),
    "ppt": FileType("application/vnd.ms-powerpoint", "ole"),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml", "word/"
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml", "xl/"
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ooxml",
        "ppt/",
    ),
    "jpg": FileType("image/jpeg", "jpeg"),
    "jpeg": FileType("image/jpeg", "jpeg"),
    "png": FileType("image/png", "png"),
    "mp3": FileType("audio/mpeg", "mp3"),
    "mp4": FileType("video/mp4", "mp4"),
}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def attachment_check(
    upload: UploadedFile,
    allowed: dict[str, FileType] = ALLOWED,
    *,
    max_size: int = MAX_ATTACHMENT_SIZE,
) -> FileType:
    """The file's type, or a ``ValidationError`` on ``file`` saying in words what is wrong.

    ``allowed``: the extensions this kind of attachment may have (all known ones by default);
    ``max_size``: its largest size in bytes.
    """
    extension = extension_of(upload.name or "")
    if extension not in allowed:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s”: files of this type cannot be attached; allowed are %(allowed)s."
                )
                % {"name": upload.name, "allowed": ", ".join(sorted(allowed))}
            }
        )
    if upload.size > max_size:
        raise ValidationError(
            {
                "file": _("“%(name)s” is %(size)s; an attachment may be at most %(max)s.")
                % {
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(max_size),
                }
            }
        )
    file_type = allowed[extension]
    if not _content_matches(upload, file_type):
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is not really a .%(extension)s file (its content says otherwise)."
                )
                % {"name": upload.name, "extension": extension}
            }
        )
    return file_type


def allowed_only(*extensions: str) -> dict[str, FileType]:
    """The known types of these extensions (e.g. evidence: documents and pictures)."""
    return {extension: ALLOWED[extension] for extension in extensions}


PICTURES = allowed_only("jpg", "jpeg", "png")


def picture_check(upload) -> None:
    """A picture shown on a page (a member's photo, a lesson's image), checked as attachments
    are: JPEG or PNG, by name and by content, within the size. For a form's ``clean_<field>``:
    anything but a new upload (the picture kept, or "clear" ticked) passes unchecked."""
    if not isinstance(upload, UploadedFile):
        return
    try:
        attachment_check(upload, PICTURES)
    except ValidationError as error:
        raise ValidationError(error.message_dict["file"]) from None


def _content_matches(upload: UploadedFile, file_type: FileType) -> bool:
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    family = file_type.family
    if family == "ooxml":
        return head.startswith(ZIP) and _zip_holds(upload, file_type.zip_folder)
    return {
        "pdf": head.startswith(b"%PDF-"),
        "ole": head.startswith(OLE),
        "jpeg": head.startswith(b"\xff\xd8\xff"),
        "png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        # An ID3 tag, or an MPEG audio frame's sync bits.
        "mp3": head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0),
        "mp4": head[4:8] == b"ftyp",
        # Text (a .csv file): no NUL byte, which no UTF-8 or GB18030 text has.
        "text": b"\x00" not in head,
    }[family]


def _zip_holds(upload: UploadedFile, folder: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)

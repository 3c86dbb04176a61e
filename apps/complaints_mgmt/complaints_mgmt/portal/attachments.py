"""Files citizens attach to complaints and appeals: photos, PDF documents and short videos.

The type is read from the content (its magic bytes), never from the name or the browser's word; the
size limits are in Citizen Portal Settings; such files are always private. The same rule holds for
the portal's own upload and for anything a citizen sends to Frappe's upload endpoint (File hook).
"""

import re
from dataclasses import dataclass

import filetype
import frappe
from frappe import _
from frappe.utils import cint

SETTINGS = "Citizen Portal Settings"
CITIZEN_DOCTYPES = ("Complaint", "Appeal")

# MIME type read from the content -> (kind, extension stored)
ALLOWED_TYPES = {
	"image/jpeg": ("image", "jpg"),
	"image/png": ("image", "png"),
	"application/pdf": ("document", "pdf"),
	"video/mp4": ("video", "mp4"),
}
MB = 1024 * 1024
_UNSAFE_NAME = re.compile(r"[^\w\-. ]+", re.UNICODE)


class AttachmentError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class Upload:
	file_name: str
	content: bytes


def check_content(file_name: str, content: bytes) -> str:
	"""The MIME type of an acceptable attachment, or AttachmentError naming the file and the problem."""
	kind = filetype.guess(content[:8192]) if content else None
	mime = kind.mime if kind else None
	if mime not in ALLOWED_TYPES:
		frappe.throw(
			_("{0}: only photos (JPG, PNG), PDF documents and MP4 videos can be attached.").format(file_name),
			AttachmentError,
		)
	limit_mb = max_size_mb(ALLOWED_TYPES[mime][0])
	if len(content) > limit_mb * MB:
		frappe.throw(
			_("{0} is larger than {1} MB, the most allowed for this kind of file.").format(
				file_name, limit_mb
			),
			AttachmentError,
		)
	return mime


def max_size_mb(kind: str) -> int:
	field = "max_video_mb" if kind == "video" else "max_file_mb"
	return max(cint(frappe.db.get_single_value(SETTINGS, field)), 1)


def max_attachments() -> int:
	return max(cint(frappe.db.get_single_value(SETTINGS, "max_attachments")), 0)


def uploads_from_request(field: str = "attachments") -> list[Upload]:
	"""The files sent as multipart form parts named `field`, each checked (AttachmentError)."""
	request = getattr(frappe.local, "request", None)
	files = [f for f in (request.files.getlist(field) if request else []) if f and f.filename]
	return checked_uploads([(f.filename, f.read()) for f in files])


def checked_uploads(files: list[tuple[str, bytes]]) -> list[Upload]:
	"""[(file name, content)] as uploads to store: within the count allowed, each of an allowed type and
	size, named safely with the extension of what it really is."""
	if len(files) > max_attachments():
		frappe.throw(_("At most {0} files can be attached.").format(max_attachments()), AttachmentError)
	uploads = []
	for name, content in files:
		file_name = safe_file_name(name)
		mime = check_content(file_name, content)
		uploads.append(Upload(_with_extension(file_name, ALLOWED_TYPES[mime][1]), content))
	return uploads


def attach_uploads(doctype: str, name: str, uploads: list[Upload]) -> list[str]:
	"""Save the uploads as private files of the document; their File names."""
	files = []
	for upload in uploads:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": upload.file_name,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": upload.content,
			}
		)
		file.flags.checked_citizen_upload = True
		file.insert(ignore_permissions=True)
		files.append(file.name)
	return files


def validate_citizen_file(doc, method=None) -> None:
	"""File hook (before_insert): a file a citizen attaches to a complaint or an appeal is a private
	photo, PDF or video within the size limits, uploaded with its content (not a link to a file
	already on the server, which could be somebody else's)."""
	if doc.attached_to_doctype not in CITIZEN_DOCTYPES or doc.is_folder:
		return
	from complaints_mgmt.portal.citizen_input import is_citizen_session

	if not is_citizen_session():
		return
	if not doc.flags.get("checked_citizen_upload"):
		if not doc.get("content"):
			frappe.throw(_("Attach a file from your device."), AttachmentError)
		check_content(doc.file_name or "", getattr(doc, "_content", None) or doc.content)
	if not doc.is_private:
		frappe.throw(_("Files attached to a complaint are private."), AttachmentError)


def safe_file_name(value) -> str:
	name = _UNSAFE_NAME.sub("_", str(value or "").split("/")[-1].split("\\")[-1]).strip(" ._")
	return (name or "attachment")[:100]


def _with_extension(file_name: str, extension: str) -> str:
	stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
	return f"{stem}.{extension}"

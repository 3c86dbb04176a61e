"""The role permissions table of docs/PERMISSIONS.md as data: read by test_permission_matrix against what
the DocTypes ship, and by the security suite over HTTP (tests/security), which imports it without Frappe."""

from pathlib import Path

PERMISSIONS_TABLE = Path(__file__).resolve().parents[2] / "docs" / "PERMISSIONS.md"
RIGHTS = ("read", "write", "create", "delete", "submit", "export", "report", "print")


def documented_permissions(path: Path = PERMISSIONS_TABLE) -> dict[tuple[str, str], set[str]]:
	"""{(doctype, role): {rights}} from the Markdown table: the rights whose cell holds a tick."""
	table = {}
	for line in path.read_text().splitlines():
		cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
		if len(cells) != 2 + len(RIGHTS) or cells[0] in ("DocType", "---"):
			continue
		doctype, role, *marks = cells
		table[(doctype, role)] = {right for right, mark in zip(RIGHTS, marks, strict=True) if mark == "✓"}
	return table

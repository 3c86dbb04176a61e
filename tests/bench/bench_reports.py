"""Every report and number card of the app, over HTTP the way the desk calls them (frappe.desk.query_report.run
and the number card API), with the filters a user gets when opening them and over a whole year."""

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from bench_common import Client, time_calls

NUMBER_CARD_API = "frappe.desk.doctype.number_card.number_card.get_result"
REPORT_API = "frappe.desk.query_report.run"
GROUP_BY_DEFAULT = re.compile(r"group_by_filter\([\s\S]*?,\s*\"(\w+)\"\s*\)")


def module_path() -> Path:
	import complaints_mgmt

	return Path(complaints_mgmt.__file__).parent / "complaints"


def reports() -> list[dict]:
	"""The app's reports, each with the default of its Group By filter (from its script) if it has one."""
	found = []
	for path in sorted((module_path() / "report").glob("*/*.json")):
		definition = json.loads(path.read_text())
		if definition.get("doctype") != "Report":
			continue
		script = path.with_suffix(".js")
		match = GROUP_BY_DEFAULT.search(script.read_text()) if script.exists() else None
		found.append({"name": definition["name"], "group_by": match.group(1) if match else None})
	return found


def number_cards() -> list[dict]:
	cards = []
	for path in sorted((module_path() / "number_card").glob("*/*.json")):
		definition = json.loads(path.read_text())
		if definition.get("doctype") == "Number Card":
			cards.append(definition)
	return cards


def report_filters(report: dict, days: int) -> dict:
	today = date.today()
	filters = {"from_date": str(today - timedelta(days=days)), "to_date": str(today)}
	if report["group_by"]:
		filters["group_by"] = report["group_by"]
	return filters


def card_request(card: dict) -> tuple[str, dict]:
	"""The method and arguments the desk's number card widget sends for this card."""
	if card.get("type") == "Custom":
		return card["method"], {"filters": card.get("filters_json") or "{}"}
	filters = json.loads(card.get("filters_json") or "[]")
	for doctype, field, operator, expression in json.loads(card.get("dynamic_filters_json") or "[]"):
		# the desk evaluates these in the browser; the ones our cards use are "now"
		value = datetime.now().strftime("%Y-%m-%d %H:%M:%S") if "now" in expression else expression
		filters.append([doctype, field, operator, value, False])
	doc = {
		key: card.get(key)
		for key in ("name", "type", "function", "document_type", "aggregate_function_based_on")
	}
	doc["parent_document_type"] = card.get("parent_document_type")
	return NUMBER_CARD_API, {"doc": json.dumps(doc), "filters": json.dumps(filters)}


def run(
	clients_by_user: dict[str, Client], repeat: int, periods: dict[str, int], progress=print
) -> list[dict]:
	rows = []
	for label, client in clients_by_user.items():
		session = client.session()
		for report in reports():
			for period, days in periods.items():
				arguments = {
					"report_name": report["name"],
					"filters": json.dumps(report_filters(report, days)),
					"ignore_prepared_report": "false",
				}
				result = time_calls(client.method_call(session, REPORT_API, arguments, 300, exc_fails=True), repeat, warmup=1)
				rows.append(_row("report", report["name"], period, label, result))
				progress(_line(rows[-1]))
		for card in number_cards():
			method, arguments = card_request(card)
			result = time_calls(client.method_call(session, method, arguments, 300, exc_fails=True), repeat, warmup=1)
			rows.append(_row("number card", card["name"], card.get("type"), label, result))
			progress(_line(rows[-1]))
	return rows


def _row(kind: str, name: str, variant: str, user: str, result) -> dict:
	return {"kind": kind, "name": name, "variant": variant, "user": user, **result.summary()}


def _line(row: dict) -> str:
	return (
		f"  {row['kind']:<11} {row['name']:<28} {row['variant'] or '':<14} {row['user']:<30} "
		f"p50 {row['p50_ms']} ms p95 {row['p95_ms']} ms failed {row['failed']} (load {row['load_after']})"
		+ (f" {row['errors']}" if row["errors"] else "")
	)

"""The desk's Complaint list and its count, over HTTP, as the list view asks for them, for users whose
permission query conditions limit what they see; and each user's assignments (ToDo), the list an
officer works from, as its list view opens it: the user's open ones, newest first."""

import json

from bench_common import Client, time_calls

# What the v15 list view requests: frappe.model.std_fields_list, then the in-list-view fields and the title
STANDARD_FIELDS = (
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"_user_tags",
	"_comments",
	"_assign",
	"_liked_by",
	"docstatus",
	"idx",
)


def list_fields(doctype: str, *fields: str) -> str:
	return json.dumps([f"`tab{doctype}`.`{field}`" for field in (*STANDARD_FIELDS, *fields)])


LIST_FIELDS = list_fields("Complaint", "category", "status", "subject")
OPEN_FILTER = [["Complaint", "status", "not in", ["Closed", "Rejected"]]]

QUERIES = {
	# name: (method, arguments)
	"list (20 newest)": (
		"frappe.desk.reportview.get_list",
		{
			"doctype": "Complaint",
			"fields": LIST_FIELDS,
			"filters": "[]",
			"order_by": "`tabComplaint`.`creation` desc",
			"start": 0,
			"page_length": 20,
			"with_comment_count": 1,
		},
	),
	"list, open only": (
		"frappe.desk.reportview.get_list",
		{
			"doctype": "Complaint",
			"fields": LIST_FIELDS,
			"filters": json.dumps(OPEN_FILTER),
			"order_by": "`tabComplaint`.`creation` desc",
			"start": 0,
			"page_length": 20,
			"with_comment_count": 1,
		},
	),
	# the list view's count: at most 1,001 ("1,000+")
	"count (list view, limit 1001)": (
		"frappe.desk.reportview.get_count",
		{"doctype": "Complaint", "filters": "[]", "fields": "[]", "distinct": "false", "limit": 1001},
	),
	# the exact count (report view, sidebar, frappe.db.count)
	"count (exact)": (
		"frappe.desk.reportview.get_count",
		{"doctype": "Complaint", "filters": "[]", "fields": "[]", "distinct": "false"},
	),
	"count open (exact)": (
		"frappe.desk.reportview.get_count",
		{"doctype": "Complaint", "filters": json.dumps(OPEN_FILTER), "fields": "[]", "distinct": "false"},
	),
}


TODO_FIELDS = list_fields(
	"ToDo", "status", "priority", "date", "allocated_to", "description", "reference_type", "reference_name"
)


def assignment_queries(user: str) -> dict:
	"""Frappe's ToDo list view opens on the user's open ToDos (todo_list.js); Frappe's permission
	condition adds "assigned to or by the user"."""
	mine = json.dumps([["ToDo", "status", "=", "Open"], ["ToDo", "allocated_to", "=", user]])
	return {
		"assignments (my open ToDos, 20)": (
			"frappe.desk.reportview.get_list",
			{
				"doctype": "ToDo",
				"fields": TODO_FIELDS,
				"filters": mine,
				"order_by": "`tabToDo`.`modified` desc",
				"start": 0,
				"page_length": 20,
				"with_comment_count": 1,
			},
		),
		"assignments count (exact)": (
			"frappe.desk.reportview.get_count",
			{"doctype": "ToDo", "filters": mine, "fields": "[]", "distinct": "false"},
		),
	}


def run(clients_by_user: dict[str, Client], repeat: int, progress=print) -> list[dict]:
	rows = []
	for label, client in clients_by_user.items():
		session = client.session()
		user = session.get(client.url("/api/method/frappe.auth.get_logged_user"), timeout=30).json()["message"]
		for query, (method, arguments) in {**QUERIES, **assignment_queries(user)}.items():
			result = time_calls(client.method_call(session, method, arguments, timeout=120), repeat, warmup=2)
			sample = session.post(client.url(f"/api/method/{method}"), data=arguments, timeout=120)
			message = sample.json().get("message") if sample.ok else None
			answer = message if isinstance(message, int) else (len(message) if message is not None else None)
			row = {"user": label, "query": query, "answer": answer, **result.summary()}
			rows.append(row)
			progress(
				f"  desk {label:<34} {query:<30} p50 {row['p50_ms']} ms p95 {row['p95_ms']} ms "
				f"(answer {answer}, failed {row['failed']}, load {row['load_after']})"
			)
	return rows

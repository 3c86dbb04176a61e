"""The run's figures as Markdown (docs/PERFORMANCE.md) and the facts about the set-up they depend on.

The file's part below GENERATED_END is written by people (findings, what was changed) and kept as it is
when the figures are written again.
"""

import subprocess
from pathlib import Path

import frappe
from bench_common import BENCH_ROOT

GENERATED_END = "<!-- end of generated figures: text below this line is kept by the next run -->"

TARGETS = {
	"intake_ratio": 0.70,
	"volume_ratio": 0.80,
	"sync_rate": 300,
	"list_p95_ms": 300,
	"report_p95_ms": 2000,
	"escalation_s": 10,
	"tracking_p95_ms": 50,
}


def git_commit() -> str:
	app = BENCH_ROOT / "apps" / "complaints_mgmt"
	try:
		commit = subprocess.run(
			["git", "rev-parse", "--short", "HEAD"], cwd=app, capture_output=True, text=True, check=True
		).stdout.strip()
		dirty = subprocess.run(
			["git", "status", "--porcelain", "--untracked-files=no"], cwd=app, capture_output=True, text=True
		).stdout.strip()
	except (OSError, subprocess.CalledProcessError):
		return "unknown"
	return commit + (" with uncommitted changes" if dirty else "")


def database_settings() -> dict:
	names = ("innodb_buffer_pool_size", "innodb_flush_log_at_trx_commit", "innodb_log_file_size", "version")
	rows = frappe.db.sql("show variables where Variable_name in %(names)s", {"names": names})
	return dict(rows)


def organisation() -> dict:
	return {
		doctype: frappe.db.count(doctype)
		for doctype in ("Governorate", "Directorate", "Social Unit", "Liaison Officer", "Complaint Category")
	} | {"Assignment Rule": frappe.db.count("Assignment Rule", {"document_type": "Complaint", "disabled": 0})}


# Rendering


def render(results: dict, previous: str | None = None) -> str:
	lines = [
		"# Performance",
		"",
		"Figures of the benchmark suite in `tests/bench/` (see its `run.py`), written by the run itself. The",
		"command that produced them, from the bench directory as the bench user:",
		"",
		"```sh",
		results["command"],
		"```",
		"",
		f"Run from {results['started']} to {results.get('finished', '?')} on site `{results['site']}`, app commit "
		f"{results['versions']['app_commit']}.",
		"",
		*_setup(results),
		*_targets(results),
		*_intake(results),
		*_desk(results),
		*_escalation(results),
		*_reports(results),
		*_tracking(results),
		*_sync(results),
		*_jobs(results),
		GENERATED_END,
	]
	text = "\n".join(lines) + "\n"
	kept = _kept_part(previous)
	return text + kept


def _kept_part(previous: str | None) -> str:
	if previous is None:
		path = BENCH_ROOT / "docs" / "PERFORMANCE.md"
		previous = path.read_text() if path.exists() else ""
	if GENERATED_END in previous:
		return previous.split(GENERATED_END, 1)[1]
	return "\n"


def _setup(r: dict) -> list[str]:
	m, db, org = r["machine"], r["database"], r.get("organisation", {})
	generation = r.get("generation")
	rows = [
		("CPU", f"{m['cpu']}, {m['cores']} cores"),
		("RAM", f"{m['memory_gib']} GiB"),
		("`uptime` at the start", r["uptime_start"]),
		("`uptime` at the end", r["uptime_end"]),
		(
			"Software",
			f"Frappe {r['versions']['frappe']}, MariaDB {r['versions']['mariadb']}, Python {m['python']}",
		),
		(
			"MariaDB settings",
			f"buffer pool {int(db.get('innodb_buffer_pool_size', 0)) // 2**20} MiB, "
			f"innodb_flush_log_at_trx_commit={db.get('innodb_flush_log_at_trx_commit')} (durable commits)",
		),
		(
			"Web server",
			f"gunicorn, {r['gunicorn_workers']} sync workers, on 127.0.0.1, started by the run; the load "
			"generator runs on the same machine",
		),
		(
			"Background workers",
			"none started by the run: during the load, jobs are only queued (measured); the jobs that follow "
			"it run afterwards in the run's own process, as a worker runs them (section 7)",
		),
		(
			"Data",
			f"{r.get('complaints', r['complaints_at_start']):,} complaints when the figures at volume were "
			f"taken ({r.get('open_complaints', 0):,} open), {r['complaints_at_end']:,} at the end; "
			+ ", ".join(f"{count:,} {doctype}" for doctype, count in org.items()),
		),
	]
	if generation:
		rows.append(
			(
				"Generating the volume",
				f"{generation['inserted']:,} complaints in {generation['seconds']:.0f} s "
				f"({generation['per_second']:,.0f}/s) with `bench --site SITE complaints-generate`",
			)
		)
	return ["## Machine and set-up", "", "| | |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows), ""]


def _fmt(value, digits=1) -> str:
	if value is None:
		return "–"
	if isinstance(value, float):
		return f"{value:,.{digits}f}"
	return f"{value:,}" if isinstance(value, int) else str(value)


def _met(ok: bool | None) -> str:
	return "not measured" if ok is None else ("met" if ok else "**not met**")


def _intake_pairs(phase: dict | None) -> list[tuple[int, dict, dict | None]]:
	if not phase:
		return []
	rows = phase["rows"]
	ours = {row["clients"]: row for row in rows if row["doctype"] == "Complaint"}
	bare = {row["clients"]: row for row in rows if row["doctype"] != "Complaint"}
	return [(clients, ours[clients], bare.get(clients)) for clients in sorted(ours)]


def _targets(r: dict) -> list[str]:
	t = TARGETS
	rows = []
	for phase_key, phase_label in (("intake_empty", "near-empty site"), ("intake_volume", "at volume")):
		for clients, ours, bare in _intake_pairs(r.get(phase_key)):
			if bare and bare["rate"]:
				ratio = ours["rate"] / bare["rate"]
				rows.append(
					(
						f"Intake ≥ 70% of the bare DocType's rate ({phase_label}, {clients} clients)",
						f"{ours['rate']:.1f}/s vs {bare['rate']:.1f}/s = {ratio:.0%}",
						ratio >= t["intake_ratio"],
					)
				)
			if clients == 16:
				rows.append(
					(
						f"No failed intake request at 16 clients ({phase_label})",
						f"{ours['failed']} of {ours['sent']}",
						ours["failed"] == 0,
					)
				)
	empty = {c: o for c, o, _b in _intake_pairs(r.get("intake_empty"))}
	for clients, ours, _bare in _intake_pairs(r.get("intake_volume")):
		if clients in empty and empty[clients]["rate"]:
			ratio = ours["rate"] / empty[clients]["rate"]
			rows.append(
				(
					f"Intake at volume ≥ 80% of the near-empty rate ({clients} clients)",
					f"{ours['rate']:.1f}/s vs {empty[clients]['rate']:.1f}/s = {ratio:.0%}",
					ratio >= t["volume_ratio"],
				)
			)
	if not r.get("intake_empty") and r.get("intake_volume"):
		rows.append(
			(
				"Intake at volume ≥ 80% of the near-empty rate",
				"near-empty not measured in this run (use --reset)",
				None,
			)
		)
	for row, bare in _with_reference(r.get("sync"), "sync", "bare"):
		rows.append(
			(
				f"Central-system sync ≥ 300 complaints/s ({row['clients']} clients, batches of {row['batch_size']})",
				f"{row['complaints_per_second']}/s"
				+ (
					f" (the bare DocType through Frappe's insert_many: {bare['complaints_per_second']}/s)"
					if bare
					else ""
				),
				row["complaints_per_second"] >= t["sync_rate"],
			)
		)
	desk = r.get("desk") or []
	if desk:
		worst = max(desk, key=lambda row: row["p95_ms"] or 0)
		rows.append(
			(
				"List and count p95 < 300 ms (worst of all users and queries)",
				f"{_fmt(worst['p95_ms'])} ms ({worst['user']}, {worst['query']})",
				all((row["p95_ms"] or 0) < t["list_p95_ms"] and not row["failed"] for row in desk),
			)
		)
	reports = r.get("reports") or []
	if reports:
		worst = max(reports, key=lambda row: row["p95_ms"] or 0)
		rows.append(
			(
				"Every report and number card < 2 s (worst p95)",
				f"{_fmt(worst['p95_ms'])} ms ({worst['name']}, {worst['variant']}, {worst['user']})",
				all((row["p95_ms"] or 0) < t["report_p95_ms"] and not row["failed"] for row in reports),
			)
		)
	if "escalation" in r:
		e = r["escalation"]
		rows.append(
			(
				"Escalation run < 10 s",
				f"{e['seconds']} s" if e else "not yet measured: the app has no escalation job yet",
				e["seconds"] < t["escalation_s"] if e else None,
			)
		)
	for row, ping in _with_reference(_guest_levels(r.get("tracking")), "look-up", "ping"):
		rows.append(
			(
				f"Tracking look-up p95 < 50 ms ({row['clients']} concurrent guests)",
				f"{_fmt(row['p95_ms'])} ms"
				+ (f" (Frappe's ping in its place: {_fmt(ping['p95_ms'])} ms)" if ping else ""),
				(row["p95_ms"] or 0) < t["tracking_p95_ms"] and not row["failed"],
			)
		)
	if "tracking" in r and r["tracking"] is None:
		rows.append(("Tracking look-up p95 < 50 ms", "not yet measured: no tracking endpoint", None))
	return [
		"## Targets",
		"",
		"| target | figure | |",
		"| --- | --- | --- |",
		*(f"| {a} | {b} | {_met(c)} |" for a, b, c in rows),
		"",
	]


def _intake(r: dict) -> list[str]:
	if not (r.get("intake_empty") or r.get("intake_volume")):
		return []
	lines = [
		"## 1. Intake over REST",
		"",
		"`POST /api/resource/Complaint` as a call-center agent (API key and secret; an Idempotency-Key on",
		"each request), a hotline complaint with a valid national ID in a real category, governorate and",
		"district: validation, tracking number, routing, assignment (ToDo), workflow state, timeline and",
		"queued notifications. Beside it the same requests to `Bench Bare Complaint`, a custom DocType",
		"with the same fields and no controller, hooks, workflow or permission hooks (made by the run on",
		"the benchmark site only). Each level sends both DocTypes in turn, so they see the same load.",
		"",
		"| complaints in the table | DocType | clients | requests/s | p50 ms | p95 ms | failed / sent "
		"| ours ÷ bare | load after (1, 5, 15 min) |",
		"| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
	]
	for key in ("intake_empty", "intake_volume"):
		phase = r.get(key)
		if not phase:
			continue
		for clients, ours, bare in _intake_pairs(phase):
			for row in (bare, ours):
				if not row:
					continue
				ratio = f"{ours['rate'] / bare['rate']:.0%}" if row is ours and bare and bare["rate"] else ""
				errors = (
					f" ({', '.join(f'{k}: {v}' for k, v in row['errors'].items())})" if row["errors"] else ""
				)
				lines.append(
					f"| {phase['complaints']:,} | {row['doctype']} | {clients} | {row['rate']:.1f} | "
					f"{_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} | {row['failed']} / {row['sent']}{errors} | "
					f"{ratio} | {row['load_after']} |"
				)
	return [*lines, ""]


def _desk(r: dict) -> list[str]:
	rows = r.get("desk")
	if not rows:
		return []
	lines = [
		"## 2. Desk list view and count",
		"",
		"`frappe.desk.reportview.get_list` with the list view's fields, 20 rows, newest first, and",
		'`frappe.desk.reportview.get_count` (the list view asks with limit 1001 and shows "1,000+"), over',
		f"HTTP, one client, {rows[0]['sent']} timed calls each after 2 untimed ones. The same for the",
		"user's assignments (ToDo): their open ones, newest first, as the ToDo list view opens; each",
		"complaint with an officer has its ToDo, open while the complaint is.",
		"",
		"| user | query | answer | p50 ms | p95 ms | failed | load after |",
		"| --- | --- | --- | --- | --- | --- | --- |",
	]
	for row in rows:
		lines.append(
			f"| {row['user']} | {row['query']} | {_fmt(row['answer'])} | {_fmt(row['p50_ms'])} | "
			f"{_fmt(row['p95_ms'])} | {row['failed']} | {row['load_after']} |"
		)
	return [*lines, ""]


def _escalation(r: dict) -> list[str]:
	if "escalation" not in r:
		return []
	e = r["escalation"]
	if not e:
		return [
			"## 3. Escalation run",
			"",
			"Not yet measured: the app has no scheduled escalation job (`complaints_mgmt.service_levels.escalation`) yet.",
			"",
		]
	return [
		"## 3. Escalation run",
		"",
		f"`{e['method']}`, run in-process as the scheduler runs it (including its commit), with "
		f"{e['open']:,} open complaints of which {e['overdue']:,} past their deadline. Before the run "
		f"{e.get('due', 0):,} open complaints were made due (the earliest next escalations); the run "
		"looks at each, records the levels that apply (a level already sent is not sent again) and "
		"moves its next escalation on. Then the job runs again at once with nothing due.",
		"",
		"| due | escalations recorded | seconds | per due complaint | run with nothing due | load before | load after |",
		"| --- | --- | --- | --- | --- | --- | --- |",
		f"| {e.get('due', 0):,} | {e.get('escalations_recorded', 0):,} | {e['seconds']} | "
		f"{_fmt(1000 * e['seconds'] / e['due']) + ' ms' if e.get('due') else '—'} | "
		f"{e.get('idle_seconds', '—')} s | {e['load_before']} | {e['load_after']} |",
		"",
	]


def _reports(r: dict) -> list[str]:
	rows = r.get("reports")
	if not rows:
		return []
	lines = [
		"## 4. Reports and number cards",
		"",
		"`frappe.desk.query_report.run` with each report's default grouping over the last month (what",
		"the desk opens with) and over the last 12 months; number cards through the API the desk's card",
		f"widget calls. {rows[0]['sent']} timed calls each after one untimed.",
		"",
		"| kind | name | filters | user | p50 ms | p95 ms | failed | load after |",
		"| --- | --- | --- | --- | --- | --- | --- | --- |",
	]
	for row in rows:
		lines.append(
			f"| {row['kind']} | {row['name']} | {row['variant'] or ''} | {row['user']} | {_fmt(row['p50_ms'])} | "
			f"{_fmt(row['p95_ms'])} | {row['failed']} | {row['load_after']} |"
		)
	return [*lines, ""]


def _with_reference(rows: list[dict] | None, kind: str, reference: str):
	"""Each row of `kind` with the `reference` row of the same level (None when the run had none).
	Rows written before references were measured have no kind: they are all of `kind`."""
	rows = rows or []
	references = {row["clients"]: row for row in rows if row.get("kind") == reference}
	return [(row, references.get(row["clients"])) for row in rows if row.get("kind", kind) == kind]


def _guest_levels(rows: list[dict] | None) -> list[dict]:
	"""The tracking rows of guests at a fixed count (not those of rounds arriving at a rate)."""
	return [row for row in rows or [] if not row.get("arrival_rate")]


def _tracking(r: dict) -> list[str]:
	if "tracking" not in r:
		return []
	rows = r["tracking"]
	if rows is None:
		return [
			"## 5. Portal tracking look-up",
			"",
			"Not yet measured: the site has no tracking endpoint.",
			"",
		]
	lines = [
		"## 5. Portal tracking look-up",
		"",
		"`POST /api/method/complaints_mgmt.api.portal.track` with a tracking number and the complainant's",
		"national ID, as guests, each request from its own address (X-Forwarded-For through a loopback",
		"proxy), over 500 complaints spread through the table. The answer is the rendered status page.",
		"Each round asks for the proof-of-work challenge and then looks up with a solved one, as the portal's",
		"page does: p50 and p95 are the look-up request's own; the round (challenge request and look-up) is",
		"beside them. Rounds per second count whole rounds. The proofs are solved before each level starts,",
		"in one process per core: solving is the guest's device's work, and solved inside the timed rounds",
		"it took a core of this machine from the server (bench_tracking.py).",
		"",
		"Beside each level, the same rounds with Frappe's `ping` (`/api/method/ping`, which answers",
		'"pong" and reads nothing) in the look-up\'s place: the floor that any request sits on at that',
		"many guests, on this machine with these workers.",
		"",
		"| guests | second request | rounds/s | p50 ms | p95 ms | round p50 ms | round p95 ms | failed / sent | load after |",
		"| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
	]
	for row in _guest_levels(rows):
		second = "ping (floor)" if row.get("kind") == "ping" else "look-up"
		lines.append(
			f"| {row['clients']} | {second} | {row['rate']:.1f} | {_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} | "
			f"{_fmt(row.get('round_p50_ms'))} | {_fmt(row.get('round_p95_ms'))} | "
			f"{row['failed']} / {row['sent']} | {row['load_after']} |"
		)
	arrivals = [row for row in rows if row.get("arrival_rate")]
	if arrivals:
		lines += [
			"",
			"Guests at a fixed count ask again the moment they have their answer, so from 4 guests on they",
			"keep every worker busy and their latency is their count over the throughput. Below, the same",
			"rounds arrive on their own at a fixed average rate (exponential gaps), each from a new guest,",
			"whether the earlier ones have finished or not: the look-up's latency at that demand. A round",
			"is timed from its arrival, so a round that waits for a free sender counts that wait.",
			"",
			"| rounds arriving /s | answered /s | p50 ms | p95 ms | round p50 ms | round p95 ms | failed / sent | load after |",
			"| --- | --- | --- | --- | --- | --- | --- | --- |",
		]
		for row in arrivals:
			lines.append(
				f"| {row['arrival_rate']:g} | {row['rate']:.1f} | {_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} | "
				f"{_fmt(row.get('round_p50_ms'))} | {_fmt(row.get('round_p95_ms'))} | "
				f"{row['failed']} / {row['sent']} | {row['load_after']} |"
			)
	return [*lines, ""]


def _sync(r: dict) -> list[str]:
	rows = r.get("sync")
	if not rows:
		return []
	lines = [
		"## 6. Central-system sync",
		"",
		"`POST /api/method/complaints_mgmt.api.sync.receive_complaints` as the integration user, batches of",
		"complaints with new external references, each validated, routed and assigned as if it came alone.",
		"Beside it, at each level, the same batches of `Bench Bare Complaint` (the intake's bare DocType)",
		"through Frappe's own `POST /api/method/frappe.client.insert_many` as the call-center agent: one",
		"Document.insert each in one request and one transaction, without routing, assignment, deadlines",
		"or notices.",
		"",
		"| clients | endpoint | batch | complaints | complaints/s | batch p50 ms | batch p95 ms | failed / sent | load after |",
		"| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
	]
	for row in rows:
		endpoint = "bare DocType, insert_many" if row.get("kind") == "bare" else "sync"
		lines.append(
			f"| {row['clients']} | {endpoint} | {row['batch_size']} | {row['complaints']} | "
			f"{row['complaints_per_second']} | "
			f"{_fmt(row['batch_p50_ms'])} | {_fmt(row['batch_p95_ms'])} | {row['failed']} / {row['sent']} | "
			f"{row['load_after']} |"
		)
	return [*lines, ""]


def _jobs(r: dict) -> list[str]:
	rows = r.get("jobs")
	if not rows:
		return []
	lines = [
		"## 7. Background jobs after the load",
		"",
		"The notices of the complaints registered by the intake above and of the escalations the escalation",
		"run recorded, each sent by the site's one draining job (`queued_jobs.drain`), run in the run's own",
		"process after the escalation run, with their commits. Emails are queued for the site's outgoing",
		"account (the run never sends them); no SMS gateway is set on the benchmark site.",
		"",
		"| job | rows waiting | done | left | seconds | per row | CPU per row | load after |",
		"| --- | --- | --- | --- | --- | --- | --- | --- |",
	]
	for row in rows:
		per_row = f"{_fmt(1000 * row['seconds'] / row['done'])} ms" if row["done"] else "—"
		cpu_row = f"{_fmt(1000 * row['cpu_seconds'] / row['done'])} ms" if row["done"] else "—"
		lines.append(
			f"| {row['job']} (`{row['method']}`) | {row['waiting']:,} | {row['done']:,} | {row['left']:,} | "
			f"{row['seconds']} | {per_row} | {cpu_row} | {row['load_after']} |"
		)
	return [*lines, ""]

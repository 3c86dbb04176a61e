"""The benchmark suite: one command that measures the app where it counts and writes docs/PERFORMANCE.md.

	cd <bench> && env/bin/python tests/bench/run.py --site perf.localhost [--reset]

Run it as the bench user (bench refuses root; on the development machine `/tmp/asbench '...'`). The site
must have `allow_tests` in its site config: the run writes complaints, API keys and a custom DocType.

What runs, in order (--only picks some):
  intake     POST /api/resource/Complaint as a call-center agent with 1, 4 and 16 clients, beside the same
             load on a bare DocType with the same fields and no hooks; on a near-empty site (with --reset,
             or when the site has fewer than 10,000 complaints) and again at the volume
  volume     complaints-generate up to --volume complaints (1,000,000), timed
  desk       the list view and its count as liaison officers, a directorate head and a manager
  escalation one run of the app's scheduled escalation job, when the app has one
  jobs       the background jobs that follow: the notices of the complaints and escalations above
  reports    every report and number card, as a directorate head and as a manager
  tracking   the portal's tracking look-up under concurrent guests, beside the same rounds with Frappe's
             `ping` in the look-up's place (the floor of any request on this machine)
  sync       the central-system batch endpoint, complaints per second, beside the same batches of the
             bare DocType through Frappe's `frappe.client.insert_many`

The load goes to a gunicorn started here on 127.0.0.1 (--port, 8160-8169) with --workers workers, and is
bounded in requests and seconds. The files in bench_*.py are not collected by pytest (not test_*.py).
"""

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_common
import bench_document
import bench_setup
from bench_common import BENCH_ROOT, Client, Gunicorn, free_port, uptime_line

SECTIONS = ("intake", "volume", "desk", "escalation", "jobs", "reports", "tracking", "sync")
EMPTY_SITE_LIMIT = 10_000


def parse_args(argv=None):
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument("--port", type=int, default=8160)
	parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
	parser.add_argument("--volume", type=int, default=1_000_000, help="complaints to measure at")
	parser.add_argument("--reset", action="store_true", help="remove every complaint first (benchmark sites)")
	parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
	parser.add_argument("--levels", default="1,4,16", help="concurrent clients for intake and tracking")
	parser.add_argument(
		"--arrivals", default="30,60,90,120", help="tracking rounds a second arriving on their own (open load)"
	)
	parser.add_argument("--scale", type=float, default=1.0, help="multiplies the intake request counts")
	parser.add_argument("--repeat", type=int, default=20, help="timed calls per list/count query")
	parser.add_argument("--report-repeat", type=int, default=5, help="timed calls per report and card")
	parser.add_argument("--output", default=str(BENCH_ROOT / "docs" / "PERFORMANCE.md"))
	parser.add_argument("--no-write", action="store_true", help="print the table only")
	return parser.parse_args(argv)


def every_100_000(log):
	"""The generator reports each batch ("5000/1000000 complaints (2 s)"): pass on every 100,000th."""

	def progress(line: str) -> None:
		done = line.split("/", 1)[0]
		if done.isdigit() and int(done) % 100_000 == 0:
			log(f"  {line}")

	return progress


def main(argv=None) -> int:
	args = parse_args(argv)
	sections = [s.strip() for s in args.only.split(",") if s.strip()]
	unknown = set(sections) - set(SECTIONS)
	if unknown:
		sys.exit(f"unknown sections: {', '.join(sorted(unknown))}")
	levels = [int(n) for n in args.levels.split(",")]
	output_dir = BENCH_ROOT / "test-output" / "bench"
	output_dir.mkdir(parents=True, exist_ok=True)

	results: dict = {
		"started": datetime.now().isoformat(timespec="seconds"),
		"command": " ".join(["env/bin/python", "tests/bench/run.py", *(argv or sys.argv[1:])]),
		"machine": bench_common.machine(),
		"uptime_start": uptime_line(),
		"site": args.site,
		"gunicorn_workers": args.workers,
		"sections": sections,
	}
	log = print

	bench_setup.connect(args.site, str(BENCH_ROOT / "sites"))
	import frappe

	results["versions"] = {
		"frappe": frappe.__version__,
		"mariadb": frappe.db.sql("select version()")[0][0],
		"app_commit": bench_document.git_commit(),
	}
	results["database"] = bench_document.database_settings()
	if bench_setup.ensure_organisation():
		log("loaded the demo organisation")
	bench_setup.ensure_sync_user()
	if bench_setup.ensure_outgoing_email_account():
		log("made a default outgoing email account (never sent from): notifications queue their emails")
	if bench_setup.enable_escalation():
		log("escalation was switched off in Complaints Settings: switched on (its default)")
	users = {
		"agent": bench_setup.AGENT,
		"manager": bench_setup.MANAGER,
		"head": bench_setup.HEAD,
		"unit_officer": bench_setup.UNIT_OFFICER,
		"directorate_officer": bench_setup.DIRECTORATE_OFFICER,
		"sync": bench_setup.SYNC_USER,
	}
	tokens = bench_setup.api_tokens(list(users.values()))
	bare = bench_setup.ensure_bare_doctype() if {"intake", "sync"} & set(sections) else None
	if args.reset:
		log("removing every complaint (--reset)")
		bench_setup.reset_complaints()
	results["complaints_at_start"] = bench_setup.complaint_count()
	log(f"{args.site}: {results['complaints_at_start']} complaints; {uptime_line()}")

	port = free_port(args.port)
	server = Gunicorn(args.site, port, args.workers, output_dir)
	server.start()
	log(f"gunicorn -w {args.workers} on {server.url}")

	def client(role):
		return Client(server.url, args.site, tokens[users[role]] if role else None)

	try:
		from bench_intake import Payloads

		payloads = Payloads()
		if "intake" in sections and results["complaints_at_start"] < EMPTY_SITE_LIMIT:
			import bench_intake

			log(f"intake on a near-empty site ({results['complaints_at_start']} complaints)")
			results["intake_empty"] = {
				"complaints": results["complaints_at_start"],
				"rows": bench_intake.run(client("agent"), ["Complaint", bare], levels, payloads, args.scale),
			}
			frappe.db.commit()

		if "volume" in sections:
			log(f"volume: generating up to {args.volume} complaints")
			started = time.monotonic()
			stats = bench_setup.generate_volume(args.volume, progress=every_100_000(log))
			if stats:
				stats["load_after"] = bench_common.load_average()
				results["generation"] = {
					k: round(v, 1) if isinstance(v, float) else v for k, v in stats.items()
				}
				log(f"  {stats['inserted']} complaints in {time.monotonic() - started:.0f} s")

		results["complaints"] = bench_setup.complaint_count()
		results["open_complaints"] = bench_setup.open_count()
		results["organisation"] = bench_document.organisation()
		frappe.db.commit()

		if "intake" in sections and results["complaints"] >= EMPTY_SITE_LIMIT:
			import bench_intake

			log(f"intake at {results['complaints']} complaints")
			results["intake_volume"] = {
				"complaints": results["complaints"],
				"rows": bench_intake.run(client("agent"), ["Complaint", bare], levels, payloads, args.scale),
			}

		if "desk" in sections:
			import bench_desk

			log("desk list and count")
			results["desk"] = bench_desk.run(
				{
					"liaison officer (one unit)": client("unit_officer"),
					"liaison officer (directorate + 12 units)": client("directorate_officer"),
					"directorate head (Cairo)": client("head"),
					"complaints manager (national)": client("manager"),
				},
				args.repeat,
			)

		if "escalation" in sections:
			import bench_escalation

			method = bench_setup.escalation_entry_point()
			if method:
				log(f"escalation: {method}")
				results["escalation"] = bench_escalation.run(method)
				log(f"  {results['escalation']}")
			else:
				results["escalation"] = None
				log("escalation: the app has no scheduled escalation job yet: not measured")

		if "jobs" in sections:
			import bench_jobs

			log("background jobs")
			results["jobs"] = bench_jobs.run()
			for row in results["jobs"]:
				log(f"  {row['job']}: {row['done']} of {row['waiting']} in {row['seconds']} s ({row['cpu_seconds']} s CPU)")

		if "reports" in sections:
			import bench_reports

			log("reports and number cards")
			results["reports"] = bench_reports.run(
				{
					"directorate head (Cairo)": client("head"),
					"complaints manager (national)": client("manager"),
				},
				args.report_repeat,
				{"last month": 31, "last 12 months": 365},
			)

		if "tracking" in sections:
			import bench_tracking

			pairs = bench_setup.sample_tracking_pairs(500)
			frappe.db.commit()
			if bench_tracking.available(client(None)):
				log(f"tracking look-ups ({len(pairs)} complaints)")
				results["tracking"] = bench_tracking.run(
					client(None),
					pairs,
					levels,
					60,
					arrival_rates=tuple(float(rate) for rate in args.arrivals.split(",") if rate),
				)
			else:
				results["tracking"] = None

		if "sync" in sections:
			import bench_sync

			log("central-system sync")
			batches = max(2, int(3 * args.scale))
			bare_reference = (client("agent"), bare)
			results["sync"] = bench_sync.run(
				client("sync"), payloads, 100, batches, [1, 2, 4], bare=bare_reference
			)
	finally:
		server.stop()
		results["complaints_at_end"] = bench_setup.complaint_count()
		results["uptime_end"] = uptime_line()
		results["finished"] = datetime.now().isoformat(timespec="seconds")
		bench_setup.disconnect()

	stamp = results["started"].replace(":", "").replace("-", "")
	(output_dir / f"results-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
	text = bench_document.render(results)
	print()
	print(text)
	if not args.no_write:
		Path(args.output).parent.mkdir(parents=True, exist_ok=True)
		Path(args.output).write_text(text)
		print(f"written to {args.output}")
	return 0


if __name__ == "__main__":
	sys.exit(main())

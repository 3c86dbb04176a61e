"""Backup and restore with the bench's own commands: `bench --site TEST_SITE backup --with-files`, then a
new site restored from the database dump and both file archives. Complaint and appeal counts, every
attachment (its record and the bytes on disk) and every complaint's timeline (comments and versions)
match the source; the restored site finds a complaint by tracking number and national ID.

The site's keys are not in the dump: `encryption_key` (stored passwords, API secrets) and
`national_id_hash_key` (look-ups and duplicate checks by national ID) are copied from the backup's
site_config_backup.json, as docs/SECURITY.md tells an operator to do. Slow (it creates a site): run with
`pytest tests/faults -m slow`.
"""

import json
import shutil
import subprocess
import time
import uuid

import pytest
from conftest import BENCH_ROOT, OUTPUT, TEST_SITE

pytestmark = pytest.mark.slow

KEYS = ("encryption_key", "national_id_hash_key")


def run_bench(*args: str, timeout: float = 900) -> str:
	result = subprocess.run(["bench", *args], cwd=BENCH_ROOT, capture_output=True, text=True, timeout=timeout)
	if result.returncode:
		log = OUTPUT / "faults" / f"bench-{args[0] if args[0] != '--site' else args[2]}.log"
		log.parent.mkdir(parents=True, exist_ok=True)
		log.write_text(result.stdout + result.stderr)
		raise AssertionError(f"bench {' '.join(args[:3])} failed; see {log}")
	return result.stdout


def snapshot(site: str) -> dict:
	out = run_bench("--site", site, "execute", "complaints_mgmt.tests.security_fixtures.site_snapshot")
	return json.loads(out.strip().splitlines()[-1])


def backup_files(output: str) -> dict[str, str]:
	"""{Config, Database, Public, Private: absolute path} from the backup summary."""
	files = {}
	for line in output.splitlines():
		label, _, rest = line.partition(":")
		if label.strip() in ("Config", "Database", "Public", "Private") and rest.strip():
			path = rest.split()[0]
			files[label.strip()] = str((BENCH_ROOT / "sites" / path).resolve())
	return files


@pytest.fixture
def restored_site():
	common = json.loads((BENCH_ROOT / "sites" / "common_site_config.json").read_text())
	name = f"restored-{uuid.uuid4().hex[:8]}.localhost"
	root = common.get("root_login", "root")
	yield name, root
	if (BENCH_ROOT / "sites" / name).exists():
		run_bench("drop-site", name, "--db-root-username", root, "--force", "--no-backup")
	shutil.rmtree(BENCH_ROOT / "archived" / "sites" / name, ignore_errors=True)


def test_a_backup_with_files_restores_into_a_new_site_whole(access, restored_site):
	name, root = restored_site
	figures = {}
	before = snapshot(TEST_SITE)
	assert before["attachments"] >= 3 and before["timeline_comments"] >= 3 and before["missing_files"] == 0

	started = time.monotonic()
	files = backup_files(run_bench("--site", TEST_SITE, "backup", "--with-files"))
	figures["backup seconds"] = round(time.monotonic() - started, 1)
	assert set(files) == {"Config", "Database", "Public", "Private"}, files
	try:
		started = time.monotonic()
		run_bench("new-site", name, "--db-root-username", root, "--admin-password", "admin")
		run_bench(
			"--site",
			name,
			"restore",
			files["Database"],
			"--with-public-files",
			files["Public"],
			"--with-private-files",
			files["Private"],
			"--db-root-username",
			root,
		)
		source_config = json.loads(open(files["Config"]).read())
		for key in KEYS:
			if source_config.get(key):
				run_bench("--site", name, "set-config", key, source_config[key])
		figures["restore seconds"] = round(time.monotonic() - started, 1)

		after = snapshot(name)
		assert after == before
		complaint = access["complaints"]["a1"]["name"]
		found = run_bench(
			"--site",
			name,
			"execute",
			"complaints_mgmt.tests.security_fixtures.find_by_national_id",
			"--kwargs",
			repr({"name": complaint, "national_id": "29001010112345"}),
		)
		assert json.loads(found.strip().splitlines()[-1]) == complaint
	finally:
		for path in files.values():
			(BENCH_ROOT / "sites" / path).unlink(missing_ok=True)
	figures.update(
		{key: before[key] for key in ("complaints", "attachments", "timeline_comments", "versions")}
	)
	(OUTPUT / "faults").mkdir(parents=True, exist_ok=True)
	(OUTPUT / "faults" / "backup_restore.json").write_text(json.dumps(figures, indent=1))

"""A complete, private Frappe stack for the fault suite, so that its parts can be killed and restarted
without touching anything shared: its own MariaDB (mariadbd on 127.0.0.1:FAULTS_DB_PORT, default 3317,
in a temporary data directory), its own Redis for cache and queue (FAULTS_REDIS_PORTS, default
13317,11317), its own sites directory whose common_site_config points at them, a site with the app
installed, gunicorn with two workers, a background worker and a local SMS gateway.

Nothing here runs `bench`: the bench's sites/common_site_config.json names the shared MariaDB and Redis,
so the stack runs Frappe's own command line (`python -m frappe.utils.bench_helper frappe ...`, what
`bench` calls) from the private sites directory. Every process is started here and stopped by its own
handle. A plugin named in tests/conftest.py, not a conftest.py (see security/fixtures.py).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from conftest import BENCH_ROOT, OUTPUT, _free_port

SITE = "faults.localhost"
PYTHON = str(BENCH_ROOT / "env" / "bin" / "python")
GUNICORN = str(BENCH_ROOT / "env" / "bin" / "gunicorn")
DB_PORT = int(os.environ.get("FAULTS_DB_PORT", "3317"))
REDIS_PORTS = [int(port) for port in os.environ.get("FAULTS_REDIS_PORTS", "13317,11317").split(",")]
WEB_WORKERS = 2


def program(name: str) -> str:
	"""A server program by name; MariaDB's live in /usr/sbin, often not on a user's PATH."""
	found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin")
	if not found:
		pytest.skip(f"{name} is not installed")
	return found


class SmsGateway:
	"""An SMS gateway on 127.0.0.1 (GET ?to=...&text=...) that keeps the messages it gets."""

	def __init__(self, port: int):
		self.port = port
		self.url = f"http://127.0.0.1:{port}/sms"
		self.received: list[dict] = []
		self.server = None

	def start(self):
		from urllib.parse import parse_qs, urlparse

		gateway = self

		class Handler(BaseHTTPRequestHandler):
			def do_GET(self):
				query = parse_qs(urlparse(self.path).query)
				gateway.received.append({key: values[0] for key, values in query.items()})
				self.send_response(200)
				self.end_headers()
				self.wfile.write(b"OK")

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
		threading.Thread(target=self.server.serve_forever, daemon=True).start()

	def stop(self):
		if self.server:
			self.server.shutdown()
			self.server.server_close()
			self.server = None


class FaultStack:
	def __init__(self):
		self.base = Path(tempfile.mkdtemp(prefix="complaints-faults-"))
		self.sites = self.base / "sites"
		self.db_dir = self.base / "mariadb"
		self.logs = OUTPUT / "faults"
		self.db_password = secrets.token_hex(12)
		self.sms = SmsGateway(_free_port())
		self.sms.start()  # bound before the next free port is chosen
		self.web_port = _free_port()
		self.url = f"http://127.0.0.1:{self.web_port}"
		self.processes: dict[str, subprocess.Popen] = {}
		self.timings: dict[str, float] = {}
		# restarted whenever they exit, as supervisor does in production (config/templates/supervisor.conf)
		self.supervised = {"worker": self.start_worker}
		self.restarts: dict[str, int] = {}
		self.closing = threading.Event()

	# Set-up -------------------------------------------------------------------------------------

	def build(self):
		self.logs.mkdir(parents=True, exist_ok=True)
		self.sites.mkdir()
		(self.base / "logs").mkdir()
		(self.base / "apps").symlink_to(BENCH_ROOT / "apps")
		(self.sites / "assets").symlink_to(BENCH_ROOT / "sites" / "assets")
		shutil.copy(BENCH_ROOT / "sites" / "apps.txt", self.sites / "apps.txt")
		(self.sites / "common_site_config.json").write_text(
			json.dumps(
				{
					"db_host": "127.0.0.1",
					"db_port": DB_PORT,
					"redis_cache": f"redis://127.0.0.1:{REDIS_PORTS[0]}",
					"redis_queue": f"redis://127.0.0.1:{REDIS_PORTS[1]}",
					"redis_socketio": f"redis://127.0.0.1:{REDIS_PORTS[0]}",
					"root_login": "root",
					"root_password": self.db_password,
					"background_workers": 1,
					"default_site": SITE,
					"serve_default_site": True,
				},
				indent=1,
			)
		)
		started = time.monotonic()
		self.install_mariadb()
		self.start_mariadb()
		for port in REDIS_PORTS:
			self.start_redis(port)
		self.timings["database and redis"] = time.monotonic() - started
		started = time.monotonic()
		self.frappe(
			"new-site",
			SITE,
			"--db-root-username",
			"root",
			"--db-root-password",
			self.db_password,
			"--admin-password",
			"admin",
			"--no-mariadb-socket",
			"--install-app",
			"complaints_mgmt",
			site=None,
			timeout=900,
		)
		self.frappe(
			"execute",
			"complaints_mgmt.setup.site.complete_setup",
			"--kwargs",
			repr({"time_zone": "Africa/Cairo", "language": "en"}),
		)
		self.timings["new site"] = time.monotonic() - started
		self.frappe(
			"execute",
			"complaints_mgmt.tests.security_fixtures.configure_sms_gateway",
			"--kwargs",
			repr({"url": self.sms.url}),
		)
		self.start_web()
		self.start_worker()
		threading.Thread(target=self._supervise, daemon=True).start()
		return self

	def _supervise(self):
		while not self.closing.wait(1):
			for name, start in self.supervised.items():
				process = self.processes.get(name)
				if process is not None and process.poll() is not None:
					self.restarts[name] = self.restarts.get(name, 0) + 1
					start()

	def install_mariadb(self):
		self.run(
			[
				program("mariadb-install-db"),
				"--no-defaults",
				f"--datadir={self.db_dir}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			"mariadb-install-db",
		)

	def start_mariadb(self):
		self.spawn(
			"mariadb",
			[
				program("mariadbd"),
				"--no-defaults",
				f"--datadir={self.db_dir}",
				f"--port={DB_PORT}",
				"--bind-address=127.0.0.1",
				f"--socket={self.base / 'mysqld.sock'}",
				f"--pid-file={self.base / 'mysqld.pid'}",
				"--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci",
				"--skip-character-set-client-handshake",
				"--skip-name-resolve",
				"--innodb-buffer-pool-size=128M",
				"--max-connections=200",
			],
		)
		deadline = time.monotonic() + 60
		while subprocess.run(
			[
				program("mariadb-admin"),
				"--no-defaults",
				f"--socket={self.base / 'mysqld.sock'}",
				"-uroot",
				*self._root_password(),
				"ping",
			],
			capture_output=True,
		).returncode:
			if time.monotonic() > deadline or self.processes["mariadb"].poll() is not None:
				raise RuntimeError(f"mariadbd did not start; see {self.logs / 'mariadb.log'}")
			time.sleep(0.3)
		if not (self.db_dir / "root-password-set").exists():
			sql = (
				f"ALTER USER 'root'@'localhost' IDENTIFIED BY '{self.db_password}';"
				f"ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{self.db_password}';"
				"GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"
			)
			self.run(
				[
					program("mariadb"),
					"--no-defaults",
					f"--socket={self.base / 'mysqld.sock'}",
					"-uroot",
					"-e",
					sql,
				],
				"set root",
			)
			(self.db_dir / "root-password-set").touch()

	def _root_password(self) -> list[str]:
		return [f"-p{self.db_password}"] if (self.db_dir / "root-password-set").exists() else []

	def start_redis(self, port: int):
		self.spawn(
			f"redis-{port}",
			[
				program("redis-server"),
				"--port",
				str(port),
				"--bind",
				"127.0.0.1",
				"--save",
				"",
				"--appendonly",
				"no",
				"--dir",
				str(self.base),
			],
		)
		deadline = time.monotonic() + 20
		while (
			subprocess.run(
				[program("redis-cli"), "-p", str(port), "ping"], capture_output=True
			).stdout.strip()
			!= b"PONG"
		):
			if time.monotonic() > deadline:
				raise RuntimeError(f"redis-server did not start on {port}")
			time.sleep(0.2)

	def start_web(self):
		self.spawn(
			"gunicorn",
			[
				GUNICORN,
				"-b",
				f"127.0.0.1:{self.web_port}",
				"-w",
				str(WEB_WORKERS),
				"-t",
				"120",
				"--graceful-timeout",
				"5",
				"frappe.app:application",
			],
			cwd=self.sites,
		)
		self.wait_until_serving(120)

	def start_worker(self):
		self.spawn("worker", [PYTHON, "-m", "frappe.utils.bench_helper", "frappe", "worker"], cwd=self.sites)

	# Parts failing and coming back -------------------------------------------------------------

	def stop(self, name: str, sig=signal.SIGTERM, timeout: float = 60):
		process = self.processes.pop(name, None)
		if process and process.poll() is None:
			process.send_signal(sig)
			try:
				process.wait(timeout=timeout)
			except subprocess.TimeoutExpired:
				process.kill()
				process.wait(timeout=10)

	def web_workers(self) -> list[int]:
		"""Process ids of gunicorn's workers (children of its master)."""
		master = self.processes["gunicorn"].pid
		children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
		return [int(pid) for pid in children]

	def wait_until_serving(self, timeout: float) -> float:
		"""Seconds until the site answers a ping again."""
		started = time.monotonic()
		while True:
			try:
				response = requests.get(f"{self.url}/api/method/ping", headers=self.headers(), timeout=5)
				if response.ok and response.json().get("message") == "pong":
					return time.monotonic() - started
			except (requests.RequestException, ValueError):
				pass
			if time.monotonic() - started > timeout:
				raise RuntimeError(f"the fault site did not answer within {timeout}s; see {self.logs}")
			time.sleep(0.3)

	# Helpers ------------------------------------------------------------------------------------

	def headers(self) -> dict:
		return {"X-Frappe-Site-Name": SITE}

	def frappe(self, *args: str, site: str | None = SITE, timeout: float = 300) -> str:
		"""Frappe's command line on the private sites directory (what `bench` runs)."""
		command = [
			PYTHON,
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			*(["--site", site] if site else []),
			*args,
		]
		return self.run(command, args[0], cwd=self.sites, timeout=timeout)

	def execute(self, function: str, **kwargs):
		"""A function's result; `bench execute` prints nothing for an empty one."""
		args = ["execute", function] + (["--kwargs", repr(kwargs)] if kwargs else [])
		out = self.frappe(*args).strip()
		return json.loads(out.splitlines()[-1]) if out else None

	def run(self, command: list[str], label: str, cwd: Path | None = None, timeout: float = 300) -> str:
		result = subprocess.run(
			command, cwd=cwd or self.base, capture_output=True, text=True, timeout=timeout
		)
		if result.returncode:
			(self.logs / f"{label}.log").write_text(result.stdout + result.stderr)
			raise RuntimeError(f"{label} failed ({result.returncode}); see {self.logs / (label + '.log')}")
		return result.stdout

	def spawn(self, name: str, command: list[str], cwd: Path | None = None):
		log = open(self.logs / f"{name}.log", "a")
		self.processes[name] = subprocess.Popen(
			command, cwd=cwd or self.base, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
		)

	def teardown(self):
		self.closing.set()
		for name in ["worker", "gunicorn", *[f"redis-{port}" for port in REDIS_PORTS], "mariadb"]:
			self.stop(name)
		self.sms.stop()
		if not os.environ.get("FAULTS_KEEP"):
			shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def fault_stack():
	stack = FaultStack()
	try:
		stack.build()
		yield stack
	finally:
		stack.teardown()


@pytest.fixture(scope="session")
def fault_people(fault_stack):
	"""The security suite's organisations, users and API tokens, on the fault site."""
	return fault_stack.execute("complaints_mgmt.tests.security_fixtures.make_access_fixtures")

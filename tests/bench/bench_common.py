"""What every benchmark shares: the machine, a gunicorn of our own, HTTP clients and a bounded load generator.

Load is aimed only at 127.0.0.1 and is bounded twice: a number of requests and a number of seconds,
whichever comes first.
"""

import os
import platform
import queue
import random
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

BENCH_ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
PORT_RANGE = range(8160, 8170)


# The machine and its load


def load_average() -> str:
	"""`uptime`'s three load averages, as it prints them."""
	one, five, fifteen = os.getloadavg()
	return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def uptime_line() -> str:
	try:
		return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
	except (OSError, subprocess.CalledProcessError):
		return f"load average: {load_average()}"


def machine() -> dict:
	cpu = platform.processor() or platform.machine()
	try:
		for line in Path("/proc/cpuinfo").read_text().splitlines():
			if line.startswith("model name"):
				cpu = line.split(":", 1)[1].strip()
				break
	except OSError:
		pass
	memory = 0
	try:
		for line in Path("/proc/meminfo").read_text().splitlines():
			if line.startswith("MemTotal:"):
				memory = int(line.split()[1]) * 1024
				break
	except OSError:
		pass
	return {
		"cpu": cpu,
		"cores": os.cpu_count(),
		"memory_gib": round(memory / 2**30, 1),
		"kernel": platform.release(),
		"python": platform.python_version(),
	}


# Statistics


def percentile(values: list[float], share: float) -> float | None:
	"""The nearest-rank percentile (share 0..1) of `values`; None for no values."""
	if not values:
		return None
	ordered = sorted(values)
	rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
	return ordered[rank - 1]


@dataclass
class LoadResult:
	clients: int
	sent: int = 0
	ok: int = 0
	failed: int = 0
	seconds: float = 0.0
	latencies: list[float] = field(default_factory=list)
	# when a request times a part of its work (the look-up after the guest challenge), its whole round
	round_latencies: list[float] = field(default_factory=list)
	errors: dict[str, int] = field(default_factory=dict)
	load_before: str = ""
	load_after: str = ""

	@property
	def rate(self) -> float:
		return self.ok / self.seconds if self.seconds else 0.0

	@property
	def p50(self) -> float | None:
		return percentile(self.latencies, 0.50)

	@property
	def p95(self) -> float | None:
		return percentile(self.latencies, 0.95)

	def summary(self) -> dict:
		return {
			"clients": self.clients,
			"sent": self.sent,
			"ok": self.ok,
			"failed": self.failed,
			"seconds": round(self.seconds, 2),
			"rate": round(self.rate, 2),
			"p50_ms": ms(self.p50),
			"p95_ms": ms(self.p95),
			**(
				{
					"round_p50_ms": ms(percentile(self.round_latencies, 0.50)),
					"round_p95_ms": ms(percentile(self.round_latencies, 0.95)),
				}
				if self.round_latencies
				else {}
			),
			"errors": dict(sorted(self.errors.items(), key=lambda item: -item[1])[:5]),
			"load_before": self.load_before,
			"load_after": self.load_after,
		}


def ms(seconds: float | None) -> float | None:
	return None if seconds is None else round(seconds * 1000, 1)


def run_load(
	request: Callable[[requests.Session, int], str | None],
	clients: int,
	max_requests: int,
	max_seconds: float,
	session_factory: Callable[[], requests.Session],
) -> LoadResult:
	"""`clients` threads, each with its own session, call `request(session, number)` until `max_requests`
	were sent or `max_seconds` passed. `request` returns None on success or a short error label, or
	(None, seconds) to have only that part of its work timed (the whole round is kept beside it). Only
	the latencies of successful requests are counted in the percentiles; every failure is counted."""
	result = LoadResult(clients=clients, load_before=load_average())
	lock = threading.Lock()
	counter = iter(range(max_requests))
	started = time.monotonic()
	deadline = started + max_seconds

	def worker():
		session = session_factory()
		while time.monotonic() < deadline:
			with lock:
				number = next(counter, None)
			if number is None:
				return
			_count(result, lock, request, session, number, time.monotonic())

	threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(max_seconds + 120)
	result.seconds = time.monotonic() - started
	result.load_after = load_average()
	return result


def _count(result: LoadResult, lock, request, session, number: int, begun: float) -> None:
	"""Send one request and count it: its latency from `begun`, or its error. `request` returns None on
	success or a short error label, or (None, seconds) to have only that part of its work timed."""
	try:
		error = request(session, number)
	except requests.RequestException as e:
		error = type(e).__name__
	took = time.monotonic() - begun
	part = None
	if isinstance(error, tuple):
		error, part = error
	with lock:
		result.sent += 1
		if error is None:
			result.ok += 1
			result.latencies.append(took if part is None else part)
			if part is not None:
				result.round_latencies.append(took)
		else:
			result.failed += 1
			result.errors[error] = result.errors.get(error, 0) + 1


def run_arrivals(
	request: Callable[[requests.Session, int], str | None],
	rate: float,
	max_requests: int,
	max_seconds: float,
	session_factory: Callable[[], requests.Session],
	seed: int = 1,
	senders: int = 64,
) -> LoadResult:
	"""Open arrivals: `request(session, number)` started at `rate` a second on average (exponential gaps,
	as independent guests arrive), whether the earlier ones have finished or not, until `max_requests`
	were sent or `max_seconds` passed. Up to `senders` threads wait for their answers; an arrival that
	finds none free waits, and that wait is counted in its round, so a saturated server cannot hide its
	queue. Latencies as in `run_load`."""
	result = LoadResult(clients=senders, load_before=load_average())
	lock = threading.Lock()
	arrivals: queue.Queue = queue.Queue()
	local = threading.local()

	def worker():
		while True:
			item = arrivals.get()
			if item is None:
				return
			number, due = item
			if not hasattr(local, "session"):
				local.session = session_factory()
			_count(result, lock, request, local.session, number, due)  # a wait for a free sender counts

	threads = [threading.Thread(target=worker, daemon=True) for _ in range(senders)]
	for thread in threads:
		thread.start()
	rng = random.Random(seed)
	started = time.monotonic()
	due = started
	for number in range(max_requests):
		due += rng.expovariate(rate)
		if due > started + max_seconds:
			break
		time.sleep(max(0.0, due - time.monotonic()))
		arrivals.put((number, due))
	for _ in threads:
		arrivals.put(None)
	for thread in threads:
		thread.join(max_seconds + 120)
	result.seconds = time.monotonic() - started
	result.load_after = load_average()
	return result


def time_calls(call: Callable[[], str | None], repeat: int, warmup: int = 1) -> LoadResult:
	"""One client calling `call` `repeat` times in a row (after `warmup` calls that are not counted)."""
	for _ in range(warmup):
		call()
	result = LoadResult(clients=1, load_before=load_average())
	started = time.monotonic()
	for _ in range(repeat):
		begun = time.monotonic()
		try:
			error = call()
		except requests.RequestException as e:
			error = type(e).__name__
		took = time.monotonic() - begun
		result.sent += 1
		if error is None:
			result.ok += 1
			result.latencies.append(took)
		else:
			result.failed += 1
			result.errors[error] = result.errors.get(error, 0) + 1
	result.seconds = time.monotonic() - started
	result.load_after = load_average()
	return result


# The server


def free_port(preferred: int | None = None) -> int:
	ports = [preferred] if preferred else list(PORT_RANGE)
	for port in ports:
		with socket.socket() as s:
			try:
				s.bind((LOOPBACK, port))
			except OSError:
				continue
			return port
	raise OSError(f"no free port among {ports}")


class Gunicorn:
	"""`gunicorn -w N frappe.app:application` on a loopback port, started and stopped by the benchmark."""

	def __init__(self, site: str, port: int, workers: int, log_dir: Path):
		self.site = site
		self.port = port
		self.workers = workers
		self.log_path = log_dir / f"gunicorn-{port}.log"
		self.process: subprocess.Popen | None = None

	@property
	def url(self) -> str:
		return f"http://{LOOPBACK}:{self.port}"

	def command(self) -> list[str]:
		return [
			str(BENCH_ROOT / "env" / "bin" / "gunicorn"),
			"-b",
			f"{LOOPBACK}:{self.port}",
			"-w",
			str(self.workers),
			"--timeout",
			"120",
			"--chdir",
			str(BENCH_ROOT / "sites"),
			"frappe.app:application",
		]

	def start(self) -> None:
		self.log_path.parent.mkdir(parents=True, exist_ok=True)
		log = open(self.log_path, "ab")
		self.process = subprocess.Popen(
			self.command(), cwd=BENCH_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
		)
		log.close()
		deadline = time.monotonic() + 60
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				raise RuntimeError(f"gunicorn exited, see {self.log_path}")
			try:
				response = requests.get(f"{self.url}/api/method/ping", headers={"Host": self.site}, timeout=5)
				if response.ok:
					return
			except requests.RequestException:
				pass
			time.sleep(0.5)
		self.stop()
		raise RuntimeError(f"gunicorn did not answer on {self.url} within 60 s, see {self.log_path}")

	def stop(self) -> None:
		if self.process and self.process.poll() is None:
			self.process.terminate()  # the master stops its workers
			try:
				self.process.wait(30)
			except subprocess.TimeoutExpired:
				self.process.kill()
				self.process.wait(10)
		self.process = None

	def __enter__(self):
		self.start()
		return self

	def __exit__(self, *exc):
		self.stop()


class Client:
	"""Requests to the site through our gunicorn: the site is chosen by the Host header."""

	def __init__(self, base_url: str, site: str, token: str | None = None):
		self.base_url = base_url
		self.site = site
		self.token = token

	def session(self) -> requests.Session:
		session = requests.Session()
		session.headers["Host"] = self.site
		session.headers["Accept"] = "application/json"
		if self.token:
			session.headers["Authorization"] = f"token {self.token}"
		return session

	def url(self, path: str) -> str:
		return f"{self.base_url}{path}"

	def method_call(self, session, method: str, arguments: dict, timeout: float, exc_fails: bool = False):
		"""A callable for time_calls: one POST of `arguments` to `method`; an error label when it failed
		(with `exc_fails`, also when a 200 answer carries Frappe's `exc`), else None."""
		url = self.url(f"/api/method/{method}")

		def once():
			response = session.post(url, data=arguments, timeout=timeout)
			if response.status_code != 200:
				return error_label(response)
			if exc_fails and response.json().get("exc"):
				return "exception"
			return None

		return once


def error_label(response: requests.Response) -> str:
	"""A short label for a failed response: the status and Frappe's exception type when it sends one."""
	label = str(response.status_code)
	try:
		body = response.json()
	except ValueError:
		return label
	exc_type = body.get("exc_type") if isinstance(body, dict) else None
	return f"{label} {exc_type}" if exc_type else label

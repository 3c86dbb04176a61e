"""A steady intake load on the fault site: one client thread per way in (REST resource, REST intake
method, central-system sync, the portal's form), each filing complaints one after another and retrying
a request that got no answer, a 5xx, a 409 or a 429 with the same key until it is acknowledged, as a
well-behaved client does.

Each complaint carries a token of its own in its subject, so the site's complaints can be matched to the
requests afterwards: every acknowledged one must exist exactly once, under the name it was acknowledged
with.
"""

import json
import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import requests
from challenge_solver import challenge_fields

RETRY_STATUSES = {409, 429}
CHANNELS = ("rest", "intake", "sync", "portal")


@dataclass
class Item:
	channel: str
	token: str
	acknowledged: str | None = None
	attempts: int = 0
	failures: list = field(default_factory=list)  # status codes or exception names, in order
	refused: str | None = None  # a 4xx that is not worth retrying: a bug in the app or the load
	first_sent: float = 0.0
	acknowledged_at: float = 0.0


class IntakeLoad:
	def __init__(self, stack, people: dict, marker: str, channels=CHANNELS, give_up_after: float = 180):
		self.stack = stack
		self.people = people
		self.marker = marker
		self.channels = channels
		self.give_up_after = give_up_after
		self.items: list[Item] = []
		self.stopping = threading.Event()
		self.threads = [
			threading.Thread(target=self._run, args=(channel,), daemon=True) for channel in channels
		]
		self.lock = threading.Lock()

	def start(self) -> "IntakeLoad":
		self.started = time.monotonic()
		for thread in self.threads:
			thread.start()
		return self

	def stop(self, timeout: float = 240) -> None:
		"""Stop filing new complaints; wait for the ones under way to be acknowledged."""
		self.stopping.set()
		deadline = time.monotonic() + timeout
		for thread in self.threads:
			thread.join(max(deadline - time.monotonic(), 0))
		self.duration = time.monotonic() - self.started

	# figures

	def acknowledged(self) -> list[Item]:
		return [item for item in self.items if item.acknowledged]

	def summary(self) -> dict:
		items = self.items
		retried = [item for item in items if item.attempts > 1]
		return {
			"requests_sent": sum(item.attempts for item in items),
			"complaints_filed": len(items),
			"acknowledged": len(self.acknowledged()),
			"retried": len(retried),
			"failed_attempts": sum(len(item.failures) for item in items),
			"failures_by_kind": dict(Counter(str(failure) for item in items for failure in item.failures)),
			"refused": [(item.channel, item.refused) for item in items if item.refused],
			"longest_wait_seconds": round(
				max((item.acknowledged_at - item.first_sent for item in self.acknowledged()), default=0), 1
			),
			"seconds": round(getattr(self, "duration", time.monotonic() - self.started), 1),
		}

	# one client

	def _run(self, channel: str) -> None:
		http = requests.Session()
		http.headers.update(self.stack.headers())
		while not self.stopping.is_set():
			item = Item(channel, uuid.uuid4().hex[:12], first_sent=time.monotonic())
			with self.lock:
				self.items.append(item)
			self._file(http, item)

	def _file(self, http, item: Item) -> None:
		key = f"load-{item.token}"
		address = "10." + ".".join(str(random.randint(1, 254)) for _i in range(3))
		backoff = 0.3
		while time.monotonic() - item.first_sent < self.give_up_after:
			item.attempts += 1
			try:
				response = self._send(http, item, key, address)
			except requests.RequestException as e:
				item.failures.append(type(e).__name__)
			else:
				name = self._acknowledged_name(item.channel, response)
				if name:
					item.acknowledged = name
					item.acknowledged_at = time.monotonic()
					return
				item.failures.append(response.status_code)
				if 400 <= response.status_code < 500 and response.status_code not in RETRY_STATUSES:
					item.refused = f"{response.status_code} {response.text[:300]}"
					return
			time.sleep(backoff)
			backoff = min(backoff * 1.5, 3)

	def _send(self, http, item: Item, key: str, address: str):
		subject = f"Load {self.marker} {item.token}"
		people = self.people
		complaint = {
			"complaint_type": "Complaint",
			"category": people["category"],
			"subject": subject,
			"description": "My Takaful payment for this month did not arrive.",
			"complainant_name": "Mona Ahmed",
			"national_id": "29001010112345",
			"mobile": "01012345678",
			"governorate": people["governorate_a"],
			"district": people["district_a"],
		}
		url = self.stack.url
		timeout = 30
		if item.channel == "rest":
			return http.post(
				f"{url}/api/resource/Complaint",
				json={**complaint, "channel": "Hotline"},
				headers={"Authorization": people["tokens"]["Call Center Agent"], "Idempotency-Key": key},
				timeout=timeout,
			)
		if item.channel == "intake":
			return http.post(
				f"{url}/api/method/complaints_mgmt.api.intake.submit_complaint",
				json={"complaint": {**complaint, "channel": "Hotline"}},
				headers={"Authorization": people["tokens"]["Call Center Agent"], "Idempotency-Key": key},
				timeout=timeout,
			)
		if item.channel == "sync":
			central = {key_: value for key_, value in complaint.items() if key_ != "complaint_type"}
			return http.post(
				f"{url}/api/method/complaints_mgmt.api.sync.receive_complaint",
				json={"complaint": {**central, "external_reference": key}},
				headers={"Authorization": people["tokens"]["Central System Integration"]},
				timeout=timeout,
			)
		if item.channel == "portal":
			proof = challenge_fields(http, url, headers={"X-Forwarded-For": address}, timeout=timeout)
			return http.post(
				f"{url}/api/method/complaints_mgmt.api.portal.file_complaint",
				data={"data": json.dumps(complaint), "request_key": key, **proof},
				headers={"X-Forwarded-For": address, "Accept": "application/json"},
				timeout=timeout,
			)
		raise ValueError(item.channel)

	@staticmethod
	def _acknowledged_name(channel: str, response) -> str | None:
		if response.status_code not in (200, 201):
			return None
		try:
			body = response.json()
		except ValueError:
			return None
		if channel == "rest":
			return (body.get("data") or {}).get("name")
		message = body.get("message") or {}
		if channel == "sync":
			return message.get("tracking_number") if message.get("ok") else None
		return message.get("name") if message.get("ok") else None

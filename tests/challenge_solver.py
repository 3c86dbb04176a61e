"""The portal's proof of work (complaints_mgmt/security/guest_challenge.py), solved as the portal's page solves it,
for the suites that call the guest endpoints (file, track, ask for a code) over HTTP."""

import hashlib

import requests

CHALLENGE_METHOD = "/api/method/complaints_mgmt.api.portal.challenge"


def leading_zero_bits(digest: bytes) -> int:
	bits = 0
	for byte in digest:
		if byte:
			return bits + 8 - byte.bit_length()
		bits += 8
	return bits


def solve(nonce: str, bits: int) -> str:
	counter = 0
	while leading_zero_bits(hashlib.sha256(f"{nonce}{counter}".encode()).digest()) < bits:
		counter += 1
	return str(counter)


def challenge_fields(http, base_url: str, headers: dict | None = None, timeout: float = 30) -> dict:
	"""{"challenge", "solution"} for one guest call ({} when the site asks none). `http` is a requests
	session (or the requests module). A failed request raises requests.RequestException, as a lost one."""
	response = http.post(f"{base_url}{CHALLENGE_METHOD}", headers=headers or {}, timeout=timeout)
	if response.status_code != 200:
		raise requests.RequestException(f"challenge: HTTP {response.status_code}")
	answer = response.json()["message"]
	if not answer.get("required"):
		return {}
	return {"challenge": answer["challenge"], "solution": solve(answer["nonce"], answer["bits"])}

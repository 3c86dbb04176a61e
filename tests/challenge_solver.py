"""The portal's proof of work (complaints_mgmt/security/guest_challenge.py), solved as the portal's page solves it,
for the suites that call the guest endpoints (file, track, ask for a code) over HTTP."""

import requests

from complaints_mgmt.security.guest_challenge import solution as solve  # the portal's own proof of work

CHALLENGE_METHOD = "/api/method/complaints_mgmt.api.portal.challenge"


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

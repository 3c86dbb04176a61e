"""Fixtures of the security suites: the people of two organisations on the served test site, and HTTP
clients acting as each of them (API token, or a logged-in browser-like session for portal pages).

A plugin named in tests/conftest.py (`pytest_plugins`), not a conftest.py of its own: conftest files
outside packages share the module name `conftest`, and a second one would shadow the top-level one
for the suites that import from it."""

import json
import random

import pytest
import requests
from challenge_solver import challenge_fields
from conftest import bench

FIXTURES = "complaints_mgmt.tests.security_fixtures"


def execute(function: str, **kwargs):
	"""Run one of the app's fixture functions on the test site (bench execute commits); its result.
	`function` is a name in security_fixtures or a dotted path."""
	args = ["execute", function if "." in function else f"{FIXTURES}.{function}"]
	if kwargs:
		args += ["--kwargs", repr(kwargs)]  # bench execute evaluates a Python literal
	out = bench(*args).stdout.strip()
	return json.loads(out.splitlines()[-1]) if out else None


@pytest.fixture(scope="session")
def access():
	"""Organisations A and B with their heads, officers and citizens, complaints with private files,
	and one user per national role (security_fixtures.make_access_fixtures). Complaints removed after."""
	data = execute("make_access_fixtures")
	data["made"] = []  # complaints a test creates, removed at the end
	yield data
	names = [c["name"] for c in data["complaints"].values()] + data["disposable"] + data["made"]
	execute("remove_complaints", names=names)


@pytest.fixture(scope="session")
def open311_key(access):
	"""An Open311 service (TKF-01) and an enabled API key for it (tests.utils)."""
	data = execute("complaints_mgmt.tests.utils.make_open311_client_fixture")
	yield data
	execute("complaints_mgmt.tests.utils.remove_open311_client_fixture", api_key_name=data["api_key_name"])


@pytest.fixture
def limits_reset(access):
	"""The portal's per-client hourly counts start from zero (all requests here come from 127.0.0.1)."""
	execute("reset_limits")
	yield
	execute("reset_limits")


def client_address() -> str:
	"""A random private address for a guest request's X-Forwarded-For: the served site trusts loopback
	as its proxy, so each request counts against that client's own hourly limits."""
	return "10." + ".".join(str(random.randint(1, 254)) for _i in range(3))


class Client:
	"""HTTP to the served site as one user: `Authorization: token` for desk and REST, or a session
	cookie after logging in (portal pages), or nothing (a guest)."""

	def __init__(self, base_url: str, token: str | None = None):
		self.base_url = base_url
		self.http = requests.Session()
		if token:
			self.http.headers["Authorization"] = token
		self.http.headers["Accept"] = "application/json"

	def login(self, user: str, password: str) -> "Client":
		response = self.http.post(f"{self.base_url}/api/method/login", data={"usr": user, "pwd": password})
		assert response.status_code == 200, response.text
		return self

	def request(self, method: str, path: str, **kwargs) -> requests.Response:
		kwargs.setdefault("timeout", 60)
		kwargs.setdefault("allow_redirects", False)
		return self.http.request(method, f"{self.base_url}{path}", **kwargs)

	def get(self, path: str, **kwargs) -> requests.Response:
		return self.request("GET", path, **kwargs)

	def post(self, path: str, **kwargs) -> requests.Response:
		return self.request("POST", path, **kwargs)

	def put(self, path: str, **kwargs) -> requests.Response:
		return self.request("PUT", path, **kwargs)

	def delete(self, path: str, **kwargs) -> requests.Response:
		return self.request("DELETE", path, **kwargs)

	def guest_post(self, path: str, data: dict, headers: dict | None = None, **kwargs) -> requests.Response:
		"""POST to a guest endpoint of the portal (file, track, ask for a code) with a solved challenge,
		as the portal's page sends it."""
		proof = challenge_fields(self.http, self.base_url, headers=headers)
		return self.post(path, data={**data, **proof}, headers=headers, **kwargs)

	def method(self, name: str, **data) -> requests.Response:
		"""A whitelisted method, POSTed as JSON."""
		return self.post(f"/api/method/{name}", json=data)


@pytest.fixture(scope="session")
def as_user(site_url, access):
	"""as_user("officer_a1") -> a Client with that user's API token; as_user(None) -> a guest."""

	def make(key: str | None) -> Client:
		return Client(site_url, access["tokens"][key] if key else None)

	return make


@pytest.fixture(scope="session")
def logged_in(site_url, access):
	"""logged_in("citizen_a") -> a Client with a session cookie, as a browser after the login form."""
	sessions: dict[str, Client] = {}

	def make(key: str) -> Client:
		if key not in sessions:
			sessions[key] = Client(site_url).login(access["users"][key], access["password"])
		return sessions[key]

	return make

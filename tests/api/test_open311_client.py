"""Open311 GeoReport v2 clients from PyPI use the site's endpoints unchanged, over real HTTP.

Of the two clients named for this, `open311` 1.1 (2011) is Python 2 code: on Python 3.11 the package
does not even import (`from open311 import Open311` inside its own __init__, `from api import API`),
and its POST sends a str body that urllib refuses. `georeport` 0.3.1 runs on Python 3.11 unpatched
and is driven here for everything it can do: list services, read a service definition, list requests
and read one back, in JSON and in XML. It has no call that creates a request (it keeps an api_key
but never POSTs), so requests are created with `civicbot` 0.4.0's Open311Client, the Python client
that files GeoReport v2 requests with an api_key, and read back with both clients.
"""

import json
import uuid

import pytest
from civicbot.http import HttpError, HttpTransport, RateLimiter
from civicbot.open311 import Open311Client
from civicbot.registry import Endpoint
from conftest import bench
from georeport import GeoReport

DESCRIPTION = "The pension office refuses my papers."


@pytest.fixture(scope="module")
def open311(site_url):
	"""The Open311 root of the served site, an enabled API key and a service; removed afterwards."""
	made = bench("execute", "complaints_mgmt.tests.utils.make_open311_client_fixture")
	fixture = json.loads(made.stdout.strip().splitlines()[-1])
	fixture["root"] = f"{site_url}/open311/v2"
	fixture["created"] = []
	yield fixture
	bench(
		"execute",
		"complaints_mgmt.tests.utils.remove_open311_client_fixture",
		"--kwargs",
		json.dumps({"api_key_name": fixture["api_key_name"], "complaints": fixture["created"]}),
	)


def civicbot_client(open311) -> Open311Client:
	endpoint = Endpoint(id="complaints", name="Complaints", base_url=open311["root"], write=True)
	return Open311Client(endpoint, transport=HttpTransport(rate_limiter=RateLimiter(min_interval=0)))


def create_request(open311, api_key: str):
	"""File a request with civicbot as an integrator would: checked first against the live service
	list and the service definition's required attributes."""
	return civicbot_client(open311).create_request(
		open311["service_code"],
		dry_run=False,
		confirm="SEND",
		api_key=api_key,
		validate_remote=True,
		lat=30.0561,
		lng=31.3301,
		description=DESCRIPTION,
		first_name="Ahmed",
		last_name="Hassan",
		phone="01112345678",
		email="ahmed@example.com",
		attributes={"national_id": "29001010112345", "governorate": "Cairo", "district": "Nasr City"},
	)


def as_list(value) -> list:
	"""xmltodict gives one repeated element as a dict, several as a list."""
	return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_lists_services_and_reads_a_definition(open311, output_format):
	client = GeoReport(open311["root"], output_format=output_format)
	services = as_list(client.get_service_list())
	assert open311["service_code"] in [service["service_code"] for service in services]
	definition = client.get_service_definition(open311["service_code"])
	attributes = definition["attributes"]
	attributes = attributes if output_format == "json" else as_list(attributes["attribute"])
	required = {a["code"] for a in attributes if a["required"] in (True, "true")}
	assert {"national_id", "governorate"} <= required


def test_civicbot_creates_a_request_with_the_api_key_and_reads_it_back(open311):
	prepared = create_request(open311, open311["api_key"])
	request_id = prepared.response[0]["service_request_id"]
	open311["created"].append(request_id)
	assert request_id in prepared.response[0]["service_notice"]

	read_back = civicbot_client(open311).get_request(request_id)
	assert read_back["service_request_id"] == request_id
	assert (read_back["service_code"], read_back["status"]) == (open311["service_code"], "open")
	listed = civicbot_client(open311).list_requests(service_request_ids=[request_id])
	assert [r["service_request_id"] for r in listed] == [request_id]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_reads_back_a_created_request(open311, output_format):
	request_id = create_request(open311, open311["api_key"]).response[0]["service_request_id"]
	open311["created"].append(request_id)
	client = GeoReport(open311["root"], output_format=output_format)

	request = client.get_service_request(request_id)
	assert (request["service_request_id"], request["status"]) == (request_id, "open")
	assert request["service_code"] == open311["service_code"]
	assert request["requested_datetime"]
	listed = as_list(client.get_service_requests(service_request_id=request_id))
	assert [r["service_request_id"] for r in listed] == [request_id]
	open_ones = as_list(client.get_service_requests(service_code=open311["service_code"], status="open"))
	assert request_id in [r["service_request_id"] for r in open_ones]


def test_creating_without_a_valid_api_key_is_refused(open311):
	with pytest.raises(HttpError) as refused:
		create_request(open311, api_key=uuid.uuid4().hex)
	assert refused.value.status == 403
	assert json.loads(refused.value.body)[0]["code"] == 403

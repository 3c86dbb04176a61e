"""Egypt's governorates and districts, made on install and on migrate when missing (editable defaults:
an administrator's edits and deletions stay). The data is in places/data/*.csv; see places/README.md
for its sources."""

import csv
from pathlib import Path

import frappe

from complaints_mgmt.places import matching
from complaints_mgmt.setup.seeding import seed_once

DATA = Path(__file__).parent / "data"


def ensure_places() -> None:
	seed_once("places:regions:v1", ensure_regions)  # before the governorates, which link to them
	seed_once("places:governorates:v2", ensure_governorates)  # v2: with their Arabic names
	seed_once("places:districts:v1", ensure_districts)


def read_csv(name: str) -> list[dict]:
	with open(DATA / name, encoding="utf-8", newline="") as f:
		return list(csv.DictReader(f))


def ensure_regions() -> None:
	for row in read_csv("regions.csv"):
		if not frappe.db.exists("Region", row["name_en"]):
			region = {"doctype": "Region", "region_name": row["name_en"], "name_ar": row["name_ar"]}
			frappe.get_doc(region).insert(ignore_permissions=True)


def ensure_governorates() -> None:
	existing = dict(frappe.get_all("Governorate", fields=["code", "name"], as_list=True))
	for row in read_csv("governorates.csv"):
		name = existing.get(row["code"]) or frappe.db.exists("Governorate", row["name_en"])
		if not name:
			frappe.get_doc(
				{
					"doctype": "Governorate",
					"governorate_name": row["name_en"],
					"name_ar": row["name_ar"],
					"code": row["code"],
					"region": row["region"],
				}
			).insert(ignore_permissions=True)
		elif not frappe.db.get_value("Governorate", name, "name_ar"):
			governorate = frappe.get_doc("Governorate", name)
			governorate.name_ar = row["name_ar"]
			governorate.save(ignore_permissions=True)


def ensure_districts() -> None:
	governorates = dict(frappe.get_all("Governorate", fields=["code", "name"], as_list=True))
	existing = set(frappe.get_all("District", pluck="code"))
	for row in read_csv("districts.csv"):
		governorate = governorates.get(row["governorate"])
		if row["code"] in existing or not governorate:
			continue
		frappe.get_doc(
			{
				"doctype": "District",
				"governorate": governorate,
				"code": row["code"],
				"kind": row["kind"],
				"name_ar": row["name_ar"],
				"name_en": row["name_en"],
				"aliases": [{"alias": alias} for alias in row["aliases"].split("|") if alias.strip()],
			}
		).insert(ignore_permissions=True)
	matching.clear_index()

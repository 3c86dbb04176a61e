# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class IntegrationSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		max_attempts: DF.Int
		max_batch_size: DF.Int
		max_request_kb: DF.Int
		max_retry_interval_minutes: DF.Int
		open311_contact: DF.Data | None
		open311_creates_per_minute: DF.Int
		open311_max_request_bytes: DF.Int
		open311_max_results: DF.Int
		open311_public_requests: DF.Check
		open311_reads_per_minute: DF.Int
		request_timeout_seconds: DF.Int
		retry_after_minutes: DF.Int
		send_all_complaints: DF.Check
		send_status_updates: DF.Check
		status_update_token: DF.Password | None
		status_update_url: DF.Data | None
	# end: auto-generated types
	pass

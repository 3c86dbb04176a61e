// The citizen portal's small shared helpers: posting to the portal's endpoints and showing the
// errors they return next to their fields. Included (by Jinja) in every portal page; the page sets
// complaintsPortal.messages (translated on the server) before using them.
(function () {
	const portal = (window.complaintsPortal = window.complaintsPortal || {});
	portal.messages = portal.messages || {};

	// POST to /api/method/<method>; resolves to the endpoint's {ok, ...} or to {ok: false, errors}.
	portal.post = async function (method, data) {
		const body = data instanceof FormData ? data : new URLSearchParams(data);
		const headers = { Accept: "application/json" };
		if (window.frappe && frappe.csrf_token) headers["X-Frappe-CSRF-Token"] = frappe.csrf_token;
		let response;
		try {
			response = await fetch("/api/method/" + method, {
				method: "POST",
				body: body,
				headers: headers,
				credentials: "same-origin",
			});
		} catch (e) {
			return portal.failure(portal.messages.network);
		}
		let payload = {};
		try {
			payload = await response.json();
		} catch (e) {
			payload = {};
		}
		if (payload.message && typeof payload.message === "object") return payload.message;
		return portal.failure(portal.serverMessage(payload, response.status));
	};

	portal.failure = function (message) {
		return { ok: false, errors: [{ field: null, message: message }] };
	};

	// Frappe's own error answers (too large, too many requests, server error).
	portal.serverMessage = function (payload, status) {
		if (status === 413) return portal.messages.too_large;
		if (status === 429) return portal.messages.too_many;
		try {
			const list = JSON.parse(payload._server_messages || "[]");
			if (list.length) {
				const div = document.createElement("div");
				div.innerHTML = JSON.parse(list[0]).message;
				return div.textContent;
			}
		} catch (e) {
			/* fall through */
		}
		return portal.messages.failed;
	};

	// errors: [{field, message}]; inputs found by `find(field)`; the rest goes to `alert`.
	portal.showErrors = function (errors, find, alert) {
		portal.clearErrors();
		const general = [];
		let first = null;
		(errors || []).forEach(function (error) {
			const input = error.field && find(error.field);
			if (!input) {
				general.push(error.message);
				return;
			}
			const id = (input.id || "portal-" + error.field) + "-error";
			let note = document.getElementById(id);
			if (!note) {
				note = document.createElement("p");
				note.id = id;
				note.className = "portal-error";
				portal.placeNote(input, note);
			}
			note.textContent = note.hidden ? error.message : note.textContent + " " + error.message;
			note.hidden = false;
			input.setAttribute("aria-invalid", "true");
			const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
			if (described.indexOf(id) === -1) described.push(id);
			input.setAttribute("aria-describedby", described.join(" "));
			first = first || input;
		});
		if (alert) {
			alert.textContent = general.join(" ");
			alert.hidden = !general.length;
		}
		if (first) first.focus();
		else if (alert && general.length) alert.focus();
	};

	// The note goes after the field's own box, not into a flex row around the control: Frappe wraps a
	// select in .select-container (the select and its arrow), and radios sit in their fieldset's row.
	portal.placeNote = function (input, note) {
		const group = input.type === "radio" && input.closest("fieldset");
		if (group) group.insertAdjacentElement("beforeend", note);
		else (input.closest(".select-container") || input).insertAdjacentElement("afterend", note);
	};

	portal.clearErrors = function () {
		document.querySelectorAll(".portal-error").forEach(function (note) {
			note.hidden = true;
			note.textContent = "";
		});
		document.querySelectorAll('[aria-invalid="true"]').forEach(function (input) {
			input.removeAttribute("aria-invalid");
		});
	};

	portal.busy = function (button, busy) {
		if (!button) return;
		button.disabled = busy;
		button.setAttribute("aria-busy", busy ? "true" : "false");
	};

	// A key that stays the same for one filing, so that a retry does not file twice.
	portal.requestKey = function () {
		const bytes = new Uint8Array(16);
		window.crypto.getRandomValues(bytes);
		return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
	};
})();

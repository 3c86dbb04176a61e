// The complaint form's script (rendered by Jinja with file_a_complaint.py's context).
// It labels Frappe's controls for assistive technology, fills the district choices of the chosen
// governorate, takes the attachments, and sends the form as one multipart request to
// api/portal.file_complaint (with a solved challenge for a guest), which validates it with the desk's
// rules. Errors come back field by field and are shown next to their field; on success the tracking
// number replaces the form.
{% include "complaints_mgmt/templates/includes/portal.js" %}
{% include "complaints_mgmt/templates/includes/guest_challenge.js" %}
complaintsPortal.messages = {{ form_messages | json }};

frappe.ready(function () {
	const portal = window.complaintsPortal;
	const messages = portal.messages;
	const form = frappe.web_form;
	const limits = {{ attachment_limits | json }};
	const districts = {{ district_choices | json }};
	const isGuest = {{ "true" if is_guest else "false" }};
	const userDetails = {{ user_details | json }};
	const requestKey = portal.requestKey();
	const container = document.querySelector(".web-form-container");
	const alertBox = document.createElement("div");
	let files = [];

	container.insertAdjacentHTML("afterbegin", {{ portal_nav | json }});
	alertBox.className = "portal-alert";
	alertBox.setAttribute("role", "alert");
	alertBox.tabIndex = -1;
	alertBox.hidden = true;
	document.querySelector(".web-form-body").insertAdjacentElement("beforebegin", alertBox);

	// A guest follows the complaint with their national ID and mobile: both are required.
	["national_id", "mobile"].forEach((fieldname) => form.set_df_property(fieldname, "reqd", isGuest ? 1 : 0));
	Object.keys(userDetails).forEach((fieldname) => {
		if (userDetails[fieldname] && !form.get_value(fieldname)) form.set_value(fieldname, userDetails[fieldname]);
	});

	function inputOf(fieldname) {
		if (fieldname === "attachments") return document.getElementById("complaint-attachments");
		const field = form.fields_dict[fieldname];
		return field && field.$input ? field.$input[0] : null;
	}

	// Labels, required state and help texts, tied to their inputs.
	function describeControls() {
		Object.keys(form.fields_dict).forEach((fieldname) => {
			const field = form.fields_dict[fieldname];
			const input = inputOf(fieldname);
			if (!input || fieldname === "attachments") return;
			input.id = "complaint-" + fieldname;
			const label = field.$wrapper.find("label.control-label")[0];
			if (label) label.htmlFor = input.id;
			input.setAttribute("aria-required", field.df.reqd ? "true" : "false");
			const help = field.$wrapper.find(".help-box")[0];
			if (help && help.textContent.trim()) {
				help.id = input.id + "-help";
				input.setAttribute("aria-describedby", help.id);
			}
		});
		["national_id", "mobile"].forEach((fieldname) => {
			const input = inputOf(fieldname);
			input.setAttribute("dir", "ltr");
			input.setAttribute("inputmode", "numeric");
			input.setAttribute("autocomplete", fieldname === "mobile" ? "tel" : "off");
		});
		const email = inputOf("email"); // administrators may take it off the form (portal/citizen_form.py)
		if (email) {
			email.setAttribute("dir", "ltr");
			email.setAttribute("autocomplete", "email");
		}
		inputOf("complainant_name").setAttribute("autocomplete", "name");
	}

	// Places: the chosen governorate's districts, in the page's language, narrowed by a search box that
	// matches either language in any common spelling (the keys are normalised by places/normalise.py).
	const ARABIC_FORMS = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي" };
	function normalisePlace(text) {
		return (text || "")
			.normalize("NFKC")
			.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
			.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
			.replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, "")
			.replace(/[أإآٱىةؤئ]/g, (c) => ARABIC_FORMS[c])
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, " ")
			.replace(/(^| )(al|el)(?= |$)/g, " ")
			.trim()
			.replace(/ +/g, " ");
	}

	function setDistricts() {
		const all = districts[form.get_value("governorate")] || [];
		const search = document.getElementById("complaint-district-search");
		const wanted = normalisePlace(search ? search.value : "");
		const choices = wanted ? all.filter((choice) => choice.key.includes(wanted)) : all;
		const chosen = form.get_value("district");
		form.set_df_property("district", "options", [{ value: "", label: messages.choose }].concat(choices));
		if (wanted && choices.length === 1) form.set_value("district", choices[0].value);
		else if (chosen && !choices.some((choice) => choice.value === chosen)) form.set_value("district", "");
		if (search) {
			search.hidden = !all.length;
			search.setAttribute("aria-invalid", wanted && !choices.length ? "true" : "false");
			document.getElementById("complaint-district-search-status").textContent =
				wanted && !choices.length ? messages.no_district : "";
		}
		describeControls();
	}

	function makeDistrictSearch() {
		const field = form.fields_dict.district;
		const search = document.createElement("input");
		search.type = "search";
		search.id = "complaint-district-search";
		search.className = "form-control portal-district-search";
		search.placeholder = messages.find_district;
		search.setAttribute("aria-label", messages.find_district);
		search.setAttribute("autocomplete", "off");
		search.dir = "auto";
		search.setAttribute("enterkeyhint", "search");
		const status = document.createElement("p");
		status.id = "complaint-district-search-status";
		status.className = "portal-hint";
		status.setAttribute("aria-live", "polite");
		search.setAttribute("aria-describedby", status.id);
		field.$wrapper.find(".control-input-wrapper").before(search);
		search.after(status);
		search.addEventListener("input", setDistricts);
	}

	// Attachments: a native file input, checked here for type and size (and again on the server).
	function makeAttachments() {
		const wrapper = form.fields_dict.attachments.$wrapper[0];
		wrapper.innerHTML =
			'<div class="portal-field">' +
			'<label for="complaint-attachments"></label>' +
			'<input type="file" id="complaint-attachments" multiple ' +
			'accept="image/jpeg,image/png,application/pdf,video/mp4,.jpg,.jpeg,.png,.pdf,.mp4" ' +
			'aria-describedby="complaint-attachments-hint">' +
			'<p class="portal-hint" id="complaint-attachments-hint"></p>' +
			'<ul class="complaint-files" aria-live="polite"></ul></div>';
		wrapper.querySelector("label").textContent = messages.attachments_label;
		wrapper.querySelector(".portal-hint").textContent = messages.attachments_hint;
		const input = wrapper.querySelector("input");
		input.addEventListener("change", function () {
			files = files.concat(Array.from(input.files));
			input.value = "";
			listFiles();
			checkFiles();
		});
	}

	// "35 KB", "2.4 MB", in the page's language (a small photo is not "0.0 MB")
	function fileSize(bytes) {
		const kb = bytes / 1024;
		if (kb < 1024) return messages.size_kb.replace("{0}", Math.max(1, Math.round(kb)));
		return messages.size_mb.replace("{0}", (kb / 1024).toFixed(1));
	}

	function listFiles() {
		const list = document.querySelector(".complaint-files");
		list.innerHTML = "";
		files.forEach((file, index) => {
			const item = document.createElement("li");
			const name = document.createElement("span");
			name.textContent = file.name + " (" + fileSize(file.size) + ") ";
			const remove = document.createElement("button");
			remove.type = "button";
			remove.className = "portal-link";
			remove.textContent = messages.remove.replace("{0}", file.name);
			remove.addEventListener("click", () => {
				files.splice(index, 1);
				listFiles();
				portal.clearErrors();
				inputOf("attachments").focus();
			});
			item.append(name, remove);
			list.append(item);
		});
	}

	const KINDS = { "image/jpeg": "file", "image/png": "file", "application/pdf": "file", "video/mp4": "video" };
	const EXTENSIONS = { jpg: "file", jpeg: "file", png: "file", pdf: "file", mp4: "video" };

	function fileErrors() {
		const errors = [];
		if (files.length > limits.count) errors.push(messages.too_many_files);
		let total = 0;
		files.forEach((file) => {
			const kind = KINDS[file.type] || EXTENSIONS[(file.name.split(".").pop() || "").toLowerCase()];
			const limitMb = kind === "video" ? limits.video_mb : limits.file_mb;
			total += file.size;
			if (!kind) errors.push(messages.wrong_type.replace("{0}", file.name));
			else if (file.size > limitMb * 1024 * 1024)
				errors.push(messages.file_too_large.replace("{0}", file.name).replace("{1}", limitMb));
		});
		if (total > limits.request_mb * 1024 * 1024 * 0.95) errors.push(messages.too_large);
		return errors.map((message) => ({ field: "attachments", message: message }));
	}

	function checkFiles() {
		const errors = fileErrors();
		if (errors.length) portal.showErrors(errors, inputOf, alertBox);
		else portal.clearErrors();
		return !errors.length;
	}

	function missingFields(values) {
		return Object.keys(form.fields_dict)
			.filter((fieldname) => form.fields_dict[fieldname].df.reqd && !String(values[fieldname] || "").trim())
			.map((fieldname) => ({
				field: fieldname,
				message: messages.required.replace("{0}", __(form.fields_dict[fieldname].df.label)),
			}));
	}

	function showSuccess(answer) {
		const page = document.createElement("section");
		page.className = "portal-page portal-success";
		page.tabIndex = -1;
		page.setAttribute("aria-labelledby", "complaint-success-title");
		const title = document.createElement("h1");
		title.id = "complaint-success-title";
		title.textContent = messages.success_title;
		const label = document.createElement("p");
		label.textContent = messages.tracking_number;
		const number = document.createElement("strong");
		number.className = "tracking-number";
		number.id = "complaint-tracking-number";
		number.dir = "ltr";
		number.textContent = answer.name;
		label.append(number);
		const keep = document.createElement("p");
		keep.textContent = messages.keep_it + (answer.sms_sent ? " " + messages.sms_sent : "");
		const links = document.createElement("p");
		links.className = "portal-actions";
		const link = (href, text, cls) => {
			const a = document.createElement("a");
			a.href = href;
			a.textContent = text;
			a.className = "portal-button" + (cls ? " " + cls : "");
			return a;
		};
		const receipt = link(answer.receipt_url, messages.receipt);
		receipt.target = "_blank";
		receipt.rel = "noopener";
		receipt.id = "complaint-receipt";
		links.append(
			receipt,
			isGuest
				? link("/track?tracking_number=" + encodeURIComponent(answer.name), messages.track, "portal-secondary")
				: link("/my-complaints/" + encodeURIComponent(answer.name), messages.mine, "portal-secondary"),
			link("/file-a-complaint/new", messages.another, "portal-secondary")
		);
		page.append(title, label, keep, links);
		document.querySelectorAll(".web-form-header, .web-form, .portal-alert").forEach((el) => (el.hidden = true));
		container.append(page);
		page.focus();
	}

	async function submit() {
		const values = form.get_values(true) || {};
		const errors = missingFields(values).concat(fileErrors());
		if (errors.length) {
			portal.showErrors(errors, inputOf, alertBox);
			return false;
		}
		portal.clearErrors();
		alertBox.hidden = true;
		const data = new FormData();
		data.append("data", JSON.stringify(values));
		data.append("request_key", requestKey);
		files.forEach((file) => data.append("attachments", file, file.name));
		const button = document.querySelector(".web-form-footer .submit-btn");
		portal.busy(button, true);
		const answer = await portal.postSolved("complaints_mgmt.api.portal.file_complaint", data);
		portal.busy(button, false);
		if (!answer.ok) {
			portal.showErrors(answer.errors, inputOf, alertBox);
			return false;
		}
		frappe.form_dirty = false;
		showSuccess(answer);
		return false;
	}

	form.save = function () {
		submit();
		return false;
	};
	form.fields_dict.governorate.$input.on("change", () => {
		document.getElementById("complaint-district-search").value = "";
		setDistricts();
	});
	makeDistrictSearch();
	makeAttachments();
	setDistricts();
	describeControls();
});

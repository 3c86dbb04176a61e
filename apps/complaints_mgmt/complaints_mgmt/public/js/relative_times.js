// Relative times ("3 weeks ago") with the word each number takes. Frappe's prettyDate translates one text
// per unit, and an Arabic noun agrees with the number: its own Arabic read "قبل 3 أسبوع /أسابيع", "1 قبل
// أسبوع", and the short forms of the lists were ambiguous ("{0} م" for minutes and for months). Here
// each text is looked up for the plural form of its number, as utils/plurals.py does on the server: the
// context "plural one", "plural two" or "plural few" (locale/ar.po), else the text without context
// (Arabic's zero, many and other forms share it). Without a translation the text is the English one.
// Frappe's comment_when and the minute refresh use its own prettyDate by closure: they are replaced too.
(() => {
	if (!frappe.datetime?.prettyDate) return;

	function plural_form(n) {
		const lang = (frappe.boot?.lang || "en").split("-")[0];
		if (lang !== "ar") return n === 1 ? "one" : "other";
		if (n === 0 || n === 1 || n === 2) return ["zero", "one", "two"][n];
		if (n % 100 >= 3 && n % 100 <= 10) return "few";
		if (n % 100 >= 11) return "many";
		return "other";
	}

	function counted(n, one, other) {
		const form = plural_form(n);
		const message = form === "one" ? one : other; // a variable: no literal for the .pot's extractor
		return __(message, [n], `plural ${form}`);
	}

	function as_date(date) {
		if (typeof date !== "string") return date;
		const user_date = frappe.datetime.convert_to_user_tz(date);
		return new Date(
			(user_date || "")
				.replace(/-/g, "/")
				.replace(/[TZ]/g, " ")
				.replace(/\.[0-9]*/, "")
		);
	}

	function short_text(seconds, days) {
		if (days === 0) {
			if (seconds < 60) return __("now");
			if (seconds < 3600) return counted(Math.floor(seconds / 60), "{0} m", "{0} m");
			return counted(Math.floor(seconds / 3600), "{0} h", "{0} h");
		}
		if (days < 7) return counted(days, "{0} d", "{0} d");
		if (days < 31) return counted(Math.floor(days / 7), "{0} w", "{0} w");
		if (days < 365) return counted(Math.floor(days / 30), "{0} M", "{0} M");
		return counted(Math.floor(days / 365), "{0} y", "{0} y");
	}

	function long_text(seconds, days) {
		if (days === 0) {
			if (seconds < 60) return __("just now");
			if (seconds < 3600)
				return counted(Math.max(1, Math.floor(seconds / 60)), "1 minute ago", "{0} minutes ago");
			return counted(Math.floor(seconds / 3600), "1 hour ago", "{0} hours ago");
		}
		if (days === 1) return __("yesterday");
		if (days < 7) return counted(days, "{0} days ago", "{0} days ago");
		if (days < 31) return counted(Math.floor(days / 7), "1 week ago", "{0} weeks ago");
		if (days < 365) return counted(Math.max(1, Math.floor(days / 30)), "1 month ago", "{0} months ago");
		return counted(Math.floor(days / 365), "1 year ago", "{0} years ago");
	}

	function pretty_date(date, mini) {
		if (!date) return "";
		const now = new Date(frappe.datetime.now_datetime().replace(/-/g, "/")).getTime();
		const seconds = (now - as_date(date).getTime()) / 1000;
		const days = Math.floor(seconds / 86400);
		if (isNaN(days) || days < 0) return "";
		return mini ? short_text(seconds, days) : long_text(seconds, days);
	}

	function comment_when(datetime, mini) {
		const timestamp = frappe.datetime.str_to_user ? frappe.datetime.str_to_user(datetime) : datetime;
		return `<span class="frappe-timestamp ${mini ? " mini" : ""}" data-timestamp="${datetime}"
			title="${timestamp}">${pretty_date(datetime, mini)}</span>`;
	}

	frappe.datetime.prettyDate = pretty_date;
	frappe.datetime.comment_when = window.comment_when = comment_when;
	frappe.datetime.refresh_when = function () {
		$(".frappe-timestamp").each(function () {
			$(this).html(pretty_date($(this).attr("data-timestamp"), $(this).hasClass("mini")));
		});
	};
})();

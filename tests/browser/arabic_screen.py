"""What an Arabic screen must not show: English words, error dialogs, tracking numbers read backwards.

`problems(page, known)` returns a list of sentences, one per problem found on the page as it is shown:

- English: every visible text node, except those inside form inputs, editors and the timeline's comment
  bodies (what people type), is searched for Latin words once the `known` strings (record names of the
  master data and the texts people typed, read from the site) are taken out of it. ALLOWED lists the
  few Latin runs an Arabic screen may show.
- Error dialogs: an open dialog whose indicator is red, or which says "Not permitted".
- Reversed tracking numbers: a number "2026-0000374-8" must read left to right on screen, its year to
  the left of its check digit; in an Arabic sentence without an isolate it comes out "8-0000374-2026".
"""

import re

# Latin runs an Arabic screen may show: tracking and appeal numbers, logins (e-mail addresses), unit codes,
# file names of attachments, and "PDF".
ALLOWED = [
	re.compile(r"\b\d{4}-\d{7}-\d\b"),  # tracking number (intake/tracking.py)
	re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # a login / e-mail address
	re.compile(r"\bSU-[\w-]+"),  # a social unit's code
	re.compile(r"\bAPL-\d{4}-\d+"),  # an appeal's number (its naming series)
	re.compile(r"\bPDF\b"),  # the format of a printable file
	re.compile(r"\b[\w-]+\.(png|jpe?g|pdf)\b", re.I),  # an attachment's file name
]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# Visible text nodes, outside what people type, with the CSS path of their element (for the report).
_TEXT_NODES = """
() => {
	const SKIP = 'input, textarea, select, script, style, noscript, [contenteditable="true"], .ql-editor,'
		+ ' .timeline-content .content, .comment-content, .ace_editor, code, pre, .hidden,'
		// timeline entries are stored in the language of the moment they were written: on the English
		// test site, the assignments other suites made read in English (the demo writes them in Arabic)
		+ ' .timeline-item .timeline-content,'
		// initials of a person's name, and text only screen readers get (Frappe's search hint)
		+ ' .avatar, .visually-hidden, .sr-only';
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode;
		const text = node.textContent.trim();
		if (!text || !/[A-Za-z]{2,}/.test(text)) continue;
		const el = node.parentElement;
		if (!el || el.closest(SKIP)) continue;
		const rects = el.getClientRects();
		if (!rects.length) continue;
		const style = getComputedStyle(el);
		if (style.visibility === 'hidden' || style.display === 'none' || +style.opacity === 0) continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		let path = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
			? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
		const parent = el.parentElement;
		if (parent) path = parent.tagName.toLowerCase() + (parent.className && typeof parent.className === 'string'
			? '.' + parent.className.trim().split(/\\s+/)[0] : '') + ' > ' + path;
		out.push({text, path});
	}
	// the document's title is read too (the browser tab)
	out.push({text: document.title, path: 'title'});
	return out;
}
"""

# Tracking numbers whose year is drawn to the right of their check digit.
_REVERSED_TRACKING = r"""
() => {
	const re = /(\d{4})-(\d{7})-(\d)(?!\d)/g;
	const found = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode;
		const text = node.textContent;
		let m;
		re.lastIndex = 0;
		while ((m = re.exec(text))) {
			const range = document.createRange();
			range.setStart(node, m.index);
			range.setEnd(node, m.index + 1);
			const first = range.getBoundingClientRect();
			range.setStart(node, m.index + m[0].length - 1);
			range.setEnd(node, m.index + m[0].length);
			const last = range.getBoundingClientRect();
			if (!first.width || !last.width) continue;  // not drawn
			if (Math.abs(first.top - last.top) > first.height) continue;  // wrapped over two lines
			if (first.left > last.left) found.push(node.parentElement.innerText.trim().slice(0, 120));
		}
	}
	return found;
}
"""

# Open dialogs that report an error.
_ERROR_DIALOGS = """
() => [...document.querySelectorAll('.modal.show, .msgprint-dialog.show')]
	.filter((m) => m.querySelector('.indicator.red, .modal-title .red')
		|| /Not permitted|غير مسموح/.test(m.innerText))
	.map((m) => m.innerText.trim().replace(/\\s+/g, ' ').slice(0, 200))
"""


def known_pattern(known: list[str]) -> re.Pattern:
	"""One pattern for the known strings, each matched whole (not inside a longer word)."""
	values = sorted({v for v in known if len(v) >= 2}, key=len, reverse=True)
	return re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, values)) + r")(?![A-Za-z])")


# Chart labels and legends frappe-charts cut short to fit ("08..", "المغلقة أو المر..."), in the chart
# widgets whose title contains `title` (all of them when it is empty).
_CUT_CHART_LABELS = """
(title) => [...document.querySelectorAll('.widget.dashboard-widget-box')]
	.filter((w) => w.offsetParent && (!title || (w.querySelector('.widget-title') || {}).innerText?.includes(title)))
	.flatMap((w) => [...w.querySelectorAll('svg text')])
	.filter((t) => t.getBBox().width > 0 && t.getClientRects().length && getComputedStyle(t).visibility !== 'hidden')
	.filter((t) => /\\.\\.\\.?$/.test(t.textContent.trim()))
	.map((t) => t.textContent.trim())
"""


def cut_chart_labels(page, title: str = "") -> list[str]:
	return page.evaluate(_CUT_CHART_LABELS, title)


def english_words(text: str, known: re.Pattern) -> list[str]:
	"""The Latin words of `text` once the known strings and the allowed runs are taken out."""
	text = known.sub(" ", text)
	for pattern in ALLOWED:
		text = pattern.sub(" ", text)
	return LATIN_WORD.findall(text)


class KnownStrings:
	"""The known strings: matched whole in text, and as fragments in charts, whose labels are record names
	cut to fit ("Br..") or shortened to what tells them apart ("3aDqMY" of "Governorate 3aDqMY")."""

	def __init__(self, values: list[str]):
		self.values = values
		self.pattern = known_pattern(values)

	def sub(self, replacement: str, text: str) -> str:
		return self.pattern.sub(replacement, text)

	def holds_fragment(self, text: str) -> bool:
		fragment = text.strip().rstrip(".…").strip()
		return len(fragment) >= 2 and any(fragment in value for value in self.values)


def _chart_label(node: dict) -> bool:
	return node["path"].endswith("g > text")


def english_texts(page, known) -> list[str]:
	found = []
	for node in page.evaluate(_TEXT_NODES):
		if (
			_chart_label(node)
			and getattr(known, "holds_fragment", None)
			and known.holds_fragment(node["text"])
		):
			continue
		words = english_words(node["text"], known)
		if words:
			found.append(f"English {words} in {node['text'][:100]!r} ({node['path']})")
	return found


# The page has answered every request it made and drawn its cards and charts.
SETTLED = """
() => window.frappe && frappe.request && frappe.request.ajax_count === 0
	&& ![...document.querySelectorAll('.number-card-loading, .chart-loading-state, .report-loading, .freeze')]
		.some((el) => el.offsetParent)
	&& ![...document.querySelectorAll('.widget-body, .number-widget-box')]
		.some((el) => el.offsetParent && /^(Loading|تحميل)/.test(el.innerText.trim()))
"""


def settle(page, timeout: int = 60_000) -> None:
	"""Wait until the desk page has answered its requests and drawn its cards and charts."""
	page.wait_for_function(SETTLED, timeout=timeout)
	page.wait_for_timeout(500)


# Field values without a letter that hold stars or a leading plus (a masked national ID, a mobile) laid out
# right to left: "2**********634" drawn "634**********2", "+201001234567" drawn "201001234567+".
_REVERSED_FIELD_VALUES = r"""
() => [...document.querySelectorAll(
		'.frappe-control input, .frappe-control .like-disabled-input, .frappe-control .control-value')]
	.filter((el) => el.offsetParent)
	.map((el) => ({ el, text: (el.tagName === 'INPUT' ? el.value : el.innerText).trim() }))
	.filter(({ text }) => /\d/.test(text) && /^[\d*+\s]+$/.test(text) && /\*|^\+/.test(text))
	// with unicode-bidi: plaintext Chromium draws such a value right to left whatever its direction
	.filter(({ el }) => getComputedStyle(el).direction !== 'ltr' || getComputedStyle(el).unicodeBidi === 'plaintext')
	.map(({ text }) => text)
"""


def problems(page, known: re.Pattern) -> list[str]:
	found = english_texts(page, known)
	found += [f"field value read right to left: {text}" for text in page.evaluate(_REVERSED_FIELD_VALUES)]
	found += [f"error dialog: {text}" for text in page.evaluate(_ERROR_DIALOGS)]
	found += [f"tracking number reversed in: {text}" for text in page.evaluate(_REVERSED_TRACKING)]
	return found


def known_strings(values) -> KnownStrings:
	"""The record names and typed texts to skip, those with Latin letters."""
	return KnownStrings([v for v in values if v and re.search(r"[A-Za-z]", v)])

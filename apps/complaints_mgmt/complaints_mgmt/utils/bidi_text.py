"""Latin and numeric runs inside Arabic text that keep their order: Unicode isolates.

A tracking number, an appeal's name, a masked national ID or a mobile number written into an Arabic
sentence is laid out by the Unicode bidirectional algorithm: its digits and hyphens are weak characters,
and "2026-0000374-8" comes out as "8-0000374-2026", "+201001234567" as "201001234567+". Wrapped in
LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE (U+2066, U+2069), the run is laid out on its own, in
its own order, wherever the text goes: an HTML page, an error message, an SMS. Markup can use
`<bdi>` instead; these characters also survive being turned into plain text.
"""

LTR_ISOLATE = "\u2066"  # LEFT-TO-RIGHT ISOLATE: numbers and codes are always written left to right
POP_ISOLATE = "\u2069"


def isolate(value) -> str:
	"""`value` as a left-to-right run isolated from the text around it."""
	text = "" if value is None else str(value)
	return f"{LTR_ISOLATE}{text}{POP_ISOLATE}" if text else text


LTR_MARK = "\u200e"


def ltr_marked(value) -> str:
	"""`value` between LEFT-TO-RIGHT MARKs: for plain texts read on devices that may not know isolates
	(an SMS on an old phone), the run keeps its order inside an Arabic sentence all the same."""
	text = "" if value is None else str(value)
	return f"{LTR_MARK}{text}{LTR_MARK}" if text else text

"""Arabic (and English) spelling normalised for matching what people type.

Citizens, call-centre agents and the central system write the same place, or the same name, in many
ways: أ إ آ ٱ for ا, ى for ي, ة for ه, with or without diacritics and tatweel, with Arabic-Indic
digits, with doubled spaces. `normalise` maps all of them to one key; it is for comparing, never for
showing. English is compared case-insensitively with "el"/"al" articles and punctuation ignored.
"""

import re
import unicodedata

_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# harakat, tanween, shadda, sukun, superscript alef, Quranic marks; tatweel
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NOT_WORD = re.compile(r"[^\w]+")
_ARTICLE = re.compile(r"\b(?:al|el)\b")


def normalise(text: str | None) -> str:
	"""The comparison key of a name: '' for nothing."""
	if not text:
		return ""
	text = unicodedata.normalize("NFKC", str(text)).translate(_DIGITS)
	text = _MARKS.sub("", text).translate(_ALEF).lower()
	text = _NOT_WORD.sub(" ", text)
	text = _ARTICLE.sub(" ", text)
	return " ".join(text.split())

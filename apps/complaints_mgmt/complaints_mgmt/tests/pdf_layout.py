"""What a PDF looks like, read back with poppler's pdftotext: the words of each page with their boxes."""

import re
import subprocess
import tempfile
from dataclasses import dataclass

MM = 72 / 25.4  # points in a millimetre
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass
class Word:
	text: str
	x0: float
	y0: float
	x1: float
	y1: float


@dataclass
class Page:
	width: float
	height: float
	words: list[Word]


def pdf_pages(pdf: bytes) -> list[Page]:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		xml = subprocess.run(
			["pdftotext", "-bbox", f.name, "-"], check=True, capture_output=True, text=True
		).stdout
	pages = []
	for chunk in xml.split("<page ")[1:]:
		width, height = map(float, _PAGE.match("<page " + chunk).groups())
		words = [
			Word(text, float(x0), float(y0), float(x1), float(y1))
			for x0, y0, x1, y1, text in _WORD.findall(chunk)
		]
		pages.append(Page(width, height, words))
	return pages


def pdf_text(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		return subprocess.run(
			["pdftotext", "-layout", f.name, "-"], check=True, capture_output=True, text=True
		).stdout


def overlapping_words(page: Page, tolerance: float = 1.0) -> list[tuple[str, str]]:
	"""Pairs of words of one line drawn over each other (by more than `tolerance` points): on one line,
	their boxes overlap by more than half their height; the boxes of two lines touch a little."""
	found = []
	words = sorted(page.words, key=lambda w: (w.y0, w.x0))
	for i, a in enumerate(words):
		for b in words[i + 1 :]:
			if b.y0 >= a.y1:
				break
			same_line = min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)
			if same_line and min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance:
				found.append((a.text, b.text))
	return found

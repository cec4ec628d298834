"""The PDF work behind redaction (删除处理), run in a child process: `python -m yifa.disclosure.pdfwork`.

A PDF is hostile input (a page tree of a million pages, a page the size of a football field, an image that
inflates to gigabytes, a broken cross-reference table): the parent (`redaction.py`) runs each operation in
a fresh process with its memory and CPU time capped by the operating system, and waits a bounded time.
Nothing here imports Django.

Protocol: stdin is one JSON line (the operation and its parameters, the limits) and then the PDF's bytes;
stdout is one JSON line (the result, or {"error": code}) and then the output bytes (a PNG or a PDF).

Coordinates: areas come as the person drew them on the rendered page, in PDF points from the top left
of the page as shown (a rotated page as it appears); they are turned into the page's own (unrotated)
coordinates, which MuPDF's search and redaction use.
"""

from __future__ import annotations

import json
import math
import resource
import sys
from typing import Any

# 14 400 pt (200 inches) is the largest page the PDF specification allows (ISO 32000-1, annex C).
DEFAULT_MAX_SIDE = 14400.0
BLACK = (0, 0, 0)


class Refused(Exception):
    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def _limit(memory_mb: int, cpu_seconds: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def open_pdf(data: bytes, *, max_pages: int, max_side: float = DEFAULT_MAX_SIDE) -> Any:
    import pymupdf

    if not data:
        raise Refused("empty")
    if b"%PDF-" not in data[:1024]:
        raise Refused("not_pdf")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:  # MuPDF raises its own types for every kind of broken file
        raise Refused("corrupt") from error
    if doc.needs_pass or doc.is_encrypted:
        raise Refused("encrypted")
    try:
        pages = doc.page_count
    except Exception as error:
        raise Refused("corrupt") from error
    if pages < 1:
        raise Refused("corrupt")
    if pages > max_pages:
        raise Refused("too_many_pages", pages=pages, max_pages=max_pages)
    for index in range(pages):
        try:
            rect = doc[index].rect
        except Exception as error:
            raise Refused("corrupt") from error
        if not (1 <= rect.width <= max_side and 1 <= rect.height <= max_side):
            raise Refused("page_too_large", page=index + 1)
    return doc


def inspect(data: bytes, params: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The page count and each page's size as shown, in points."""
    doc = open_pdf(data, max_pages=params["max_pages"])
    return {"pages": [[round(page.rect.width, 2), round(page.rect.height, 2)] for page in doc]}, b""


def render(data: bytes, params: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """One page as a PNG `width` pixels wide (fewer for a page so large that it would exceed `max_pixels`)."""
    import pymupdf

    doc = open_pdf(data, max_pages=params["max_pages"])
    index = params["page"]
    if not isinstance(index, int) or not 0 <= index < doc.page_count:
        raise Refused("no_page")
    page = doc[index]
    zoom = params["width"] / page.rect.width
    zoom = min(zoom, math.sqrt(params["max_pixels"] / (page.rect.width * page.rect.height)))
    try:
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False, annots=True)
        png = pixmap.tobytes("png")
    except MemoryError:
        raise
    except Exception as error:
        raise Refused("corrupt") from error
    return {"width": pixmap.width, "height": pixmap.height}, png


def _areas_by_page(doc: Any, areas: list[Any]) -> dict[int, list[Any]]:
    """Each drawn area as a rectangle in the page's own coordinates, clipped to the page."""
    import pymupdf

    by_page: dict[int, list[Any]] = {}
    for area in areas:
        index, corners = area["page"], area["rect"]
        if not isinstance(index, int) or not 0 <= index < doc.page_count:
            raise Refused("no_page")
        if len(corners) != 4 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in corners):
            raise Refused("bad_area")
        page = doc[index]
        shown = pymupdf.Rect(corners).normalize() & page.rect
        if shown.is_empty:
            raise Refused("bad_area")
        by_page.setdefault(index, []).append(shown * page.derotation_matrix)
    return by_page


def _chars_left_in(page: Any, rect: Any) -> int:
    """Characters whose centre lies in `rect` (page coordinates): there must be none after redaction."""
    inner = rect + (0.5, 0.5, -0.5, -0.5)
    count = 0
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for char in span["chars"]:
                    x0, y0, x1, y1 = char["bbox"]
                    if inner.contains(((x0 + x1) / 2, (y0 + y1) / 2)) and char["c"].strip():
                        count += 1
    return count


def redact(data: bytes, params: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Remove the text, the image pixels and the line art under each area and under every occurrence of
    each term; remove what else a PDF may carry beside its pages (metadata, attached files, scripts,
    thumbnails, the outline, annotations' own text); check the result; return the new PDF."""
    import pymupdf

    doc = open_pdf(data, max_pages=params["max_pages"])
    terms: list[str] = params["terms"]
    by_page = _areas_by_page(doc, params["areas"])
    # Annotations and form fields become page content first, so that what is under an area goes with it.
    doc.bake(annots=True, widgets=True)
    found = [0] * len(terms)
    marked: dict[int, list[Any]] = {}
    for page in doc:
        rects = list(by_page.get(page.number, ()))
        for position, term in enumerate(terms):
            hits = page.search_for(term)
            found[position] += len(hits)
            rects.extend(hits)
        for rect in rects:
            page.add_redact_annot(rect, fill=BLACK)
        if rects:
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,  # type: ignore[attr-defined]
                                  graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,  # type: ignore[attr-defined]
                                  text=pymupdf.PDF_REDACT_TEXT_REMOVE)  # type: ignore[attr-defined]
            marked[page.number] = rects
    doc.scrub(attached_files=True, clean_pages=False, embedded_files=True, hidden_text=False, javascript=True,
              metadata=True, redactions=False, remove_links=False, reset_fields=True, reset_responses=True,
              thumbnails=True, xml_metadata=True)
    doc.set_toc([])  # an outline's titles may repeat what was removed
    # A full rewrite: objects of earlier incremental saves (which may still hold the text) are dropped.
    output = doc.tobytes(garbage=4, deflate=True)

    check: Any = pymupdf.open(stream=output, filetype="pdf")
    for page in check:
        for term in terms:
            if page.search_for(term):
                raise Refused("check_failed", page=page.number + 1)
        for rect in marked.get(page.number, ()):
            if _chars_left_in(page, rect):
                raise Refused("check_failed", page=page.number + 1)
    return {
        "found": found, "pages": doc.page_count,
        "areas_per_page": {str(index + 1): len(rects) for index, rects in sorted(by_page.items())},
    }, output


OPERATIONS = {"inspect": inspect, "render": render, "redact": redact}


def main() -> int:
    header = json.loads(sys.stdin.buffer.readline())
    _limit(header.get("memory_mb", 1024), header.get("cpu_seconds", 60))
    data = sys.stdin.buffer.read()
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    out = sys.stdout.buffer
    try:
        result, payload = OPERATIONS[header["op"]](data, header)
    except Refused as refusal:
        out.write(json.dumps({"error": refusal.code, **refusal.details}).encode() + b"\n")
        return 0
    except MemoryError:
        out.write(json.dumps({"error": "too_complex"}).encode() + b"\n")
        return 0
    except Exception as error:  # anything else MuPDF meets in a broken file, or a limit of its own
        code = "too_complex" if type(error).__name__ in ("FzErrorLimit", "FzErrorMemory") else "corrupt"
        out.write(json.dumps({"error": code, "detail": type(error).__name__}).encode() + b"\n")
        return 0
    out.write(json.dumps(result).encode() + b"\n")
    out.write(payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())

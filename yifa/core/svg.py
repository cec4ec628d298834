"""Cleaning an SVG before a page embeds it: only drawing elements and drawing attributes survive.

Graphviz writes the flowcharts' SVG from labels that departments type; a label crafted to break out of
its quotes could add a link with a `javascript:` URL or an event handler. Escaping the labels is the
first defence; this allow-list is the second: the SVG is parsed (no entities, no network) and rebuilt
from the elements and attributes a chart needs. Anything else — scripts, links, foreign objects,
event handlers, styles with URLs, external references — is dropped.
"""

from __future__ import annotations

import re

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

ELEMENTS = frozenset({"svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "circle", "rect",
                      "line", "text", "tspan", "defs"})
ATTRIBUTES = frozenset({
    "id", "class", "width", "height", "viewBox", "preserveAspectRatio", "transform", "points", "d", "x", "y",
    "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "fill", "fill-opacity", "stroke",
    "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "font-family",
    "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "opacity", "role",
    "aria-label", "aria-hidden",
})
# A value that could load or run something: a URL, a script scheme, an expression.
UNSAFE_VALUE = re.compile(r"url\s*\(|javascript:|data:|vbscript:|expression\s*\(|[<>]", re.IGNORECASE)


class UnsafeSvg(ValueError):
    """The text is not an SVG document we can clean."""


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _clean(source: etree._Element, target_parent: etree._Element | None) -> etree._Element | None:
    name = _local(source.tag)
    if name not in ELEMENTS or etree.QName(source.tag).namespace not in (SVG_NS, None):
        return None
    element = etree.Element(f"{{{SVG_NS}}}{name}", nsmap={None: SVG_NS}) if target_parent is None \
        else etree.SubElement(target_parent, f"{{{SVG_NS}}}{name}")
    for attribute, value in source.attrib.items():
        qualified = etree.QName(attribute)
        if qualified.namespace is None and qualified.localname in ATTRIBUTES and not UNSAFE_VALUE.search(value):
            element.set(qualified.localname, value)
    element.text = source.text
    for child in source:
        if not isinstance(child.tag, str):  # comments and processing instructions go
            continue
        if _local(child.tag) == "a":  # a link: keep what it draws, drop the link
            for grandchild in child:
                _clean(grandchild, element)
            continue
        cleaned = _clean(child, element)
        if cleaned is not None:
            cleaned.tail = child.tail
    return element


def sanitise_svg(text: str) -> str:
    """The SVG with only drawing elements and attributes; raises UnsafeSvg if it is not an SVG at all."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text.encode(), parser)
    except etree.XMLSyntaxError as error:
        raise UnsafeSvg(str(error)) from None
    if _local(root.tag) != "svg":
        raise UnsafeSvg("the document is not an <svg>")
    cleaned = _clean(root, None)
    assert cleaned is not None
    return etree.tostring(cleaned, encoding="unicode")

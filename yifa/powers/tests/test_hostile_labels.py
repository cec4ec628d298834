"""Text typed into a power item reaches the flowchart, the item page and the back office as text, never as
markup or script: the label that ran a script in the legal affairs reviewer's browser, and its kin."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from yifa.core.svg import sanitise_svg
from yifa.powers.content import Step
from yifa.powers.flowchart import dot_source
from yifa.powers.models import PowerVersion

from .conftest import approve, power, proposal

HOSTILE_STEP = '",href="javascript&#58;/*：*/alert(1)'
HOSTILE_DUTY = '<script>alert(2)</script>" URL="javascript:alert(3)" target="x'
HOSTILE_NAME = '食品经营许可"];evil [label="x" href="javascript:alert(4)'


def _attributes(svg: str) -> list[str]:
    root = etree.fromstring(svg.encode())
    return [f"{name}={value}" for element in root.iter() for name, value in element.attrib.items()]


@pytest.fixture
def hostile_power(department):
    approve(department, proposal(power(name=HOSTILE_NAME, handling_office='科室"];x[label="y',
                                       responsibilities=(Step(HOSTILE_STEP, HOSTILE_DUTY), Step("决定", "作出决定")))))
    return PowerVersion.objects.get(department=department)


def test_every_label_stays_inside_its_quoted_dot_string(hostile_power, department):
    source = dot_source(hostile_power, department.name)
    # Only our own nodes exist: start, the two steps (s0, s1), the end and the note.
    nodes = [line.strip().split(" ", 1)[0] for line in source.splitlines() if "[label=" in line]
    assert nodes == ["graph", "start", "s0", "s1", "s1_b", "end", "info"]  # s1_b: the statute's branch of 决定
    # Outside the quoted strings there is only what yifa wrote: no attribute or node that was typed.
    outside = re.sub(r'"(?:\\.|[^"\\])*"', '""', source)
    for typed in ("href", "URL", "evil", "javascript", "script", "target"):
        assert typed not in outside, typed


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz is not installed")
def test_the_rendered_flowchart_has_no_link_script_or_handler_but_keeps_the_text(client, hostile_power):
    svg = client.get(f"/powers/items/{hostile_power.item_id}/flowchart.svg").content.decode()
    attributes = " ".join(_attributes(svg[svg.index("<svg"):]))
    assert "javascript" not in attributes.lower() and "href" not in attributes and " on" not in attributes
    assert "<a " not in svg and "<script" not in svg
    assert "alert(1)" in svg  # the step's text is drawn, as text
    page = client.get(f"/powers/items/{hostile_power.item_id}/").content.decode()
    chart = page[page.index('class="chart"'):]
    embedded = chart[chart.index("<svg"):chart.index("</svg>") + len("</svg>")]
    attributes = " ".join(_attributes(embedded))
    assert "javascript" not in attributes.lower() and "href" not in attributes
    assert "<script" not in embedded and "<a " not in embedded


def test_the_page_sends_a_policy_that_runs_no_inline_script(client, hostile_power):
    response = client.get(f"/powers/items/{hostile_power.item_id}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_the_svg_cleaner_keeps_the_drawing_and_drops_everything_active():
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
        'onload="alert(1)"><script>alert(2)</script><g id="a"><a xlink:href="javascript:alert(3)" href="javascript:x">'
        '<text x="1" y="2" fill="url(javascript:alert(4))">受理</text></a>'
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
        '<polygon points="0,0 1,1" stroke="#000" style="background:url(x)" onclick="alert(5)"/>'
        '<image href="http://evil.example/x.png"/><use xlink:href="#a"/></g></svg>'
    )
    clean = sanitise_svg(hostile)
    assert "受理" in clean and "<polygon" in clean and 'points="0,0 1,1"' in clean and 'stroke="#000"' in clean
    for gone in ("onload", "<script", "javascript", "<a ", "foreignObject", "onclick", "style=", "<image", "<use",
                 "evil.example", "url("):
        assert gone not in clean, gone


def test_an_svg_with_entities_or_not_an_svg_is_refused():
    from yifa.core.svg import UnsafeSvg

    billion_laughs = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>'
    for text in ("<html><body>x</body></html>", "not xml at all", billion_laughs):
        try:
            cleaned = sanitise_svg(text)
        except UnsafeSvg:
            continue
        assert "aaaa" not in cleaned

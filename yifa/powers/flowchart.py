"""Power-operation flowcharts (权力运行流程图), laid out by Graphviz `dot` from a power's steps and limits.

The chart is generated, never drawn by hand: one box per responsibility step in the order of the
procedure, the branches the statute provides beside the steps that have them, and the time
limits, the implementing department and the supervision phone in a note. `dot` (Debian package
graphviz, installed by scripts/system-deps.sh) lays it out; the SVG is stored under the digest of
its source, so a version's chart is rendered once and a changed item gets a new one.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yifa.calendar.periods import format_length
from yifa.core.svg import UnsafeSvg, sanitise_svg

from .models import Flowchart, PowerType, PowerVersion
from .standards import STEP_BRANCHES, standard_steps

# Bump when the drawing changes, so stored charts are rendered again.
RENDERER_VERSION = "3"  # 3: labels escaped throughout, the SVG cleaned by an allow-list
DOT_TIMEOUT_SECONDS = 15
FONT = "Noto Sans CJK SC"
WRAP = 16  # characters per line in a box: Chinese text does not wrap by itself

START_LABEL: dict[str, str] = {
    PowerType.PENALTY: "发现违法线索\n（举报、检查、移送）",
    PowerType.COERCION: "发现需采取强制措施的情形",
    PowerType.INSPECTION: "年度抽查计划",
    PowerType.REWARD: "启动评选表彰",
}


class FlowchartUnavailable(Exception):
    """dot is missing, timed out or failed; the message says which, for the page to show."""


@dataclass(frozen=True)
class Chart:
    svg: str
    key: str


def _escape(text: str) -> str:
    """Text for a double-quoted DOT string: backslashes and quotes escaped, line breaks as \\n, other
    control characters dropped — nothing typed into a step can end the string or add an attribute."""
    text = "".join(ch for ch in str(text) if ch == "\n" or ch >= " ")
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _wrap(text: str, width: int = WRAP) -> str:
    lines = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        while len(paragraph) > width:
            lines.append(paragraph[:width])
            paragraph = paragraph[width:]
        if paragraph:
            lines.append(paragraph)
    return "\n".join(lines)


def _first_sentence(text: str, limit: int = 48) -> str:
    text = re.sub(r"（[^）]*）", "", text or "").strip()  # statute citations go in the table, not the box
    sentence = re.split(r"[；。]", text)[0]
    return sentence[:limit] + ("……" if len(sentence) > limit else "")


def limits_text(version: PowerVersion) -> list[str]:
    lines = []
    if version.statutory_limit:
        lines.append(_("法定时限：%(limit)s") % {"limit": format_length(version.statutory_limit, version.statutory_unit)})
    if version.promised_limit:
        lines.append(_("承诺时限：%(limit)s") % {"limit": format_length(version.promised_limit, version.promised_unit)})
    if not lines:
        lines.append(_("无法定办结时限"))
    return lines


def dot_source(version: PowerVersion, department_name: str) -> str:
    """The Graphviz source of a version's chart (pure: the same version gives the same source)."""
    steps = version.responsibilities or standard_steps(version.power_type)
    node = f'fontname="{FONT}", fontsize=11'
    out = [
        "digraph flow {",
        f'  graph [rankdir=TB, nodesep=0.35, ranksep=0.3, fontname="{FONT}", fontsize=13, labelloc=t, '
        f'label="{_escape(_wrap(version.name, 30))}\\n{_escape(_("权力运行流程图"))}", pad=0.2];',
        f"  node [{node}, shape=box, style=\"rounded,filled\", fillcolor=\"#eef4fb\", color=\"#0b4f8a\", margin=\"0.15,0.06\"];",
        f'  edge [fontname="{FONT}", fontsize=10, color="#333333", arrowsize=0.7];',
    ]
    start = START_LABEL.get(version.power_type, _("申请人提出申请"))
    out.append(f'  start [label="{_escape(start)}", shape=oval, fillcolor="#fff8e6", color="#b8860b"];')
    previous = "start"
    for index, step in enumerate(steps):
        name = f"s{index}"
        duty = _first_sentence(step.get("duty", ""))
        label = _escape(step.get("step", "")) + ("\\n" + _escape(_wrap(duty)) if duty else "")
        out.append(f'  {name} [label="{label}"];')
        out.append(f"  {previous} -> {name};")
        branch = STEP_BRANCHES.get(step.get("step", ""))
        if branch:
            out.append(f'  {name}_b [label="{_escape(branch)}", shape=note, fillcolor="#f5f5f5", color="#777777", '
                       f'fontsize=10];')
            out.append(f"  {name} -> {name}_b [style=dashed, arrowhead=none];")
            out.append(f"  {{rank=same; {name}; {name}_b;}}")
        previous = name
    out.append(f'  end [label="{_escape(_("办结"))}", shape=oval, fillcolor="#e8f5e9", color="#2e7d32"];')
    out.append(f"  {previous} -> end;")
    note = [_("实施主体：%(name)s") % {"name": department_name}]
    if version.handling_office:
        note.append(_("办理处室：%(office)s") % {"office": version.handling_office})
    note += limits_text(version)
    if version.supervision_phone:
        note.append(_("监督电话：%(phone)s") % {"phone": version.supervision_phone})
    info = "\\l".join(_escape(line) for line in note) + "\\l"
    out.append(f'  info [label="{info}", shape=box, style=filled, fillcolor="#ffffff", '
               f'color="#a4161a", fontsize=10];')
    out.append("  start -> info [style=invis];")
    out.append("  {rank=same; start; info;}")
    out.append("}")
    return "\n".join(out) + "\n"


def dot_available() -> bool:
    return shutil.which("dot") is not None


def render_svg(source: str) -> str:
    """Run `dot -Tsvg` on the source, with a timeout. Raises FlowchartUnavailable."""
    executable = shutil.which("dot")
    if executable is None:
        raise FlowchartUnavailable(_("服务器未安装 Graphviz（dot），暂不能生成流程图。"))
    try:
        result = subprocess.run([executable, "-Tsvg"], input=source.encode(), capture_output=True,
                                timeout=DOT_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise FlowchartUnavailable(_("生成流程图超时，请稍后再试。")) from None
    if result.returncode != 0:
        raise FlowchartUnavailable(_("生成流程图失败：%(error)s") % {"error": result.stderr.decode(errors="replace")[:200]})
    # The page embeds the chart: only its drawing is kept (no prolog, doctype, links or anything active).
    try:
        return sanitise_svg(result.stdout.decode())
    except UnsafeSvg:
        raise FlowchartUnavailable(_("生成流程图失败：输出不是有效的 SVG。")) from None


def chart_for(version: PowerVersion, department_name: str) -> Chart:
    """The version's chart, rendered once and kept under the digest of its source."""
    source = dot_source(version, department_name)
    key = hashlib.sha256(f"{RENDERER_VERSION}\n{source}".encode()).hexdigest()
    stored = Flowchart.objects.filter(key=key).values_list("svg", flat=True).first()
    if stored is not None:
        return Chart(stored, key)
    svg = render_svg(source)
    try:
        with transaction.atomic():
            Flowchart.objects.create(key=key, svg=svg)
    except IntegrityError:
        pass  # rendered by a concurrent request: the same chart
    return Chart(svg, key)

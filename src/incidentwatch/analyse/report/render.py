"""Write a SituationReport as Markdown, HTML and PDF.

HTML: jinja2 with autoescaping on, so article-derived text (summaries, place
and outlet names) is always escaped; charts are PNG data URIs and the page
carries a CSP that forbids scripts and remote loads. Markdown: the same text
with HTML-significant characters escaped, so a Markdown viewer cannot be
made to render injected HTML. PDF: matplotlib's PdfPages (no browser, no
system libraries; see docs/analyse.md for why).
"""

from __future__ import annotations

import base64
import re
import textwrap
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from incidentwatch.analyse.report.build import SituationReport

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")


# Kept as they are in a link destination: the URL delimiters and sub-delimiters of
# RFC 3986 that cannot end a Markdown link, and '%' so encoded URLs stay as they are.
# Everything else (spaces, line breaks, < > ( ) [ ] ` \\ and non-ASCII) is
# percent-encoded, so a URL can neither leave its link nor start a new line.
_URL_SAFE = ":/?#@!$&'*+,;=%~"


def md_escape(value: object) -> str:
    # Any line break (CR, LF, U+2028 ...) would let text start a heading, list or
    # image on a line of its own: the whole value stays on one line.
    text = " ".join(str(value).replace("&", "&amp;").splitlines())
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(value: object) -> str:
    """A URL for a Markdown link destination, or "" if it is not http(s)."""
    url = str(value).strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return quote(url, safe=_URL_SAFE, errors="replace")


def _env(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("incidentwatch.analyse.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]) if autoescape else False,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["mdurl"] = md_url
    return env


def render_html(rep: SituationReport) -> str:
    uris = {
        k: "data:image/png;base64," + base64.b64encode(v).decode() for k, v in rep.charts.items()
    }
    return _env(True).get_template("report.html.j2").render(r=rep, charts=uris)


def render_markdown(rep: SituationReport, chart_files: dict[str, str] | None = None) -> str:
    return _env(False).get_template("report.md.j2").render(r=rep, charts=chart_files or {})


def write_pdf(rep: SituationReport, path: Path) -> None:
    import io

    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    def page() -> tuple[object, list[str]]:
        fig = plt.figure(figsize=(8.27, 11.69))  # A4
        return fig, []

    blocks: list[tuple[str, list[str]]] = [
        ("Summary", rep.headline),
        (
            "Key numbers against the baseline",
            [
                f"{k['measure']}: {k['window']} in the window, {k['baseline']} in the baseline "
                f"({k['expected']} expected), ratio {k['ratio']}, {k['test']}"
                for k in rep.key_numbers
            ],
        ),
        ("Is it escalating?", rep.assessment),
        ("Alerts", rep.alerts or ["No alert in the window."]),
        (
            "Hot spots",
            [
                f"{h['place']}: {h['incidents']} incidents, Gi* z = {h['gi_z']}, q = {h['q']}"
                for h in rep.hotspots
            ]
            or ["No significant hot spot."],
        ),
        ("Tactics and targets", rep.tactics),
        (
            "Main incidents",
            [
                f"{n}. {i.event_date}, {i.place} ({i.event_type}; {i.actors}; "
                f"{i.fatalities} killed). {i.summary} "
                "Sources: "
                + (
                    "; ".join(c.label + (" " + c.url if c.url else "") for c in i.citations)
                    or "none recorded"
                )
                for n, i in enumerate(rep.incidents, 1)
            ],
        ),
        ("Method", rep.method),
    ]
    lines: list[tuple[str, str]] = [("title", rep.title), ("meta", "Generated " + rep.generated_at)]
    for head, sents in blocks:
        lines.append(("head", head))
        for s in sents:
            for i, w in enumerate(textwrap.wrap(s, 100) or [""]):
                lines.append(("text", ("   " if i else "- ") + w))
    with PdfPages(path) as pdf:
        per_page = 62
        for start in range(0, len(lines), per_page):
            fig = plt.figure(figsize=(8.27, 11.69))
            y = 0.96
            for kind, txt in lines[start : start + per_page]:
                size = {"title": 13, "head": 11, "meta": 8, "text": 8}[kind]
                weight = "bold" if kind in ("title", "head") else "normal"
                fig.text(0.06, y, txt, fontsize=size, weight=weight, family="DejaVu Sans", va="top")
                y -= 0.0165 if kind == "text" else 0.024
            pdf.savefig(fig)
            plt.close(fig)
        for name, png in rep.charts.items():
            fig = plt.figure(figsize=(8.27, 11.69))
            ax = fig.add_axes((0.05, 0.3, 0.9, 0.6))
            ax.imshow(mpimg.imread(io.BytesIO(png), format="png"))
            ax.axis("off")
            fig.text(0.06, 0.94, name.replace("_", " ").capitalize(), fontsize=12, weight="bold")
            pdf.savefig(fig)
            plt.close(fig)
        info = pdf.infodict()
        info["Title"] = rep.title
        info["Creator"] = "incidentwatch"


def write_report(
    rep: SituationReport, out: Path, formats: tuple[str, ...] = ("html", "md", "pdf")
) -> list[Path]:
    """Write `out`.md/.html/.pdf (Markdown charts as PNG files beside it)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    if "md" in formats:
        files = {}
        for name, png in rep.charts.items():
            p = out.with_name(f"{out.name}_{name}.png")
            p.write_bytes(png)
            files[name] = p.name
            written.append(p)
        md = out.with_suffix(".md")
        md.write_text(render_markdown(rep, files), encoding="utf-8")
        written.append(md)
    if "html" in formats:
        html = out.with_suffix(".html")
        html.write_text(render_html(rep), encoding="utf-8")
        written.append(html)
    if "pdf" in formats:
        pdf = out.with_suffix(".pdf")
        write_pdf(rep, pdf)
        written.append(pdf)
    return written

"""Situation reports: `build_report` assembles one from a frame, `write_report` writes it."""

from incidentwatch.analyse.report.build import SituationReport, build_report
from incidentwatch.analyse.report.render import render_html, render_markdown, write_report

__all__ = ["SituationReport", "build_report", "render_html", "render_markdown", "write_report"]

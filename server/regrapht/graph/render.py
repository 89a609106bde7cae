"""`regrapht graph show`: the graph as one self-contained HTML page (inline SVG, no scripts).

Techniques are placed in columns by their distance from the start node (techniques no edge
reaches yet stand in the last column); an edge's width grows with its number of examples and
its tooltip gives the median kernel-only and end-to-end speedups measured at that step.
"""

from __future__ import annotations

import html
import statistics

import networkx as nx

from regrapht.graph.schema import START
from regrapht.graph.stats import format_stats, graph_stats

COLUMN, ROW, WIDTH, HEIGHT = 230, 46, 190, 30


def _layout(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    depth = nx.single_source_shortest_path_length(graph, START)
    last = max(depth.values(), default=0) + 1
    columns: dict[int, list[str]] = {}
    for node in sorted(graph.nodes):
        columns.setdefault(depth.get(node, last), []).append(node)
    return {node: (20 + c * COLUMN, 20 + r * ROW)
            for c, nodes in columns.items() for r, node in enumerate(nodes)}


def _edge_title(u: str, v: str, examples: tuple) -> str:
    if not examples:
        return f"{u} -> {v}: no examples"
    kernel = statistics.median(x.speedup_kernel for x in examples)
    e2e = statistics.median(x.speedup_end_to_end for x in examples)
    return (f"{u} -> {v}: {len(examples)} examples; median speedup {kernel:.3g}x kernel-only, "
            f"{e2e:.3g}x end-to-end")


def render_html(graph: nx.DiGraph) -> str:
    pos = _layout(graph)
    width = max(x for x, _ in pos.values()) + WIDTH + 40
    height = max(y for _, y in pos.values()) + HEIGHT + 40
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">',
           '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
           'markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker>'
           '</defs>']
    for u, v, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        stroke = 1 + min(len(data["examples"]), 12) / 2
        svg.append(f'<line x1="{x1 + WIDTH}" y1="{y1 + HEIGHT / 2}" x2="{x2}" '
                   f'y2="{y2 + HEIGHT / 2}" stroke="#555" stroke-width="{stroke}" '
                   f'marker-end="url(#a)"><title>'
                   f'{html.escape(_edge_title(u, v, data["examples"]))}</title></line>')
    for node, (x, y) in pos.items():
        fill = "#ffe9a8" if node == START else "#d8e8ff"
        description = graph.nodes[node]["technique"].description
        svg.append(f'<g><title>{html.escape(description)}</title><rect x="{x}" y="{y}" '
                   f'width="{WIDTH}" height="{HEIGHT}" rx="6" fill="{fill}" stroke="#345"/>'
                   f'<text x="{x + 8}" y="{y + 19}" font-family="sans-serif" font-size="13">'
                   f'{html.escape(node)}</text></g>')
    svg.append("</svg>")
    stats = html.escape(format_stats(graph_stats(graph)))
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>regrapht reasoning "
            "graph</title></head><body style=\"font-family:sans-serif\">"
            "<h1>Reasoning graph</h1><p>Hover over a technique for its description and over an "
            "edge for its examples and measured speedups.</p>" + "".join(svg)
            + f"<h2>Statistics</h2><pre>{stats}</pre></body></html>\n")

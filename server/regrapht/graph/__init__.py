"""The reasoning graph: format, loading, relabelling, merging, retrieval, statistics.

The only package that imports networkx. Public API re-exported here.
"""

from regrapht.graph.merge import MergeLog, Step, merge
from regrapht.graph.relabel import Relabel, normalize, relabel
from regrapht.graph.retrieve import ExampleIndex, Hit, KernelMatch
from regrapht.graph.schema import (
    KERNEL_CLASSES,
    SCHEMA_VERSION,
    START,
    Example,
    GraphFormatError,
    Technique,
)
from regrapht.graph.stats import GraphStats, format_stats, graph_stats
from regrapht.graph.store import bundled_graph_path, load_graph, save_graph
from regrapht.graph.view import GraphView

__all__ = [
    "KERNEL_CLASSES", "SCHEMA_VERSION", "START", "Example", "ExampleIndex", "GraphFormatError",
    "GraphStats", "GraphView", "Hit", "KernelMatch", "MergeLog", "Relabel", "Step", "Technique",
    "bundled_graph_path",
    "format_stats", "graph_stats", "load_graph", "merge", "normalize", "relabel", "save_graph",
]

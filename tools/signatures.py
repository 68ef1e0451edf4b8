"""Signatures read from torch, for the pages: what a reader calls, with the defaults the pinned torch has.

A page writes ``<!-- generated: signatures nn.L1Loss nn.functional.l1_loss -->`` and ``make outputs`` fills
the region with one line for each name (relative to ``torch``), from ``inspect.signature``, so a default that
changes in a torch upgrade changes on the page too.
"""

from __future__ import annotations

import functools
import inspect

import torch


def resolve(dotted: str):
    """``"nn.functional.l1_loss"`` -> ``torch.nn.functional.l1_loss``."""
    return functools.reduce(getattr, dotted.split("."), torch)


def call_signature(dotted: str) -> str:
    """How a reader calls it: ``torch.nn.L1Loss(size_average=None, reduce=None, reduction='mean')``, with the
    defaults and keyword-only marker of ``inspect.signature`` and without type annotations."""
    signature = inspect.signature(resolve(dotted))
    parameters = signature.parameters.values()
    bare = signature.replace(
        parameters=[parameter.replace(annotation=inspect.Parameter.empty) for parameter in parameters],
        return_annotation=inspect.Signature.empty,
    )
    return f"torch.{dotted}{bare}"


def kind(dotted: str) -> str:
    target = resolve(dotted)
    if inspect.isclass(target):
        return "module" if issubclass(target, torch.nn.Module) else "class"
    return "function"


def signatures_markdown(*names: str) -> str:
    """A list item per name, led by its kind ("- module: `torch.nn.L1Loss(...)`"): a bare code span is all a
    plain-text reader of the notebooks (mkdocs-jupyter's table of contents) would drop, leaving "- "."""
    if not names:
        raise ValueError("signatures: name at least one callable, e.g. nn.functional.l1_loss")
    return "\n".join(f"- {kind(name)}: `{call_signature(name)}`" for name in names)


def constructor_markdown(*names: str) -> str:
    """How to build the class, with the pinned torch's defaults: the first line of a loss page's summary box
    (``<!-- generated: constructor nn.L1Loss -->``)."""
    if len(names) != 1 or kind(names[0]) == "function":
        raise ValueError(f"constructor: name one class, e.g. nn.L1Loss (got {' '.join(names) or 'nothing'})")
    return f"`{call_signature(names[0])}`"

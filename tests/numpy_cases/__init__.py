"""Hypothesis strategies for the NumPy twins, one module per loss page (the mirror of snippets/losses/).

Each module defines ``CASES``: a dict from a torch.nn class name to a strategy that draws ``(args, kwargs)``,
``args`` the forward arguments as float64 (or integer) NumPy arrays, ``kwargs`` the constructor arguments,
arrays included (``weight``, ``pos_weight``), covering every reduction and every option the page shows.
"""

import importlib
import pkgutil

ALL_CASES = {}
for _module in pkgutil.iter_modules(__path__):
    if _module.name != "common":
        ALL_CASES.update(importlib.import_module(f"{__name__}.{_module.name}").CASES)

"""Patches a module right after it is first imported, so a program that never
imports multiprocessing pays nothing for its hooks."""

import importlib.abc
import importlib.util
import sys

_patchers = {}  # module name -> [patch(module)]


class _Loader(importlib.abc.Loader):
    def __init__(self, loader, patchers):
        self._loader = loader
        self._patchers = patchers

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        for patch in self._patchers:
            patch(module)

    def __getattr__(self, attr):
        return getattr(self._loader, attr)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        patchers = _patchers.get(name)
        if not patchers:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader, patchers)
                return spec
        return None


def when_imported(name, patch):
    """Runs patch(module) now if `name` is imported already, else right after
    its first import."""
    module = sys.modules.get(name)
    if module is not None:
        patch(module)
        return
    _patchers.setdefault(name, []).append(patch)


def install():
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())

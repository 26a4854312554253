"""Scenario files: read, validated and described, with every problem as a located diagnostic.

The public modules are listed in `__all__`; start with `loader.load_scenario(path) ->
(LoadedScenario | None, diagnostics)`. The others (the YAML reader, the cross-checks, the
repairs) serve the loader. Importing this package imports none of them: `good-offices list`
reads only `bundled` and `header`.
"""

__all__ = ["bundled", "codes", "header", "jsonschema", "loader", "model", "names", "verbs"]

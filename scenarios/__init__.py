"""Bundled scenario files; this folder ships inside the package as game.bundled_scenarios."""

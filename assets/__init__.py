"""Themes, fonts and images; this folder ships inside the package as game.assets."""

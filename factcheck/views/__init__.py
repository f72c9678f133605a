"""The web layer: Flask blueprints and the helpers they share."""

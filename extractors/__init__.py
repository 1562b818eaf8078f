"""Extractors: one module per kind of item, run through `extractors.registry`."""

"""Ingest Vietnamese directive documents and publish what they say."""

"""The Datasette publication: metadata, plugin (lineage and document pages), serving."""

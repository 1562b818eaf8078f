"""Datasette plugin of the project (registered through the `datasette` entry point).

Pages are added by the publication work (issue 6); until then the plugin
registers nothing and Datasette serves its default pages.
"""

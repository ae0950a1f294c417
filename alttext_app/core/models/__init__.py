"""Catalogue, download, import and removal of captioning models."""

"""The journal on disk. Nothing in this package imports Qt."""

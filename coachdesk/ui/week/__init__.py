"""This week, and search."""

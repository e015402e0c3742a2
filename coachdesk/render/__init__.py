"""Markdown to safe HTML, prep sheets and charts."""

"""The main window and what frames it.

Start-up, the roster, sharing mode, and the File menu's actions.
"""

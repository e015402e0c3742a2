"""What the app assembles from the journal for a screen or a sheet.

The timeline, flags, this week, prep content, the numbers' pace and the declared settings.
Reads through the store and the coaching rules; no Qt, and no SQL of its own.
"""

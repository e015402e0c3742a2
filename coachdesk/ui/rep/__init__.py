"""A rep's page: the timeline, the 1:1 editor, commitments, close-out, prep sheets."""

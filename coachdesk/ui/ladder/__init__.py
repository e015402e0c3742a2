"""The co-elevation ladder: a rep's trend, the team's view, my own line."""

"""Expectation agreements (a rep's and the team's) and rep-owned plans."""

"""Pure coaching rules with no I/O: cadences, carry-over, the ladder, prep content."""

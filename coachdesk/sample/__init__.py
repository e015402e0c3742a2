"""The generated sample team: a believable journal for a first look, tests and benchmarks."""

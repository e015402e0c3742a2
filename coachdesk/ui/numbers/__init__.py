"""The weekly numbers: a rep's tab and the team grid."""

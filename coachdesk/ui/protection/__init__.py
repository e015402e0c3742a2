"""The passphrase: protecting, locking and unlocking."""

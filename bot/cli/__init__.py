"""The `duban` command line."""

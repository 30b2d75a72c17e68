"""Plans and their import: files read, previewed and applied; instructions made tasks; uploads."""

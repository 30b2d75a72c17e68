"""Close-out (办结/销号) and deadline extensions (延期), with their evidence and typed input."""

"""Stage 5: a verified build switched in, sealed, logged; rollback; publishing at a moment."""

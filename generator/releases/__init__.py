"""Stage 2: the release calendar planned from the catalog's rules and calendars."""

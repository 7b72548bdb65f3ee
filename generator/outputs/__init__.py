"""Stage 3: what the site holds, made from the catalog and the calendar."""

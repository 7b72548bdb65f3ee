"""Stage 1: the catalog read from ``catalog/`` and checked."""

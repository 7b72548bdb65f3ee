"""Every text of phobien in its two languages, in one place a translator can read."""

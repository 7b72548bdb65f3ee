"""The site engine adapter: the only code that imports MkDocs (or another engine)."""

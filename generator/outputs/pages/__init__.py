"""The pages: rendered to Markdown from templates, searched, shared."""

"""phobien: a static statistical dissemination portal generator.

The pipeline, one folder a stage: ``catalog/`` (read and validate) → ``releases/`` (plan
release times) → ``outputs/`` (pages, feeds, datasets, DCAT: ``site.py`` assembles them)
→ ``verify/`` → ``publish/`` (seal, switch, log). ``check.py`` checks every input at
once; ``project.py`` holds the project's settings; ``engine/`` alone talks to MkDocs (or
ProperDocs); ``cli.py`` is the ``phobien`` command; ``clock.py`` is the one place that
knows what time it is.
"""

from generator.engine import choice

choice.select()  # before any module imports mkdocs.*: the engine is chosen once, here

__version__ = "0.1.0"

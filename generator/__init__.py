"""phobien: a static statistical dissemination portal generator.

The pipeline, one module a stage: ``catalog`` (load and validate) → ``releases`` (plan
release times) → ``pages``, ``feeds``, ``datasets`` (render) → ``publish`` (verify and
switch). ``plugin`` adapts it to MkDocs; ``cli`` is the ``phobien`` command; ``clock``
is the one place that knows what time it is.
"""

__version__ = "0.1.0"

"""``python -m generator`` is the ``phobien`` command."""

from .cli import main

main()

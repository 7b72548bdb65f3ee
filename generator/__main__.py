"""``python -m generator`` is the ``phobien`` command."""

from generator.cli import main

main()

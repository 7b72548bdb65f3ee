"""What the engine adapter tells the core when the engine refuses a build."""


class EngineError(Exception):
    """The site engine stopped the build; the message is the engine's (or phobien's own,
    raised from inside the engine's hooks: a catalog problem found while building)."""

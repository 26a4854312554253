"""The two ways to play: the game window (`gui`, the only package that imports pygame) and the
terminal (`terminal`). `launch.play(PlayOptions)` picks one for `good-offices play`; `presenter`
holds the words and views both share."""

__all__ = ["gui", "launch", "options", "presenter", "terminal"]

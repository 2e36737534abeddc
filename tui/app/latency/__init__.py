"""Keystroke latency: what keeps the time from a key to its answer on screen short.

The frame hold paints a key and its results in one frame; the idle collector runs full garbage
collections while the reader pauses, never in the middle of a keystroke.
"""

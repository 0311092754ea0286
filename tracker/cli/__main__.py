"""``python -m tracker.cli``, as ``tracker``."""

from tracker.cli import main

main()

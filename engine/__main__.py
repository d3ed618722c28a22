"""`python -m engine` is the same as the `assess` command."""

from engine.cli import main

main()

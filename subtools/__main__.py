"""``python -m subtools`` runs the command-line interface."""

from subtools.cli import main

if __name__ == "__main__":
    main()

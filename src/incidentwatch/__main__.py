"""`python -m incidentwatch` runs the command line."""

from incidentwatch.cli import main

main()

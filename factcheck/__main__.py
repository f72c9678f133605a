"""`python -m factcheck` runs the command line."""

from factcheck.cli import main

main(prog_name="factcheck")

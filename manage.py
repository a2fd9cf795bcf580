#!/usr/bin/env python3
"""Command-line entry point: ``python manage.py --help``."""
from claims_app.cli import main

if __name__ == "__main__":
    main()

"""Operating the database: consistent backups and restores (no Flask, no request)."""

"""``GET /healthz``: is the database reachable and migrated to the newest revision?"""

"""Storage: SQLAlchemy Core on SQLite or PostgreSQL, explicit store classes returning models."""

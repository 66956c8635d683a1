"""The action server's own data: SQLAlchemy models, sessions, queries and the staff CLI."""

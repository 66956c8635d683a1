"""Deployment: how and where the assistant runs (settings), kept apart from the business rules."""

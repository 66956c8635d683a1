"""Custom actions: thin rasa-sdk adapters over the business rules, one module per capability."""

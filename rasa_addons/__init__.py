"""Rasa-side extensions: Japanese tokenizer, entity extraction, channels."""

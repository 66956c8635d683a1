"""Rasa-side extensions: Japanese tokenizer, entity extraction, channels, lock store.

Rasa imports this package to load our pipeline components and channels, so the fixes to Rasa
itself that every server needs are applied here (action_response.py, tracker_copy.py).
"""

from rasa_addons import action_response, tracker_copy

action_response.install()
tracker_copy.install()

"""Rasa-side extensions: Japanese tokenizer, entity extraction, channels, lock store.

Rasa imports this package to load our pipeline components and channels, so the one fix to Rasa
itself that every server needs is applied here (see action_response.py).
"""

from rasa_addons import action_response

action_response.install()

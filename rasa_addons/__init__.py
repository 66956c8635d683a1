"""Rasa-side extensions: Japanese tokenizer, entity extraction, channels, tracker and lock stores.

Importing any of these modules changes nothing in Rasa: the changes to Rasa itself are listed and
installed by rasa_addons.rasa_changes.
"""

"""Rasa-side extensions: Japanese tokenizer, entity extraction, channels, lock store.

Rasa imports this package to load our pipeline components and channels, so the fixes to Rasa
itself that every server needs are applied here (action_response.py, tracker_copy.py, rule_policy.py,
prior_states.py).
"""

from rasa_addons import action_response, prior_states, rule_policy, tracker_copy

action_response.install()
tracker_copy.install()
rule_policy.install()
prior_states.install()

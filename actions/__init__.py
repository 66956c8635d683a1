"""Custom actions: thin rasa-sdk adapters over the business rules, one module per capability."""

from business.japanese_time import prepare as _prepare_time_parsing

# The action server imports this package once, as it starts (rasa-sdk has no other start-up hook):
# compile ja-timex's patterns now, so the first customer who names a time does not wait ~0.1 s.
_prepare_time_parsing()

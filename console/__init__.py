"""The operator console: charts, not-understood messages, conversation review, labels, maintenance windows."""

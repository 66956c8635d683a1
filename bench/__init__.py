"""Closed-loop load benchmark of this assistant against the `rasa init` baseline (`make bench`)."""

"""Business rules of the login-help assistant: plain Python, no Rasa imports."""

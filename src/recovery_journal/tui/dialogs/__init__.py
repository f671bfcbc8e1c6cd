"""The app's dialogs: small modal screens that ask one thing and return the answer."""

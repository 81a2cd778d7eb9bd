"""Briefs by email: message.py assembles the MIME message, compose.py fills it from a brief,
smtp.py delivers it (retrying temporary failures), settings.py reads the `email` table and
options, command.py is `reportgen email`.

Only the standard library's `email` and `smtplib` touch the wire format; the bodies are
rendered from the same view model as every other output.
"""

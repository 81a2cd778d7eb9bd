"""Email delivery of briefs: assemble a MIME message (message.py), send it over SMTP (smtp.py).

Both modules use only the standard library's `email` and `smtplib`; the HTML body is rendered
from the same view model as every other output (compose.py).
"""

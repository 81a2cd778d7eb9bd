"""Extraction: from a decoded document to tables, periods, statements and narrative."""

"""Sources: bytes to text, EDGAR submissions to documents, and the choice of document."""

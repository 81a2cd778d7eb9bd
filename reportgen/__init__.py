"""reportgen: SEC earnings filings in, quarterly briefs out."""

__version__ = "0.1.0"

"""incidentwatch: political-violence incidents from news text, with evidence."""

__version__ = "0.1.0"

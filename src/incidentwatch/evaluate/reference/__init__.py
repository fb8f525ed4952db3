"""Converters from reference datasets (ACLED, GTD, RAND RDWTI) to gold JSONL."""

"""The extraction rules, by table (see extract/registry.py and docs/extract.md)."""

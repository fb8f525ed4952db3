"""geocode stage."""

"""The extractor's stages, in the order `Extractor` runs them: cues, background,
candidate (figures, place, dates per segment), grouping, building."""

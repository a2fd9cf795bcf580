"""Who said a quote: speech cues, name and role mentions, the subject of the cue, coreference."""

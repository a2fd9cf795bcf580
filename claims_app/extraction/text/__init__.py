"""Text handling shared by every extractor: the one fold, word tokens, language detection."""

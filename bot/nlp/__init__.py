"""Language processing: sentences, summaries, quotes, entities, stories."""

"""Search: analyzer, index (build, save, memory-mapped open), engine and relevance evaluation."""

"""The archive layer: files -> articles -> archive and indexes. Never imports Textual."""

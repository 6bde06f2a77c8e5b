"""Content kinds: each module keeps one kind's schema and model together."""

"""Chinese full-text search: two-character (bigram) indexing on the database's own full-text engine."""

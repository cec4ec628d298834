"""Cross-cutting pieces with no domain knowledge: security headers, template context, errors."""

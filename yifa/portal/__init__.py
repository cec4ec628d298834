"""The government-affairs disclosure portal (政务公开网站): Wagtail pages, columns, view counts, feeds."""

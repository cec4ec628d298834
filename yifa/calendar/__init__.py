"""Working days and deadlines: the calendar table over chinesecalendar, and the deadline engine."""

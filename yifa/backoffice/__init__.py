"""The Wagtail back office: organisation and audit screens, and the dashboard that modules plug into."""

"""What every case type shares: status apart from outcome, guarded transitions, the event log, attachments."""

"""依法用权: enforcement personnel and certificates, discretion benchmarks and enforcement cases (the three systems)."""

"""Enforcement personnel: eligibility, training, the law exam, certificates and the public register."""

"""Discretion benchmarks (裁量基准): versioned tiers per violation, the calculator, import and export."""

"""Enforcement cases under the three systems: 公示, 全过程记录, 法制审核."""

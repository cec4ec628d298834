"""Information-disclosure requests (依申请公开) on statutory deadlines."""

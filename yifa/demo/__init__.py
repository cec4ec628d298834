"""The Zhaodong 2016 demo dataset. Each module declares its loader in its `Module` (`yifa.core.modules`)."""

"""The Zhaodong 2016 demo dataset. Each module registers its own loader (`yifa.demo.registry`)."""

"""``briefbot check``: read-only checks of a deployment (config, store, chat platforms, sources) before ``run``."""

"""Chat adapters: the only place that imports slack_bolt, slack_sdk or discord."""

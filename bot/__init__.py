"""briefbot: a news briefing bot for Slack and Discord."""

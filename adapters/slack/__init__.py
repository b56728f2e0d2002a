"""Slack adapter on slack-bolt: slash commands over HTTP or Socket Mode, briefings as Block Kit."""

from adapters.slack.adapter import SlackAdapter, SlackStartupError, build_slack_adapter

__all__ = ["SlackAdapter", "SlackStartupError", "build_slack_adapter"]

"""Compose briefings for channels and render them for each platform."""

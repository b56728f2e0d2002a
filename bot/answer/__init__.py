"""Answering who-said-what questions over the quote store."""

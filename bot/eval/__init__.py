"""Evaluation commands that print our figures beside baselines from the same run."""

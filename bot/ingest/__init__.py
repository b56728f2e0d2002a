"""Ingestion: fetch, parse and normalise feeds, pages and files into Articles."""

"""Renderers: each turns the one Report into one output format, without filtering or sorting."""

"""Slide decks generated from course modules, written as PPTX and ODP."""

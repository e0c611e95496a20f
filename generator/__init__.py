"""Social Value Knowledge Base generator: structured content in, static site and packs out."""

__version__ = "0.1.0"

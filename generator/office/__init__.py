"""Word (DOCX) and OpenDocument (ODT) writers for any document made of simple blocks."""

"""Errors that mean the document itself is bad: retrying cannot help.

Each has a stable snake_case ``code`` that the API and the stored status show.
"""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be turned into a guideline, whatever we try."""

    code = "invalid_document"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedFormat(DocumentError):
    code = "unsupported_format"


class CorruptDocument(DocumentError):
    code = "corrupt_document"


class EncryptedDocument(DocumentError):
    code = "encrypted_document"


class NoTextLayer(DocumentError):
    code = "no_text_layer"


class EmptyDocument(DocumentError):
    code = "empty_document"


class DocumentTooLarge(DocumentError):
    code = "document_too_large"


class NoRecommendations(DocumentError):
    code = "no_recommendations"

"""Named errors for input that cannot be ingested; the CLI reports and records them."""


class IngestError(Exception):
    """A file could not be turned into a document."""

    code = "ingest_error"


class UnsupportedFormat(IngestError):
    """No reader for this extension."""

    code = "unsupported_format"


class EncodingError(IngestError):
    """The bytes are in no encoding we can identify with confidence."""

    code = "unknown_encoding"


class CorruptFile(IngestError):
    """The container (PDF, DOCX) is damaged and cannot be opened."""

    code = "corrupt_file"


class EncryptedFile(IngestError):
    """The file is password-protected."""

    code = "encrypted_file"


class NoTextLayer(IngestError):
    """The PDF is a scan: pages carry images but no text (needs OCR: `directives ingest --ocr`)."""

    code = "no_text_layer"


class OcrUnavailable(IngestError):
    """OCR was asked for, but ocrmypdf, tesseract or its Vietnamese data is not installed."""

    code = "ocr_unavailable"


class OcrFailed(IngestError):
    """OCR ran on a scanned PDF and failed, or found no text."""

    code = "ocr_failed"


class EmptyDocument(IngestError):
    """The file holds no text once chrome and whitespace are removed."""

    code = "empty_document"


class FileTooLarge(IngestError):
    """The file is larger than the configured limit."""

    code = "file_too_large"


class ParseTimeout(IngestError):
    """Reading and extracting the file took longer than the per-file limit."""

    code = "timeout"


class OutOfMemory(IngestError):
    """Reading the file needed more memory than a worker may use."""

    code = "out_of_memory"


class WrongFormat(IngestError):
    """The bytes are not what the extension says (a PDF named .txt, a spreadsheet named .doc, binary data)."""

    code = "wrong_format"


class SuspiciousArchive(IngestError):
    """The DOCX would unpack to far more than a document holds (a zip bomb) or declares XML entities."""

    code = "suspicious_archive"

"""Turning uploaded bytes into text: size limits, binary sniffing and encoding detection.

Encodings are tried in the order published Chinese plans use them: UTF-8 (with or
without BOM), then GB18030 (a superset of GBK and GB2312), then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from bot.importer.errors import FailureReason, PlanImportError

MAX_BYTES = 10 * 1024 * 1024
"""Largest upload accepted (10 MiB); real plans are a few hundred KiB at most."""

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "PDF 文件", "a PDF file"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word/Excel 文件（.doc/.xls）",
     "a legacy Word/Excel file (.doc/.xls)"),
    (b"{\\rtf", "RTF 文件", "an RTF file"),
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"Rar!", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf", "7z 压缩包", "a 7z archive"),
    (b"\x1f\x8b", "gzip 压缩包", "a gzip archive"),
)
_EXPECTED_ZH = "请上传 .txt、.md、.docx、.xlsx 或 .csv 格式的工作计划或责任清单。"
_EXPECTED_EN = "Expected a work plan or responsibility table as .txt, .md, .docx, .xlsx or .csv."
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def check_size(data: bytes) -> None:
    """Reject empty and oversized uploads before any parsing work."""
    if not data.strip():
        raise PlanImportError(
            FailureReason.EMPTY,
            f"文件是空的。{_EXPECTED_ZH}",
            f"The file is empty. {_EXPECTED_EN}",
        )
    if len(data) > MAX_BYTES:
        mib = len(data) / 1024 / 1024
        raise PlanImportError(
            FailureReason.TOO_LARGE,
            f"文件过大（{mib:.1f} MB），上限为 10 MB。请只上传计划正文。",
            f"The file is too large ({mib:.1f} MB); the limit is 10 MB. "
            "Upload the plan text only.",
        )


def reject_known_binary(data: bytes) -> None:
    """Raise a helpful error for formats people often upload by mistake."""
    for magic, zh, en in _MAGIC:
        if data.startswith(magic):
            raise PlanImportError(
                FailureReason.UNSUPPORTED,
                f"这是{zh}，无法直接读取。{_EXPECTED_ZH}",
                f"This is {en}, which cannot be read directly. {_EXPECTED_EN}",
            )


def looks_binary(data: bytes) -> bool:
    """Whether the bytes are unlikely to be text in any encoding we read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 50)


def decode_text(data: bytes) -> str:
    """Decode text bytes, trying UTF-8, GB18030, then charset-normalizer."""
    reject_known_binary(data)
    if looks_binary(data):
        raise PlanImportError(
            FailureReason.BINARY,
            f"文件内容不是文本（含有二进制数据）。{_EXPECTED_ZH}",
            f"The file is not text (it contains binary data). {_EXPECTED_EN}",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    raise PlanImportError(
        FailureReason.ENCODING,
        "无法识别文件的文字编码（已尝试 UTF-8、GBK/GB18030）。请另存为 UTF-8 文本后重试。",
        "Could not work out the text encoding (tried UTF-8 and GBK/GB18030). "
        "Save the file as UTF-8 text and try again.",
    )

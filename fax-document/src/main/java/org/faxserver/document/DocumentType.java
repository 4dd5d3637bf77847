package org.faxserver.document;

import java.util.Optional;

/**
 * The document formats accepted for faxing, recognised by their leading bytes only.
 *
 * <p>File names and client-declared media types are never consulted: the seed trusted the file
 * extension and Go's MIME sniffer, which has no TIFF signature and so rejected every TIFF upload.
 */
public enum DocumentType {
  PDF("application/pdf"),
  TIFF("image/tiff"),
  PNG("image/png"),
  JPEG("image/jpeg");

  /** How many leading bytes {@link #detect} looks at; a PDF header may follow some junk. */
  public static final int SNIFF_LENGTH = 1024;

  private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final String mediaType;

  DocumentType(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The IANA media type, e.g. {@code application/pdf}. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Recognises a document from its first bytes (up to {@link #SNIFF_LENGTH}).
   *
   * @return the type, or empty if the bytes match no supported format (BigTIFF included)
   */
  public static Optional<DocumentType> detect(byte[] head) {
    return detect(head, head.length);
  }

  static Optional<DocumentType> detect(byte[] head, int length) {
    if (startsWith(head, length, PNG_MAGIC)) {
      return Optional.of(PNG);
    }
    if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      return Optional.of(JPEG);
    }
    if (length >= 4
        && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
            || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
      return Optional.of(TIFF);
    }
    // Acrobat (and PDFBox) accept the header anywhere in the first 1024 bytes; some generators
    // prepend a BOM or mail-gateway junk.
    int limit = Math.min(length, SNIFF_LENGTH) - PDF_MAGIC.length;
    for (int i = 0; i <= limit; i++) {
      if (regionMatches(head, i, PDF_MAGIC)) {
        return Optional.of(PDF);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int length, byte[] magic) {
    return length >= magic.length && regionMatches(head, 0, magic);
  }

  private static boolean regionMatches(byte[] data, int offset, byte[] magic) {
    for (int j = 0; j < magic.length; j++) {
      if (data[offset + j] != magic[j]) {
        return false;
      }
    }
    return true;
  }
}

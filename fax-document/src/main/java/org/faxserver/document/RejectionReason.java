package org.faxserver.document;

/**
 * Why a document cannot be faxed. The HTTP layer maps {@link #isLimitExceeded() limit} reasons to
 * 413 Payload Too Large and every other reason to 422 Unprocessable Entity.
 */
public enum RejectionReason {
  /** Not a PDF, TIFF, PNG or JPEG (by content), or a variant of one we cannot read. */
  UNSUPPORTED_TYPE(false),
  /** The content claims a supported type but is truncated or malformed. */
  CORRUPT(false),
  /** A PDF that needs a password to open, or whose permissions forbid printing. */
  ENCRYPTED(false),
  /** No pages at all (a 0-page PDF, or no documents given). */
  EMPTY(false),
  /** More pages than {@link ConversionLimits#maxPages()}. */
  TOO_MANY_PAGES(true),
  /** Too many bytes, too many pixels (decompression bomb guard) or a page too long to render. */
  TOO_LARGE(true);

  private final boolean limitExceeded;

  RejectionReason(boolean limitExceeded) {
    this.limitExceeded = limitExceeded;
  }

  /** Whether a configured limit was exceeded (as opposed to the document being unusable). */
  public boolean isLimitExceeded() {
    return limitExceeded;
  }
}

package org.faxserver.document;

import java.util.Objects;

/**
 * A document that cannot be processed, with a typed {@link RejectionReason} and a message meant for
 * the client (it names the document and page, never a server path).
 *
 * <p>{@link FaxDocumentConverter#convert} reports rejections as {@link ConversionResult.Rejected}
 * values; this exception is what {@link ConversionResult#orElseThrow()}, {@link TiffInfo} and
 * {@link FaxTiffExport} throw.
 */
public class DocumentRejectedException extends RuntimeException {

  private final RejectionReason reason;

  public DocumentRejectedException(RejectionReason reason, String message) {
    this(reason, message, null);
  }

  public DocumentRejectedException(RejectionReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectionReason reason() {
    return reason;
  }
}

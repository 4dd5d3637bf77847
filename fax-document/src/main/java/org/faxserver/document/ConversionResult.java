package org.faxserver.document;

import java.util.Objects;

/**
 * The outcome of a conversion: a TIFF-F document, or a rejection with its reason. A rejected upload
 * is a normal outcome, not an exception.
 */
public sealed interface ConversionResult permits ConversionResult.Converted, ConversionResult.Rejected {

  /**
   * A TIFF-F document.
   *
   * @param tiff  the TIFF-F bytes
   * @param pages the number of fax pages in it
   */
  record Converted(byte[] tiff, int pages) implements ConversionResult {
    public Converted {
      Objects.requireNonNull(tiff, "tiff");
    }
  }

  /**
   * The input cannot be faxed.
   *
   * @param reason  typed reason, mapped to an HTTP status by the caller
   * @param message human-readable explanation for the client
   */
  record Rejected(RejectionReason reason, String message) implements ConversionResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The converted document, or a {@link DocumentRejectedException} carrying the rejection. */
  default Converted orElseThrow() {
    if (this instanceof Converted converted) {
      return converted;
    }
    Rejected rejected = (Rejected) this;
    throw new DocumentRejectedException(rejected.reason(), rejected.message());
  }
}

package org.faxserver.notifier.document;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.model.DocumentRef;

/**
 * The fax as PDF for attachments: a TIFF-F from the {@link DocumentStore} is exported page by page
 * (fax-document's {@link FaxTiffExport}); a stored PDF is passed through. Documents larger than
 * {@code maxBytes} are refused rather than read into memory.
 */
public final class FaxPdfSource {

  private final DocumentStore store;
  private final FaxTiffExport export;
  private final long maxBytes;

  public FaxPdfSource(DocumentStore store, FaxTiffExport export, long maxBytes) {
    this.store = Objects.requireNonNull(store, "store");
    this.export = Objects.requireNonNull(export, "export");
    this.maxBytes = maxBytes;
  }

  /** Thrown when the document is bigger than the configured limit: retrying will not help. */
  public static final class TooLargeException extends IOException {
    public TooLargeException(String message) {
      super(message);
    }
  }

  /** @throws java.nio.file.NoSuchFileException when the store has no such document */
  public byte[] pdf(DocumentRef ref) throws IOException {
    byte[] stored;
    try (InputStream in = store.open(ref.key())) {
      stored = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    if (stored.length > maxBytes) {
      throw new TooLargeException("document " + ref.key() + " is larger than " + maxBytes + " bytes");
    }
    if (DocumentRef.PDF.equals(ref.mediaType())) {
      return stored;
    }
    return export.toPdf(stored);
  }

  public static String fileName(java.util.UUID jobId) {
    return "fax-" + jobId + ".pdf";
  }
}

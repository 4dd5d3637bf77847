package org.faxserver.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns uploaded documents (PDF, TIFF, PNG, JPEG, recognised by content) into one TIFF-F: 1728
 * pixels wide, 204×196 dpi, CCITT-coded, one strip per page. Several documents become one fax, in
 * the order given.
 *
 * <p>Work happens in two passes: every document is opened and its page sizes computed (cheap; all
 * limits are checked here, before anything is rendered), then pages are rendered one at a time and
 * streamed to the TIFF writer, so memory holds one page, not the document.
 *
 * <p>Thread-safe and stateless: one instance can serve concurrent conversions. Each conversion is
 * CPU-bound on the calling thread; callers should bound how many run at once.
 */
public final class FaxDocumentConverter {

  private static final Logger log = LoggerFactory.getLogger(FaxDocumentConverter.class);

  private final ConversionLimits limits;
  private final ConversionOptions options;

  public FaxDocumentConverter(ConversionLimits limits, ConversionOptions options) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A converter with {@link ConversionLimits#defaults()} and {@link ConversionOptions#defaults()}. */
  public FaxDocumentConverter() {
    this(ConversionLimits.defaults(), ConversionOptions.defaults());
  }

  public ConversionLimits limits() {
    return limits;
  }

  /** Converts one document; see {@link #convert(List)}. */
  public ConversionResult convert(DocumentSource document) throws IOException {
    return convert(List.of(document));
  }

  /**
   * Converts documents into one TIFF-F, pages in the order given.
   *
   * @return the TIFF-F, or a rejection naming the document ("document 2 (PDF) page 3 ...")
   * @throws IOException only if a {@link DocumentSource.File} cannot be read; problems of the
   *     content itself are rejections
   */
  public ConversionResult convert(List<? extends DocumentSource> documents) throws IOException {
    if (documents.isEmpty()) {
      return new ConversionResult.Rejected(RejectionReason.EMPTY, "no document given");
    }
    List<PageSource> opened = new ArrayList<>(documents.size());
    try {
      checkTotalSize(documents);
      if (documents.size() == 1) {
        Optional<ConversionResult.Converted> kept = FaxReadyTiff.keep(documents.get(0), limits, options);
        if (kept.isPresent()) {
          return kept.get();
        }
      }
      for (int i = 0; i < documents.size(); i++) {
        opened.add(open(documents.get(i), i + 1, documents.size()));
      }
      List<Piece> pieces = plan(opened);
      return new ConversionResult.Converted(write(opened, pieces), pieces.size());
    } catch (DocumentRejectedException e) {
      log.debug("document rejected: {} {}", e.reason(), e.getMessage(), e.getCause());
      return new ConversionResult.Rejected(e.reason(), e.getMessage());
    } catch (OutOfMemoryError e) {
      // One oversized allocation (a huge image inside a PDF that the header checks could not see)
      // fails alone and is released with this conversion; other conversions are unaffected.
      log.warn("conversion ran out of memory; rejecting the document as too large");
      return new ConversionResult.Rejected(RejectionReason.TOO_LARGE,
          "the document needs more memory to render than the server allows");
    } finally {
      for (PageSource source : opened) {
        closeQuietly(source);
      }
    }
  }

  /**
   * Converts a small generated PDF and discards the result. The first conversion in a JVM is slow
   * (JIT, PDFBox's system font discovery: 0.3–1 s); a service can pay that at start-up instead of
   * on its first upload.
   */
  public void warmUp() {
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
      pdf.addPage(page);
      try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, page)) {
        content.beginText();
        content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText("warm-up");
        content.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      convert(DocumentSource.of(out.toByteArray()));
    } catch (IOException | RuntimeException e) {
      log.warn("conversion warm-up failed", e);
    }
  }

  private void checkTotalSize(List<? extends DocumentSource> documents) throws IOException {
    long total = 0;
    for (DocumentSource document : documents) {
      total += document.size();
    }
    if (total > limits.maxInputBytes()) {
      throw new DocumentRejectedException(RejectionReason.TOO_LARGE,
          "documents are " + total + " bytes, more than the limit of " + limits.maxInputBytes());
    }
  }

  private PageSource open(DocumentSource document, int number, int count) throws IOException {
    String unnamed = count > 1 ? "document " + number : "the document";
    if (document.size() == 0) {
      throw new DocumentRejectedException(RejectionReason.EMPTY, unnamed + " is empty (0 bytes)");
    }
    DocumentType type = DocumentType.detect(document.head(DocumentType.SNIFF_LENGTH))
        .orElseThrow(() -> new DocumentRejectedException(RejectionReason.UNSUPPORTED_TYPE,
            unnamed + " is not a PDF, TIFF, PNG or JPEG"));
    String label = unnamed + " (" + type + ")";
    try {
      return type == DocumentType.PDF
          ? PdfPages.open(document, label, limits)
          : RasterPages.open(document, type, label, limits, options.threshold());
    } catch (RuntimeException e) {
      if (e instanceof DocumentRejectedException rejected) {
        throw rejected;
      }
      // A parser bug or an input it chokes on; logged with the trace so bugs stay visible.
      log.warn("unexpected failure opening {}", label, e);
      throw new DocumentRejectedException(RejectionReason.CORRUPT, label + " cannot be read", e);
    }
  }

  /** One fax page: rows {@code from..from+rows} of source page {@code page} of document {@code source}. */
  private record Piece(int source, int page, int from, int rows) {}

  private List<Piece> plan(List<PageSource> sources) {
    List<Piece> pieces = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      int[] rows = sources.get(s).pageRows();
      for (int p = 0; p < rows.length; p++) {
        if (rows[p] <= options.maxUncutRows()) {
          pieces.add(new Piece(s, p, 0, rows[p]));
        } else {
          for (int from = 0; from < rows[p]; from += options.cutRows()) {
            pieces.add(new Piece(s, p, from, Math.min(options.cutRows(), rows[p] - from)));
          }
        }
        if (pieces.size() > limits.maxPages()) {
          throw new DocumentRejectedException(RejectionReason.TOO_MANY_PAGES,
              "the documents make more than " + limits.maxPages() + " fax pages");
        }
      }
    }
    return pieces;
  }

  private byte[] write(List<PageSource> sources, List<Piece> pieces) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(pieces.size() * 48 * 1024);
    try (TiffFaxWriter writer = new TiffFaxWriter(out, options.encoding(), pieces.size())) {
      BufferedImage rendered = null;
      Piece renderedFor = null;
      for (Piece piece : pieces) {
        if (renderedFor == null || renderedFor.source() != piece.source() || renderedFor.page() != piece.page()) {
          rendered = render(sources.get(piece.source()), piece.page());
          renderedFor = piece;
        }
        boolean whole = piece.from() == 0 && piece.rows() == rendered.getHeight();
        writer.write(whole ? rendered : Bilevel.rows(rendered, piece.from(), piece.rows()));
      }
    }
    return out.toByteArray();
  }

  private static BufferedImage render(PageSource source, int page) throws IOException {
    try {
      return source.render(page);
    } catch (DocumentRejectedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("unexpected failure rendering page {}", page + 1, e);
      throw new DocumentRejectedException(RejectionReason.CORRUPT, "page " + (page + 1) + " cannot be rendered", e);
    }
  }

  private static void closeQuietly(PageSource source) {
    try {
      source.close();
    } catch (IOException | RuntimeException e) {
      log.debug("closing a document failed", e);
    }
  }
}

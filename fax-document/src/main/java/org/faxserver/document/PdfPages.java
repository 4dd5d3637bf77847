package org.faxserver.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.RenderDestination;

/**
 * PDF input rendered with PDFBox straight onto a 1-bit page at 204×196 dpi (no antialiasing, so no
 * grey to threshold). Pages are shown at their true size, shrunk only if wider than the fax width,
 * and centred; landscape pages are turned a quarter left onto portrait paper, as print drivers do
 * (the seed's {@code gs -dPDFFitPage} also rotates them).
 */
final class PdfPages implements PageSource {

  /** Parsed PDF objects kept in memory; beyond this PDFBox spills to a temp file. */
  private static final long PDF_MAIN_MEMORY_BYTES = 32L * 1024 * 1024;
  /** The spec wants %%EOF in the last 1024 bytes; its absence means the upload was cut off. */
  private static final int EOF_WINDOW = 1024;
  private static final int MAX_FORM_DEPTH = 12;

  private final PDDocument document;
  private final PDFRenderer renderer;
  private final String label;
  private final List<Layout> layouts;

  /**
   * Where a page lands on the fax raster.
   *
   * @param rotate  landscape page turned onto portrait
   * @param scaleX  pixels per point along the page's own x axis
   * @param scaleY  pixels per point along the page's own y axis
   * @param offsetX left margin that centres a page narrower than the fax width
   * @param rows    raster height
   */
  record Layout(boolean rotate, float scaleX, float scaleY, int offsetX, int rows) {}

  private PdfPages(PDDocument document, String label, List<Layout> layouts) {
    this.document = document;
    this.label = label;
    this.layouts = layouts;
    this.renderer = new PDFRenderer(document);
    // Big embedded scans are read subsampled to the output resolution instead of in full.
    renderer.setSubsamplingAllowed(true);
  }

  static PdfPages open(DocumentSource source, String label, ConversionLimits limits) throws IOException {
    requireEofMarker(source, label);
    PDDocument document = load(source, label);
    try {
      if (document.isEncrypted() && !document.getCurrentAccessPermission().canPrint()) {
        throw new DocumentRejectedException(RejectionReason.ENCRYPTED,
            label + " is protected: its permissions forbid printing");
      }
      int count = document.getNumberOfPages();
      if (count == 0) {
        throw new DocumentRejectedException(RejectionReason.EMPTY, label + " has no pages");
      }
      if (count > limits.maxPages()) {
        throw new DocumentRejectedException(RejectionReason.TOO_MANY_PAGES,
            label + " has " + count + " pages, more than the limit of " + limits.maxPages());
      }
      List<Layout> layouts = new ArrayList<>(count);
      int index = 0;
      for (PDPage page : document.getPages()) {
        String where = label + " page " + (++index);
        Layout layout = layout(page);
        if (layout.rows() > limits.maxPageRows()) {
          throw new DocumentRejectedException(RejectionReason.TOO_LARGE,
              where + " would be " + layout.rows() + " fax rows long, more than the limit of " + limits.maxPageRows());
        }
        checkImages(page.getResources(), where, limits, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        layouts.add(layout);
      }
      return new PdfPages(document, label, layouts);
    } catch (DocumentRejectedException e) {
      document.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      document.close();
      throw new DocumentRejectedException(RejectionReason.CORRUPT, label + " is damaged: " + RasterPages.describe(e), e);
    }
  }

  private static void requireEofMarker(DocumentSource source, String label) throws IOException {
    // PDFBox repairs truncated files by scanning for objects and may then return fewer pages than
    // the sender meant; faxing half a contract silently is worse than rejecting it.
    String tail = new String(source.tail(EOF_WINDOW), StandardCharsets.ISO_8859_1);
    if (!tail.contains("%%EOF")) {
      throw new DocumentRejectedException(RejectionReason.CORRUPT,
          label + " is truncated or damaged (no %%EOF marker at the end)");
    }
  }

  private static PDDocument load(DocumentSource source, String label) throws IOException {
    RandomAccessRead input = source instanceof DocumentSource.File file
        ? new RandomAccessReadBufferedFile(file.path())
        : new RandomAccessReadBuffer(((DocumentSource.Bytes) source).bytes());
    try {
      // Loader takes ownership of the input and closes it with the document.
      return Loader.loadPDF(input, "", null, null, MemoryUsageSetting.setupMixed(PDF_MAIN_MEMORY_BYTES).streamCache);
    } catch (InvalidPasswordException e) {
      input.close();
      throw new DocumentRejectedException(RejectionReason.ENCRYPTED, label + " is password-protected", e);
    } catch (IOException | RuntimeException e) {
      input.close();
      throw new DocumentRejectedException(RejectionReason.CORRUPT, label + " is damaged: " + RasterPages.describe(e), e);
    }
  }

  static Layout layout(PDPage page) {
    PDRectangle box = page.getCropBox();
    boolean quarterTurned = page.getRotation() % 180 != 0;
    float width = quarterTurned ? box.getHeight() : box.getWidth();
    float height = quarterTurned ? box.getWidth() : box.getHeight();
    boolean landscape = width > height;
    // After turning a landscape page, its height runs across the fax width.
    float across = landscape ? height : width;
    float along = landscape ? width : height;
    float pxPerPtX = Math.min(FaxGeometry.X_DPI / 72f, FaxGeometry.WIDTH / Math.max(across, 1f));
    float pxPerPtY = pxPerPtX * FaxGeometry.Y_DPI / FaxGeometry.X_DPI;
    int used = Math.min(FaxGeometry.WIDTH, Math.round(across * pxPerPtX));
    int rows = Math.max(1, (int) Math.ceil(along * pxPerPtY - 0.01));
    int offsetX = (FaxGeometry.WIDTH - used) / 2;
    return landscape
        ? new Layout(true, pxPerPtY, pxPerPtX, offsetX, rows)
        : new Layout(false, pxPerPtX, pxPerPtY, offsetX, rows);
  }

  /**
   * Rejects pages that reference an image XObject whose declared size exceeds the pixel limit
   * (read from the image dictionary, nothing is decoded). Inline images and images in patterns or
   * fonts are not seen here; {@link FaxDocumentConverter} still turns an OutOfMemoryError into a
   * rejection.
   */
  private static void checkImages(PDResources resources, String where, ConversionLimits limits, Set<Object> seen, int depth)
      throws IOException {
    if (resources == null || depth > MAX_FORM_DEPTH || !seen.add(resources.getCOSObject())) {
      return;
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject xobject = resources.getXObject(name);
      if (xobject instanceof PDImageXObject image) {
        long pixels = (long) image.getWidth() * image.getHeight();
        if (pixels > limits.maxImagePixels()) {
          throw new DocumentRejectedException(RejectionReason.TOO_LARGE, where + " contains a "
              + image.getWidth() + "×" + image.getHeight() + " image, more than the limit of "
              + limits.maxImagePixels() + " pixels");
        }
      } else if (xobject instanceof PDFormXObject form) {
        checkImages(form.getResources(), where, limits, seen, depth + 1);
      }
    }
  }

  @Override
  public int[] pageRows() {
    return layouts.stream().mapToInt(Layout::rows).toArray();
  }

  @Override
  public BufferedImage render(int index) {
    Layout layout = layouts.get(index);
    // White from a memory fill (margins of narrow pages included); PDFBox's own clear of the page
    // area is skipped by PreclearedGraphics as it would only repeat it, slowly.
    BufferedImage page = Bilevel.newPage(layout.rows());
    Graphics2D g = new PreclearedGraphics(page.createGraphics());
    try {
      // Should a clear get through, it must paint white: the Graphics2D background defaults to
      // black, the recipe's pitfall.
      g.setBackground(Color.WHITE);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
      if (layout.rotate()) {
        // Quarter turn left: the page's top edge runs down the left side of the fax page.
        g.translate(layout.offsetX(), layout.rows());
        g.rotate(-Math.PI / 2);
      } else {
        g.translate(layout.offsetX(), 0);
      }
      renderer.renderPageToGraphics(index, g, layout.scaleX(), layout.scaleY(), RenderDestination.PRINT);
      return page;
    } catch (IOException | RuntimeException e) {
      throw new DocumentRejectedException(RejectionReason.CORRUPT,
          label + " page " + (index + 1) + " cannot be rendered: " + RasterPages.describe(e), e);
    } finally {
      g.dispose();
    }
  }

  @Override
  public void close() throws IOException {
    document.close();
  }
}

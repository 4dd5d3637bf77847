package org.faxserver.document;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * PNG, JPEG and (multi-page) TIFF input through the JDK's ImageIO readers. Every page is scaled to
 * the fax width keeping its aspect ratio (TIFF pages honour X/YResolution, so 204×98 "normal" faxes
 * get their rows doubled) and thresholded to bilevel.
 */
final class RasterPages implements PageSource {

  /**
   * Decoded pixels kept in memory per page. Larger images are decoded with subsampling (every n-th
   * row and column) so memory stays near 4 bytes × this, whatever the declared size; fax resolution
   * is far below what is lost.
   */
  static final long DECODE_BUDGET_PIXELS = 12_000_000L;

  private final ImageReader reader;
  private final ImageInputStream input;
  private final String label;
  private final List<PageGeometry> pages;
  private final int threshold;

  private record PageGeometry(int width, int height, double aspect, int rows) {}

  private RasterPages(ImageReader reader, ImageInputStream input, String label, List<PageGeometry> pages, int threshold) {
    this.reader = reader;
    this.input = input;
    this.label = label;
    this.pages = pages;
    this.threshold = threshold;
  }

  static RasterPages open(DocumentSource source, DocumentType type, String label, ConversionLimits limits, int threshold)
      throws IOException {
    ImageInputStream input = source instanceof DocumentSource.File file
        ? new FileImageInputStream(file.path().toFile())
        : new MemoryCacheImageInputStream(new ByteArrayInputStream(((DocumentSource.Bytes) source).bytes()));
    ImageReader reader = null;
    try {
      reader = readerFor(type, label);
      reader.setInput(input, false, type != DocumentType.TIFF);
      List<PageGeometry> pages = readGeometry(reader, type, label, limits);
      return new RasterPages(reader, input, label, pages, threshold);
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        reader.dispose();
      }
      input.close();
      if (e instanceof DocumentRejectedException rejected) {
        throw rejected;
      }
      throw new DocumentRejectedException(RejectionReason.CORRUPT, label + " cannot be read: " + describe(e), e);
    }
  }

  private static ImageReader readerFor(DocumentType type, String label) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.name().toLowerCase());
    if (!readers.hasNext()) {
      throw new DocumentRejectedException(RejectionReason.UNSUPPORTED_TYPE, label + ": no " + type + " reader");
    }
    return readers.next();
  }

  private static List<PageGeometry> readGeometry(ImageReader reader, DocumentType type, String label, ConversionLimits limits)
      throws IOException {
    List<PageGeometry> pages = new ArrayList<>();
    // Walk pages one by one instead of getNumImages(true): a looping IFD chain stops at the limit.
    for (int i = 0; type == DocumentType.TIFF || i == 0; i++) {
      int width;
      int height;
      try {
        width = reader.getWidth(i);
        height = reader.getHeight(i);
      } catch (IndexOutOfBoundsException end) {
        break;
      }
      if (i >= limits.maxPages()) {
        throw new DocumentRejectedException(RejectionReason.TOO_MANY_PAGES,
            label + " has more than " + limits.maxPages() + " pages");
      }
      String page = type == DocumentType.TIFF ? label + " page " + (i + 1) : label;
      if (width <= 0 || height <= 0) {
        throw new DocumentRejectedException(RejectionReason.CORRUPT, page + " has no pixels");
      }
      if ((long) width * height > limits.maxImagePixels()) {
        throw new DocumentRejectedException(RejectionReason.TOO_LARGE,
            page + " is " + width + "×" + height + " pixels, more than the limit of " + limits.maxImagePixels());
      }
      double aspect = type == DocumentType.TIFF ? tiffPixelAspect(reader.getImageMetadata(i)) : 1.0;
      // Scale to 1728 wide; rows follow the physical aspect at 204×196 dpi.
      double rowsExact = height * ((double) FaxGeometry.WIDTH / width) * aspect * FaxGeometry.Y_DPI / FaxGeometry.X_DPI;
      if (rowsExact > limits.maxPageRows()) {
        throw new DocumentRejectedException(RejectionReason.TOO_LARGE,
            page + " would be " + (long) rowsExact + " fax rows long, more than the limit of " + limits.maxPageRows());
      }
      pages.add(new PageGeometry(width, height, aspect, Math.max(1, (int) Math.round(rowsExact))));
    }
    if (pages.isEmpty()) {
      throw new DocumentRejectedException(RejectionReason.EMPTY, label + " has no pages");
    }
    return pages;
  }

  /** X resolution / Y resolution (pixel height relative to width); 1 if not stated. */
  private static double tiffPixelAspect(IIOMetadata metadata) {
    try {
      TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
      TIFFField x = dir.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION);
      TIFFField y = dir.getTIFFField(BaselineTIFFTagSet.TAG_Y_RESOLUTION);
      if (x == null || y == null) {
        return 1.0;
      }
      double ratio = x.getAsDouble(0) / y.getAsDouble(0);
      // Nonsense resolutions (0, NaN, 100:1) are ignored rather than producing absurd pages.
      return ratio >= 0.2 && ratio <= 5.0 ? ratio : 1.0;
    } catch (IIOException | RuntimeException e) {
      return 1.0;
    }
  }

  @Override
  public int[] pageRows() {
    return pages.stream().mapToInt(PageGeometry::rows).toArray();
  }

  @Override
  public BufferedImage render(int index) {
    PageGeometry geometry = pages.get(index);
    String page = pages.size() > 1 ? label + " page " + (index + 1) : label;
    BufferedImage decoded = decode(index, geometry, page);
    double sx = (double) FaxGeometry.WIDTH / decoded.getWidth();
    double sy = (double) geometry.rows() / decoded.getHeight();
    return Bilevel.scaleAndThreshold(decoded, AffineTransform.getScaleInstance(sx, sy), geometry.rows(), threshold);
  }

  private BufferedImage decode(int index, PageGeometry geometry, String page) {
    ImageReadParam param = reader.getDefaultReadParam();
    int step = subsampling(geometry.width(), geometry.height());
    if (step > 1) {
      param.setSourceSubsampling(step, step, 0, 0);
    }
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    try {
      BufferedImage image = reader.read(index, param);
      for (String warning : warnings) {
        // libjpeg fills a truncated JPEG with grey and only warns ("Truncated File - Missing EOI
        // marker", "premature end of data segment"): half a page must not be faxed.
        String lower = warning.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("premature end") || lower.contains("truncated")) {
          throw new DocumentRejectedException(RejectionReason.CORRUPT, page + " is truncated: " + warning);
        }
      }
      return withStandardLayout(image);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DocumentRejectedException rejected) {
        throw rejected;
      }
      throw new DocumentRejectedException(RejectionReason.CORRUPT, page + " cannot be decoded: " + describe(e), e);
    } finally {
      reader.removeAllIIOReadWarningListeners();
    }
  }

  /**
   * Readers hand back TYPE_CUSTOM images for many TIFF variants (RGB, CMYK, 16-bit, alpha). Java2D
   * has no fast loops for those, and scaling one took ~10× longer than the same picture as PNG
   * (0.5 s for an A4 scan at 150 dpi). Converting once, row by row through the colour model,
   * costs far less than the slow scaling path.
   */
  private static BufferedImage withStandardLayout(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_CUSTOM) {
      return image;
    }
    int width = image.getWidth();
    BufferedImage argb = new BufferedImage(width, image.getHeight(), BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[width];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      argb.setRGB(0, y, width, 1, row, 0, width);
    }
    return argb;
  }

  /** Keeps at least the fax width where possible, and never more than the decode budget. */
  static int subsampling(int width, int height) {
    int step = Math.max(1, width / FaxGeometry.WIDTH);
    while ((long) (width / step) * (height / step) > DECODE_BUDGET_PIXELS) {
      step++;
    }
    return step;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  @Override
  public void close() throws IOException {
    reader.dispose();
    input.close();
  }
}

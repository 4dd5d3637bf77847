package org.faxserver.document;

/**
 * Hard limits applied before and during conversion, so that a hostile or accidental upload is
 * rejected with {@link RejectionReason#TOO_LARGE} / {@link RejectionReason#TOO_MANY_PAGES} instead
 * of exhausting memory or CPU.
 *
 * @param maxInputBytes  total bytes of all input documents of one conversion
 * @param maxPages       fax pages in the resulting TIFF-F (after long pages are cut)
 * @param maxImagePixels declared width × height of any raster: a PNG/JPEG, a TIFF page, or an image
 *                       inside a PDF. Checked from headers before decoding (decompression bomb
 *                       guard); decoding itself is subsampled to a fixed memory budget.
 * @param maxPageRows    the longest single page, in fax rows at 196 dpi, that is rendered before
 *                       being cut into fax pages; bounds the render size of very long PDF pages
 *                       and images (the default is ten A4 lengths, ≈ 3 m of paper)
 */
public record ConversionLimits(long maxInputBytes, int maxPages, long maxImagePixels, int maxPageRows) {

  /** 50 MiB of input. */
  public static final long DEFAULT_MAX_INPUT_BYTES = 50L * 1024 * 1024;
  /** 100 pages: about 1½ hours of line time at 9600 bit/s. */
  public static final int DEFAULT_MAX_PAGES = 100;
  /** 100 megapixels: an A4 scan at 1200 dpi is ~140 MP, at 600 dpi ~35 MP. */
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;
  /** Ten A4 pages' worth of rows. */
  public static final int DEFAULT_MAX_PAGE_ROWS = 10 * FaxGeometry.A4_ROWS;

  public ConversionLimits {
    if (maxInputBytes <= 0 || maxPages <= 0 || maxImagePixels <= 0 || maxPageRows <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The defaults documented on the constants. */
  public static ConversionLimits defaults() {
    return new ConversionLimits(
        DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_PAGES, DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MAX_PAGE_ROWS);
  }

  public ConversionLimits withMaxInputBytes(long value) {
    return new ConversionLimits(value, maxPages, maxImagePixels, maxPageRows);
  }

  public ConversionLimits withMaxPages(int value) {
    return new ConversionLimits(maxInputBytes, value, maxImagePixels, maxPageRows);
  }

  public ConversionLimits withMaxImagePixels(long value) {
    return new ConversionLimits(maxInputBytes, maxPages, value, maxPageRows);
  }

  public ConversionLimits withMaxPageRows(int value) {
    return new ConversionLimits(maxInputBytes, maxPages, maxImagePixels, value);
  }
}

package org.faxserver.document;

import java.util.Objects;

/**
 * How pages are laid out and encoded.
 *
 * @param encoding     CCITT coding of the pages
 * @param cutRows      length of the pieces a too-long page is cut into (A4 or Letter rows)
 * @param maxUncutRows a page up to this many rows is sent as one (long) page; longer pages
 *                     (receipts, long screenshots, web-page prints) are cut into {@code cutRows}
 *                     pieces. The default, Legal length, keeps Legal/B4/tabloid-fitted pages whole.
 * @param threshold    luminance 1–255 below which a pixel of a PNG/JPEG/TIFF becomes black. A
 *                     plain threshold, not dithering: fax documents are mostly text and line art,
 *                     which stays crisp, and long white/black runs keep T.4/T.6 small; dithering
 *                     turns text edges and grey backgrounds into noise that multiplies the page
 *                     size (and line time). Photos lose shading, an accepted trade-off.
 */
public record ConversionOptions(FaxEncoding encoding, int cutRows, int maxUncutRows, int threshold) {

  public ConversionOptions {
    Objects.requireNonNull(encoding, "encoding");
    if (cutRows < 100 || maxUncutRows < cutRows) {
      throw new IllegalArgumentException("need 100 <= cutRows <= maxUncutRows");
    }
    if (threshold < 1 || threshold > 255) {
      throw new IllegalArgumentException("threshold must be 1..255");
    }
  }

  /** T.4 2-D, cut at A4 length, pages up to Legal length kept whole, threshold at mid-grey. */
  public static ConversionOptions defaults() {
    return new ConversionOptions(FaxEncoding.T4_2D, FaxGeometry.A4_ROWS, FaxGeometry.LEGAL_ROWS, 128);
  }

  public ConversionOptions withEncoding(FaxEncoding value) {
    return new ConversionOptions(value, cutRows, maxUncutRows, threshold);
  }

  public ConversionOptions withCutRows(int value) {
    return new ConversionOptions(encoding, value, Math.max(value, maxUncutRows), threshold);
  }
}

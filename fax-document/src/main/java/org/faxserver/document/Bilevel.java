package org.faxserver.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Bilevel page rasters: {@code TYPE_BYTE_BINARY} images, 1 bit per pixel, bit set = white (the
 * default IndexColorModel of that type: index 0 black, 1 white), rows packed MSB first.
 */
final class Bilevel {

  /** Rows scaled per band: bounds the grey intermediate to BAND_ROWS × 1728 bytes. */
  private static final int BAND_ROWS = 256;

  private Bilevel() {}

  /** A white page of the fax width. */
  static BufferedImage newPage(int rows) {
    BufferedImage page = new BufferedImage(FaxGeometry.WIDTH, rows, BufferedImage.TYPE_BYTE_BINARY);
    // A fresh TYPE_BYTE_BINARY raster is all zero bits, i.e. black: paint it white.
    java.util.Arrays.fill(data(page), (byte) 0xff);
    return page;
  }

  static byte[] data(BufferedImage page) {
    return ((DataBufferByte) page.getRaster().getDataBuffer()).getData();
  }

  static int stride(BufferedImage page) {
    return (page.getWidth() + 7) / 8;
  }

  /**
   * Draws {@code source} scaled by {@code transform} onto a new white bilevel page, through a grey
   * band buffer thresholded at {@code threshold}. Transparent pixels land on white paper, not on
   * black (the "black background" pitfall for PNGs with alpha).
   */
  static BufferedImage scaleAndThreshold(BufferedImage source, AffineTransform transform, int rows, int threshold) {
    BufferedImage page = newPage(rows);
    BufferedImage band = new BufferedImage(FaxGeometry.WIDTH, BAND_ROWS, BufferedImage.TYPE_BYTE_GRAY);
    byte[] grey = ((DataBufferByte) band.getRaster().getDataBuffer()).getData();
    for (int top = 0; top < rows; top += BAND_ROWS) {
      Graphics2D g = band.createGraphics();
      try {
        g.setBackground(Color.WHITE);
        g.clearRect(0, 0, FaxGeometry.WIDTH, BAND_ROWS);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        // The same transform for every band, shifted: Java2D samples in destination space, so bands
        // join without seams and only the band's clip is computed.
        AffineTransform shifted = AffineTransform.getTranslateInstance(0, -top);
        shifted.concatenate(transform);
        g.drawImage(source, shifted, null);
      } finally {
        g.dispose();
      }
      packRows(grey, page, top, Math.min(BAND_ROWS, rows - top), threshold);
    }
    return page;
  }

  private static void packRows(byte[] grey, BufferedImage page, int top, int count, int threshold) {
    byte[] bits = data(page);
    int stride = stride(page);
    for (int r = 0; r < count; r++) {
      int in = r * FaxGeometry.WIDTH;
      int out = (top + r) * stride;
      for (int x = 0; x < FaxGeometry.WIDTH; x += 8, out++) {
        int b = 0;
        for (int k = 0; k < 8; k++) {
          b = (b << 1) | ((grey[in + x + k] & 0xff) >= threshold ? 1 : 0);
        }
        bits[out] = (byte) b;
      }
    }
  }

  /** A copy of {@code count} rows starting at {@code from}. */
  static BufferedImage rows(BufferedImage page, int from, int count) {
    BufferedImage piece = new BufferedImage(page.getWidth(), count, BufferedImage.TYPE_BYTE_BINARY);
    int stride = stride(page);
    System.arraycopy(data(page), from * stride, data(piece), 0, count * stride);
    return piece;
  }

  /** Fraction of black pixels, 0.0–1.0. */
  static double blackRatio(BufferedImage page) {
    long white = 0;
    for (byte b : data(page)) {
      white += Integer.bitCount(b & 0xff);
    }
    long total = (long) stride(page) * 8 * page.getHeight();
    return 1.0 - (double) white / total;
  }
}

package org.faxserver.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Renders a fax TIFF (ours, or one received by FreeSWITCH) for people: a PDF with each page as a
 * CCITT G4 image at its physical size (the "document as sent", email attachments), and a PNG
 * preview of the first page.
 *
 * <p>Received faxes are untrusted input too: page count and pixel limits apply.
 */
public final class FaxTiffExport {

  /** Default preview width: legible on screen, ~100 KB as PNG. */
  public static final int PREVIEW_WIDTH = 850;

  private final ConversionLimits limits;

  public FaxTiffExport(ConversionLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public FaxTiffExport() {
    this(ConversionLimits.defaults());
  }

  /**
   * Writes a PDF with one page per TIFF page; the page size follows from the pixel size and the
   * resolution (a 1728×2292 page at 204×196 dpi becomes 610×842 pt), so normal (98 dpi) faxes keep
   * their proportions.
   *
   * @return the number of pages written
   * @throws DocumentRejectedException if the TIFF is unreadable or exceeds the limits
   */
  public int toPdf(byte[] tiff, OutputStream out) throws IOException {
    TiffInfo info = checkedInfo(tiff);
    try (PDDocument pdf = new PDDocument(MemoryUsageSetting.setupMixed(32L * 1024 * 1024).streamCache);
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff))) {
      ImageReader reader = TiffInfo.tiffReader(in);
      try {
        for (int i = 0; i < info.pageCount(); i++) {
          TiffPage page = info.pages().get(i);
          // A single CCITT strip goes in as it is; anything else is decoded and encoded as G4.
          Optional<PDImageXObject> asIs = CcittPassThrough.image(pdf, tiff, reader, i, page);
          PDImageXObject image = asIs.isPresent() ? asIs.get()
              : CCITTFactory.createFromImage(pdf, toStandardBilevel(decode(reader, i)));
          float widthPt = (float) (page.width() / dpi(page.xResolution(), page.resolutionUnit(), FaxGeometry.X_DPI) * 72);
          float heightPt = (float) (page.height() / dpi(page.yResolution(), page.resolutionUnit(), FaxGeometry.Y_DPI) * 72);
          PDPage pdfPage = new PDPage(new PDRectangle(widthPt, heightPt));
          pdf.addPage(pdfPage);
          try (PDPageContentStream content = new PDPageContentStream(pdf, pdfPage)) {
            content.drawImage(image, 0, 0, widthPt, heightPt);
          }
        }
      } finally {
        reader.dispose();
      }
      pdf.save(out);
      return info.pageCount();
    }
  }

  /** {@link #toPdf(byte[], OutputStream)} into a byte array. */
  public byte[] toPdf(byte[] tiff) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(tiff.length + 16 * 1024);
    toPdf(tiff, out);
    return out.toByteArray();
  }

  /** A greyscale PNG of the first page, {@link #PREVIEW_WIDTH} pixels wide. */
  public byte[] previewPng(byte[] tiff) throws IOException {
    return previewPng(tiff, PREVIEW_WIDTH);
  }

  /**
   * A greyscale PNG of the first page, {@code width} pixels wide, height in proportion (corrected
   * for unequal X/Y resolution). Downscaling averages each pixel's source area, so thin strokes turn
   * grey instead of vanishing.
   */
  public byte[] previewPng(byte[] tiff, int width) throws IOException {
    if (width < 16 || width > 4 * FaxGeometry.WIDTH) {
      throw new IllegalArgumentException("preview width must be 16.." + 4 * FaxGeometry.WIDTH);
    }
    TiffPage first = checkedInfo(tiff).pages().get(0);
    BufferedImage page;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff))) {
      ImageReader reader = TiffInfo.tiffReader(in);
      try {
        page = toStandardBilevel(decode(reader, 0));
      } finally {
        reader.dispose();
      }
    }
    double aspect = dpi(first.xResolution(), first.resolutionUnit(), FaxGeometry.X_DPI)
        / dpi(first.yResolution(), first.resolutionUnit(), FaxGeometry.Y_DPI);
    int height = Math.max(1, (int) Math.round(page.getHeight() * aspect * width / page.getWidth()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
    ImageIO.write(areaAverage(page, width, height), "png", out);
    return out.toByteArray();
  }

  private TiffInfo checkedInfo(byte[] tiff) {
    TiffInfo info = TiffInfo.read(tiff);
    if (info.pageCount() > limits.maxPages()) {
      throw new DocumentRejectedException(RejectionReason.TOO_MANY_PAGES,
          "TIFF has " + info.pageCount() + " pages, more than the limit of " + limits.maxPages());
    }
    for (TiffPage page : info.pages()) {
      if ((long) page.width() * page.height() > limits.maxImagePixels()) {
        throw new DocumentRejectedException(RejectionReason.TOO_LARGE,
            "TIFF page is " + page.width() + "×" + page.height() + " pixels, more than the limit");
      }
    }
    return info;
  }

  private static BufferedImage decode(ImageReader reader, int index) {
    try {
      return reader.read(index);
    } catch (IOException | RuntimeException e) {
      throw new DocumentRejectedException(RejectionReason.CORRUPT,
          "TIFF page " + (index + 1) + " cannot be decoded: " + RasterPages.describe(e), e);
    }
  }

  private static double dpi(double resolution, int unit, int fallback) {
    if (!(resolution > 0)) {
      return fallback;
    }
    return unit == 3 ? resolution * 2.54 : resolution;
  }

  /**
   * The image as TYPE_BYTE_BINARY with index 0 = black. The TIFF reader may hand back WhiteIsZero
   * (index 0 = white) or grey/colour pages; CCITTFactory needs the standard form.
   */
  static BufferedImage toStandardBilevel(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_BINARY
        && image.getColorModel() instanceof IndexColorModel palette
        && palette.getMapSize() == 2 && (palette.getRGB(0) & 0xffffff) == 0 && image.getRaster().getParent() == null
        && image.getRaster().getSampleModelTranslateX() == 0) {
      return image;
    }
    BufferedImage bilevel = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = bilevel.createGraphics();
    try {
      g.setBackground(Color.WHITE);
      g.clearRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return bilevel;
  }

  /** Box-filter downscale of a bilevel page into grey. */
  private static BufferedImage areaAverage(BufferedImage bilevel, int width, int height) {
    int srcW = bilevel.getWidth();
    int srcH = bilevel.getHeight();
    int stride = (srcW + 7) / 8;
    byte[] bits = ((DataBufferByte) bilevel.getRaster().getDataBuffer()).getData();
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] out = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    int[] x0 = new int[width + 1];
    for (int x = 0; x <= width; x++) {
      x0[x] = (int) ((long) x * srcW / width);
    }
    for (int y = 0; y < height; y++) {
      int top = (int) ((long) y * srcH / height);
      int bottom = Math.max(top + 1, (int) ((long) (y + 1) * srcH / height));
      for (int x = 0; x < width; x++) {
        int left = x0[x];
        int right = Math.max(left + 1, x0[x + 1]);
        int white = 0;
        for (int sy = top; sy < bottom && sy < srcH; sy++) {
          int row = sy * stride;
          for (int sx = left; sx < right && sx < srcW; sx++) {
            white += (bits[row + (sx >> 3)] >> (7 - (sx & 7))) & 1;
          }
        }
        out[y * width + x] = (byte) (255 * white / ((bottom - top) * (right - left)));
      }
    }
    return grey;
  }
}

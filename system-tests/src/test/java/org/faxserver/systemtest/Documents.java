package org.faxserver.systemtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Documents the tests upload. */
final class Documents {

  private Documents() {}

  /** A Letter-size PDF with {@code pages} pages of text and a box, made with PDFBox. */
  static byte[] pdf(int pages) {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      for (int i = 1; i <= pages; i++) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 28);
          cs.newLineAtOffset(72, 680);
          cs.showText("faxserver end-to-end test, page " + i + " of " + pages);
          cs.endText();
          cs.addRect(72, 200, 400, 300);
          cs.setLineWidth(4);
          cs.stroke();
        }
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every page of a TIFF, decoded with the JDK's TIFF reader (CCITT T.4/T.6 included). */
  static java.util.List<java.awt.image.BufferedImage> pages(java.nio.file.Path tiff) {
    try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(tiff.toFile())) {
      javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("tiff").next();
      try {
        reader.setInput(in);
        java.util.List<java.awt.image.BufferedImage> out = new java.util.ArrayList<>();
        int n = reader.getNumImages(true);
        for (int i = 0; i < n; i++) {
          out.add(reader.read(i));
        }
        return out;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Share of pixels (0..1) whose black/white value differs; pages of different sizes count as 1. */
  static double difference(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return 1;
    }
    long differing = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        boolean blackA = (a.getRGB(x, y) & 0xFFFFFF) < 0x808080;
        boolean blackB = (b.getRGB(x, y) & 0xFFFFFF) < 0x808080;
        if (blackA != blackB) {
          differing++;
        }
      }
    }
    return differing / (double) ((long) a.getWidth() * a.getHeight());
  }

  /** Bytes that claim to be a PDF but are not one. */
  static byte[] corruptPdf() {
    return "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf\n%%EOF\n".getBytes();
  }
}

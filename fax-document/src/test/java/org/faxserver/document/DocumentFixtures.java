package org.faxserver.document;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Test inputs, generated rather than checked in, so each test says what it feeds in. */
public final class DocumentFixtures {

  private DocumentFixtures() {}

  /** A PDF of {@code pages} pages of the given size, each with a heading, text lines and a frame. */
  public static byte[] textPdf(int pages, PDRectangle size) {
    try (PDDocument doc = new PDDocument()) {
      addTextPages(doc, pages, size);
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] a4Pdf(int pages) {
    return textPdf(pages, PDRectangle.A4);
  }

  /** A 2-page A4 PDF needing the user password "secret". */
  public static byte[] passwordProtectedPdf() {
    return encryptedPdf("secret", new AccessPermission());
  }

  /** A PDF anyone can open (empty user password) whose owner permissions allow printing. */
  public static byte[] ownerRestrictedPrintablePdf() {
    AccessPermission permission = new AccessPermission();
    permission.setCanModify(false);
    permission.setCanExtractContent(false);
    return encryptedPdf("", permission);
  }

  /** A PDF anyone can open whose owner permissions forbid printing. */
  public static byte[] noPrintingPdf() {
    AccessPermission permission = new AccessPermission();
    permission.setCanPrint(false);
    permission.setCanPrintFaithful(false);
    return encryptedPdf("", permission);
  }

  private static byte[] encryptedPdf(String userPassword, AccessPermission permission) {
    try (PDDocument doc = new PDDocument()) {
      addTextPages(doc, 2, PDRectangle.A4);
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", userPassword, permission);
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A one-page PDF drawing an image XObject whose dictionary declares {@code width × height}
   * pixels; its stream holds only a few bytes, so only the declared size is gigantic.
   */
  public static byte[] pdfWithImageDeclaring(int width, int height) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDImageXObject image = new PDImageXObject(doc, new java.io.ByteArrayInputStream(new byte[] {0, 0, 0, 0}),
          org.apache.pdfbox.cos.COSName.FLATE_DECODE, width, height, 8,
          org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray.INSTANCE);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawImage(image, 50, 50, 400, 400);
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A syntactically valid PDF whose page tree is empty. */
  public static byte[] zeroPagePdf() {
    try (PDDocument doc = new PDDocument()) {
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addTextPages(PDDocument doc, int pages, PDRectangle size) throws IOException {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (int p = 0; p < pages; p++) {
      PDPage page = new PDPage(size);
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        float w = size.getWidth();
        float h = size.getHeight();
        content.setLineWidth(2);
        content.addRect(36, 36, w - 72, h - 72);
        content.stroke();
        content.beginText();
        content.setFont(font, 20);
        content.newLineAtOffset(60, h - 80);
        content.showText("Fax test page " + (p + 1) + " of " + pages);
        content.setFont(font, 11);
        for (int line = 0; line < 40 && 100 + line * 15 < h - 100; line++) {
          content.newLineAtOffset(0, -15);
          content.showText("Line " + line + ": The quick brown fox jumps over the lazy dog 0123456789.");
        }
        content.endText();
        content.moveTo(60, 60);
        content.lineTo(w - 60, 60);
        content.stroke();
      }
    }
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }

  /** An RGB picture with black text on white and a grey box. */
  public static BufferedImage picture(int width, int height, int imageType) {
    BufferedImage image = new BufferedImage(width, height, imageType);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    drawContent(g, width, height);
    g.dispose();
    return image;
  }

  /** Black text on a fully transparent background (RGB 0,0,0 under alpha 0: black if alpha is ignored). */
  public static BufferedImage transparentPicture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    drawContent(g, width, height);
    g.dispose();
    return image;
  }

  private static void drawContent(Graphics2D g, int width, int height) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, width / 30)));
    for (int y = 60; y < height - 20; y += Math.max(40, width / 20)) {
      g.drawString("Invoice 4711 - total 99.95 EUR", 40, y);
    }
    g.setColor(Color.DARK_GRAY);
    g.fillRect(width / 2, height / 4, width / 4, height / 8);
  }

  public static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  public static byte[] jpeg(BufferedImage image) {
    return encode(image, "jpeg");
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A TIFF with the given pages, compression (an ImageIO name such as "LZW", "CCITT T.4" or null
   * for none) and resolution.
   */
  public static byte[] tiff(List<BufferedImage> pages, String compression, int xDpi, int yDpi) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (compression != null) {
          param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          param.setCompressionType(compression);
        }
        writer.prepareWriteSequence(null);
        for (BufferedImage page : pages) {
          IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(page), param);
          TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
          BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
          dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
              new long[][] {{xDpi, 1}}));
          dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
              new long[][] {{yDpi, 1}}));
          dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), TIFFTag.TIFF_SHORT, 1,
              new char[] {2}));
          writer.writeToSequence(new IIOImage(page, null, dir.getAsMetadata()), param);
        }
        writer.endWriteSequence();
      }
      writer.dispose();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bilevel copy of an image (black text stays black). */
  public static BufferedImage bilevel(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  /**
   * A tiny PNG whose header claims {@code width × height} pixels: decoding it would need
   * gigabytes, reading its header needs nothing.
   */
  public static byte[] pngDeclaring(int width, int height) {
    byte[] png = png(picture(8, 8, BufferedImage.TYPE_INT_RGB));
    ByteBuffer buffer = ByteBuffer.wrap(png);
    // Signature (8) + IHDR length (4) + "IHDR" (4): width and height follow, then 5 bytes, then the CRC.
    buffer.putInt(16, width);
    buffer.putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    buffer.putInt(29, (int) crc.getValue());
    return png;
  }

  /** Deterministic noise. */
  public static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new java.util.Random(42).nextBytes(bytes);
    return bytes;
  }
}

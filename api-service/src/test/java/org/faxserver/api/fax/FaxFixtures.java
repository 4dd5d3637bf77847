package org.faxserver.api.fax;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Documents for the fax API tests, generated so each test says what it sends. */
final class FaxFixtures {
    private FaxFixtures() {
    }

    /** An A4 PDF with a line of text on each of {@code pages} pages. */
    static byte[] pdf(int pages) {
        try (PDDocument doc = new PDDocument()) {
            addPages(doc, pages);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that needs the user password "secret" to open. */
    static byte[] encryptedPdf() {
        try (PDDocument doc = new PDDocument()) {
            addPages(doc, 1);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts like a PDF, then nothing a PDF parser can use. */
    static byte[] corruptPdf() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage without xref or trailer\n".getBytes();
    }

    static byte[] png() {
        return image("png", BufferedImage.TYPE_INT_RGB);
    }

    /** A bilevel (uncompressed) TIFF, as scanners write them. */
    static byte[] tiff() {
        return image("tiff", BufferedImage.TYPE_BYTE_BINARY);
    }

    private static byte[] image(String format, int type) {
        BufferedImage image = new BufferedImage(850, 1100, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
        g.drawString("Fax test image", 100, 200);
        g.drawRect(50, 50, 750, 1000);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void addPages(PDDocument doc, int pages) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (int p = 1; p <= pages; p++) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(font, 24);
                content.newLineAtOffset(72, 700);
                content.showText("Fax test page " + p + " of " + pages);
                content.endText();
            }
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}

package org.faxserver.testkit.freeswitch;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * TIFF-F test documents written with the JDK's TIFF plugin (no ghostscript needed): CCITT T.4,
 * 1728 px wide, 204x196 dpi ("fine"), A4 length, WhiteIsZero, one numbered page per image.
 */
public final class TestFaxDocuments {

    /** Page width of ISO A4 at 204 dpi, as T.4 requires. */
    public static final int WIDTH = 1728;
    /** A4 length at 196 dpi. */
    public static final int HEIGHT = 2292;

    private TestFaxDocuments() {
    }

    /** Writes a TIFF-F with {@code pages} pages showing "Page n/N" and some text lines. */
    public static Path create(Path file, int pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try {
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("CCITT T.4");
                writer.prepareWriteSequence(null);
                for (int p = 1; p <= pages; p++) {
                    BufferedImage img = page(p, pages);
                    IIOMetadata md = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
                    TIFFDirectory dir = TIFFDirectory.createFromMetadata(md);
                    BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
                    dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                            new long[][] {{204, 1}}));
                    dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                            new long[][] {{196, 1}}));
                    dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT),
                            BaselineTIFFTagSet.RESOLUTION_UNIT_INCH));
                    // the JDK omits BitsPerSample for bilevel images; spandsp's t4_tx refuses a file without it
                    dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE), 1));
                    dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_PAGE_NUMBER), TIFFTag.TIFF_SHORT, 2,
                            new char[] {(char) (p - 1), (char) pages}));
                    writer.writeToSequence(new IIOImage(img, null, dir.getAsMetadata()), param);
                }
                writer.endWriteSequence();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage page(int n, int total) {
        // index 0 = white, so the writer stores PhotometricInterpretation WhiteIsZero like fax TIFFs
        IndexColorModel cm = new IndexColorModel(1, 2, new byte[] {-1, 0}, new byte[] {-1, 0}, new byte[] {-1, 0});
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_BINARY, cm);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 96));
        g.drawString("Page " + n + "/" + total, 200, 300);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 36));
        for (int line = 0; line < 30; line++) {
            g.drawString("faxserver test document line " + line + " of page " + n, 150, 500 + line * 55);
        }
        g.fillRect(150, 2100, 300 + 200 * n, 60);
        g.dispose();
        return img;
    }

    /** Number of pages (IFDs) of a TIFF file, read with the JDK's TIFF reader. */
    public static int pageCount(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("not a TIFF: " + file);
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                return r.getNumImages(true);
            } finally {
                r.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.faxserver.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads the directories of a TIFF (no pixel data): page count and per-page geometry and coding.
 * Used to report page counts of stored faxes and to check our own output.
 *
 * @param pages one entry per page, in file order
 */
public record TiffInfo(List<TiffPage> pages) {

  /** Guards against IFD chains that loop forever. */
  private static final int MAX_DIRECTORIES = 10_000;

  public TiffInfo {
    pages = List.copyOf(pages);
  }

  public int pageCount() {
    return pages.size();
  }

  /**
   * @throws DocumentRejectedException {@code UNSUPPORTED_TYPE} if not a TIFF, {@code CORRUPT} if
   *     the directories cannot be read
   */
  public static TiffInfo read(byte[] tiff) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff))) {
      return read(in);
    } catch (IOException e) {
      throw new DocumentRejectedException(RejectionReason.CORRUPT, "TIFF cannot be read: " + e.getMessage(), e);
    }
  }

  /** Like {@link #read(byte[])} for a file. */
  public static TiffInfo read(Path tiff) throws IOException {
    try (ImageInputStream in = new FileImageInputStream(tiff.toFile())) {
      return read(in);
    }
  }

  private static TiffInfo read(ImageInputStream in) {
    ImageReader reader = tiffReader(in);
    try {
      List<TiffPage> pages = new ArrayList<>();
      for (int i = 0; i < MAX_DIRECTORIES; i++) {
        TIFFDirectory dir;
        try {
          dir = TIFFDirectory.createFromMetadata(reader.getImageMetadata(i));
        } catch (IndexOutOfBoundsException end) {
          break;
        }
        pages.add(page(dir));
      }
      if (pages.isEmpty()) {
        throw new DocumentRejectedException(RejectionReason.EMPTY, "TIFF has no pages");
      }
      return new TiffInfo(pages);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DocumentRejectedException rejected) {
        throw rejected;
      }
      throw new DocumentRejectedException(RejectionReason.CORRUPT, "TIFF cannot be read: " + RasterPages.describe(e), e);
    } finally {
      reader.dispose();
    }
  }

  static ImageReader tiffReader(ImageInputStream in) {
    try {
      byte[] head = new byte[4];
      in.mark();
      int n = in.read(head);
      in.reset();
      if (DocumentType.detect(head, Math.max(n, 0)).filter(DocumentType.TIFF::equals).isEmpty()) {
        throw new DocumentRejectedException(RejectionReason.UNSUPPORTED_TYPE, "not a TIFF");
      }
    } catch (IOException e) {
      throw new DocumentRejectedException(RejectionReason.CORRUPT, "TIFF cannot be read", e);
    }
    ImageReader reader = ImageIO.getImageReadersByFormatName("tiff").next();
    reader.setInput(in, false, false);
    return reader;
  }

  private static TiffPage page(TIFFDirectory dir) {
    return new TiffPage(
        (int) longValue(dir, BaselineTIFFTagSet.TAG_IMAGE_WIDTH, 0),
        (int) longValue(dir, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, 0),
        doubleValue(dir, BaselineTIFFTagSet.TAG_X_RESOLUTION),
        doubleValue(dir, BaselineTIFFTagSet.TAG_Y_RESOLUTION),
        (int) longValue(dir, BaselineTIFFTagSet.TAG_RESOLUTION_UNIT, 1),
        (int) longValue(dir, BaselineTIFFTagSet.TAG_COMPRESSION, 1),
        (int) longValue(dir, BaselineTIFFTagSet.TAG_FILL_ORDER, 1),
        (int) longValue(dir, BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, 1),
        count(dir, BaselineTIFFTagSet.TAG_STRIP_OFFSETS),
        longValue(dir, BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE, 0),
        (int) longValue(dir, BaselineTIFFTagSet.TAG_PAGE_NUMBER, -1),
        longValue(dir, BaselineTIFFTagSet.TAG_T4_OPTIONS, 0));
  }

  static long longValue(TIFFDirectory dir, int tag, long absent) {
    TIFFField field = dir.getTIFFField(tag);
    return field == null ? absent : field.getAsLong(0);
  }

  static double doubleValue(TIFFDirectory dir, int tag) {
    TIFFField field = dir.getTIFFField(tag);
    return field == null ? 0 : field.getAsDouble(0);
  }

  private static int count(TIFFDirectory dir, int tag) {
    TIFFField field = dir.getTIFFField(tag);
    return field == null ? 0 : field.getCount();
  }
}

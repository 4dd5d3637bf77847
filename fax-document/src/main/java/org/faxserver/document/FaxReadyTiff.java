package org.faxserver.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Recognises an upload that already is TIFF-F as we write it and keeps it byte for byte: every page 1728 pixels
 * wide at 204 × 196 dpi, one strip of CCITT T.4 (1-D or 2-D) or T.6 data (spandsp codes the page for the line
 * itself, whatever the file's coding), one bit per sample (tagged: spandsp refuses pages without BitsPerSample),
 * white is zero, no longer than a page we would leave uncut, and its codes decode into exactly its rows of fax width
 * ({@link CcittRows}, which walks the codes without producing pixels). A page that fails any of this is converted
 * instead, which decodes it with the JDK's more tolerant reader; the scaling, thresholding and re-encoding skipped
 * for a kept page were ~70 % of the CPU of a 1-page TIFF-F submission (docs/BENCHMARKS.md).
 */
final class FaxReadyTiff {
  private static final int WHITE_IS_ZERO = BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_WHITE_IS_ZERO;
  private static final double CM_PER_INCH = 2.54;
  private static final int UNCOMPRESSED_MODE = 2;

  private FaxReadyTiff() {}

  /** The document's bytes and page count if it can be faxed as it is; empty when it needs converting. */
  static Optional<ConversionResult.Converted> keep(DocumentSource document, ConversionLimits limits,
      ConversionOptions options) throws IOException {
    if (DocumentType.detect(document.head(DocumentType.SNIFF_LENGTH)).filter(DocumentType.TIFF::equals).isEmpty()) {
      return Optional.empty();
    }
    long length = document.size();
    int pages = 0;
    try (ImageInputStream in = document instanceof DocumentSource.Bytes b
        ? new MemoryCacheImageInputStream(new ByteArrayInputStream(b.bytes()))
        : new FileImageInputStream(((DocumentSource.File) document).path().toFile())) {
      ImageReader reader = TiffInfo.tiffReader(in);
      try {
        // Page by page up to one more than allowed (an IFD chain may loop; more pages go the converting way,
        // which rejects them).
        for (; pages <= limits.maxPages(); pages++) {
          TIFFDirectory dir;
          try {
            dir = TIFFDirectory.createFromMetadata(reader.getImageMetadata(pages));
          } catch (IndexOutOfBoundsException end) {
            break;
          }
          if (!faxReady(dir, length, limits, options) || !codesDecode(dir, document, in)) {
            return Optional.empty();
          }
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException unreadable) {
      // Not ours to judge: the converting path reads it again and rejects it with a precise reason.
      return Optional.empty();
    }
    if (pages == 0 || pages > limits.maxPages()) {
      return Optional.empty();
    }
    byte[] tiff = document instanceof DocumentSource.Bytes b ? b.bytes()
        : Files.readAllBytes(((DocumentSource.File) document).path());
    return Optional.of(new ConversionResult.Converted(tiff, pages));
  }

  /**
   * Whether the page's one strip (checked to lie within the file) decodes into exactly its rows of fax width: read
   * where it is in an upload held in memory, from {@code in} for one on disk.
   */
  private static boolean codesDecode(TIFFDirectory dir, DocumentSource document, ImageInputStream in)
      throws IOException {
    int offset = (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_STRIP_OFFSETS, 0);
    int length = (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS, 0);
    boolean lsbFirst = intValue(dir, BaselineTIFFTagSet.TAG_FILL_ORDER, 1) == 2;
    CcittRows.Strip strip;
    if (document instanceof DocumentSource.Bytes b) {
      strip = new CcittRows.Strip(b.bytes(), offset, length, lsbFirst);
    } else {
      byte[] read = new byte[length];
      in.seek(offset);
      in.readFully(read);
      strip = new CcittRows.Strip(read, lsbFirst);
    }
    int rows = intValue(dir, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, 0);
    if (intValue(dir, BaselineTIFFTagSet.TAG_COMPRESSION, 1) == TiffPage.COMPRESSION_T6) {
      return CcittRows.t6(strip, FaxGeometry.WIDTH, rows);
    }
    boolean twoDimensional = (intValue(dir, BaselineTIFFTagSet.TAG_T4_OPTIONS, 0) & 1) != 0;
    return CcittRows.t4(strip, twoDimensional, FaxGeometry.WIDTH, rows);
  }

  static boolean faxReady(TIFFDirectory dir, long fileLength, ConversionLimits limits, ConversionOptions options) {
    int compression = intValue(dir, BaselineTIFFTagSet.TAG_COMPRESSION, 1);
    if (compression != TiffPage.COMPRESSION_T4 && compression != TiffPage.COMPRESSION_T6) {
      return false;
    }
    // Uncompressed mode (T.4 options bit 1, T.6 options bit 1) is rarely supported by readers.
    int codingOptions = compression == TiffPage.COMPRESSION_T4
        ? intValue(dir, BaselineTIFFTagSet.TAG_T4_OPTIONS, 0) : intValue(dir, BaselineTIFFTagSet.TAG_T6_OPTIONS, 0);
    if ((codingOptions & UNCOMPRESSED_MODE) != 0) {
      return false;
    }
    // ResolutionUnit "none" (1) says nothing about the page's size; absent means inch (TIFF 6.0).
    int unit = intValue(dir, BaselineTIFFTagSet.TAG_RESOLUTION_UNIT, BaselineTIFFTagSet.RESOLUTION_UNIT_INCH);
    if (unit != BaselineTIFFTagSet.RESOLUTION_UNIT_INCH && unit != BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER) {
      return false;
    }
    TIFFField offsets = dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS);
    TIFFField counts = dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS);
    if (offsets == null || counts == null || offsets.getCount() != 1 || counts.getCount() != 1
        || offsets.getAsLong(0) + counts.getAsLong(0) > fileLength) {
      return false;
    }
    int height = intValue(dir, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, 0);
    double inch = unit == BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER ? CM_PER_INCH : 1;
    double xDpi = TiffInfo.doubleValue(dir, BaselineTIFFTagSet.TAG_X_RESOLUTION) * inch;
    double yDpi = TiffInfo.doubleValue(dir, BaselineTIFFTagSet.TAG_Y_RESOLUTION) * inch;
    return intValue(dir, BaselineTIFFTagSet.TAG_IMAGE_WIDTH, 0) == FaxGeometry.WIDTH
        && height > 0 && height <= options.maxUncutRows()
        && (long) FaxGeometry.WIDTH * height <= limits.maxImagePixels()
        && dir.getTIFFField(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE) != null
        && intValue(dir, BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, 0) == 1
        && intValue(dir, BaselineTIFFTagSet.TAG_SAMPLES_PER_PIXEL, 1) == 1
        && intValue(dir, BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION, -1) == WHITE_IS_ZERO
        && Math.abs(xDpi - FaxGeometry.X_DPI) <= 2
        && Math.abs(yDpi - FaxGeometry.Y_DPI) <= 2;
  }

  private static int intValue(TIFFDirectory dir, int tag, int absent) {
    return (int) TiffInfo.longValue(dir, tag, absent);
  }
}

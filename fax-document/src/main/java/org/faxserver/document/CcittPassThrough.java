package org.faxserver.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Puts a fax page's CCITT data into a PDF image as it is, without decoding and re-encoding it: a
 * TIFF-F page is one strip of T.4 or T.6 data, which is exactly what PDF's CCITTFaxDecode filter reads.
 * Re-encoding through PDFBox cost ~60 % of the CPU of a fax submission (docs/BENCHMARKS.md). Pages
 * that are not a single CCITT strip are left to the decoding path ({@link Optional#empty()}).
 */
final class CcittPassThrough {
  private static final int T4_OPTION_2D = 1;
  private static final byte[] REVERSED = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      REVERSED[i] = (byte) (Integer.reverse(i) >>> 24);
    }
  }

  private CcittPassThrough() {}

  static Optional<PDImageXObject> image(PDDocument pdf, byte[] tiff, ImageReader reader, int index, TiffPage page)
      throws IOException {
    if (page.stripCount() != 1 || page.bitsPerSample() > 1) {
      return Optional.empty();
    }
    int k;
    switch (page.compression()) {
      case BaselineTIFFTagSet.COMPRESSION_CCITT_T_6 -> k = -1;
      case BaselineTIFFTagSet.COMPRESSION_CCITT_T_4 -> k = (page.t4Options() & T4_OPTION_2D) != 0 ? 1 : 0;
      default -> {
        return Optional.empty();
      }
    }
    IIOMetadata metadata = reader.getImageMetadata(index);
    TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
    TIFFField offsets = dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS);
    TIFFField counts = dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS);
    if (offsets == null || counts == null || offsets.getCount() != 1 || counts.getCount() != 1) {
      return Optional.empty();
    }
    long offset = offsets.getAsLong(0);
    long length = counts.getAsLong(0);
    if (offset < 0 || length <= 0 || offset + length > tiff.length) {
      return Optional.empty();
    }
    byte[] data = new byte[(int) length];
    System.arraycopy(tiff, (int) offset, data, 0, data.length);
    if (page.fillOrder() == BaselineTIFFTagSet.FILL_ORDER_RIGHT_TO_LEFT) {
      // PDF reads CCITT data most significant bit first; fax TIFFs are often written least significant first.
      for (int i = 0; i < data.length; i++) {
        data[i] = REVERSED[data[i] & 0xff];
      }
    }
    TIFFField photometric = dir.getTIFFField(BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION);
    boolean blackIsZero = photometric != null
        && photometric.getAsInt(0) == BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO;

    PDImageXObject image = new PDImageXObject(pdf, new ByteArrayInputStream(data), COSName.CCITTFAX_DECODE,
        page.width(), page.height(), 1, PDDeviceGray.INSTANCE);
    COSDictionary params = new COSDictionary();
    params.setInt(COSName.K, k);
    params.setInt(COSName.COLUMNS, page.width());
    params.setInt(COSName.ROWS, page.height());
    // No EncodedByteAlign: TIFF's fill bits sit before each EOL, which the CCITT filter skips anyway
    // (checked pixel for pixel with PDFBox and Ghostscript).
    if (blackIsZero) {
      params.setBoolean(COSName.BLACK_IS_1, true);
    }
    image.getCOSObject().setItem(COSName.DECODE_PARMS, params);
    return Optional.of(image);
  }
}

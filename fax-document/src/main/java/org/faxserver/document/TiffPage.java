package org.faxserver.document;

/**
 * What a TIFF directory says about one page.
 *
 * @param width          ImageWidth in pixels
 * @param height         ImageLength in rows
 * @param xResolution    XResolution (0 if absent)
 * @param yResolution    YResolution (0 if absent)
 * @param resolutionUnit 2 = inch, 3 = centimetre (1 if absent)
 * @param compression    TIFF Compression code (1 none, 3 CCITT T.4, 4 CCITT T.6, 5 LZW, ...)
 * @param fillOrder      FillOrder (1 if absent)
 * @param bitsPerSample  BitsPerSample of the first sample
 * @param stripCount     number of strips (StripOffsets entries)
 * @param newSubfileType NewSubfileType (0 if absent; 2 = page of a multi-page document)
 * @param pageNumber     PageNumber's first value, or -1 if absent
 * @param t4Options      T4Options (0 if absent)
 */
public record TiffPage(
    int width,
    int height,
    double xResolution,
    double yResolution,
    int resolutionUnit,
    int compression,
    int fillOrder,
    int bitsPerSample,
    int stripCount,
    long newSubfileType,
    int pageNumber,
    long t4Options) {

  /** TIFF Compression value of CCITT T.4. */
  public static final int COMPRESSION_T4 = 3;
  /** TIFF Compression value of CCITT T.6. */
  public static final int COMPRESSION_T6 = 4;

  /** Whether the page is CCITT T.4 or T.6 coded. */
  public boolean isCcitt() {
    return compression == COMPRESSION_T4 || compression == COMPRESSION_T6;
  }
}

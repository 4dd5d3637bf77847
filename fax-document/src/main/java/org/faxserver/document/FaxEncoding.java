package org.faxserver.document;

/**
 * The CCITT coding of the TIFF-F pages. spandsp reads all three and re-encodes for the line
 * according to what the remote fax negotiates, so this choice only affects file size and speed.
 */
public enum FaxEncoding {
  /** Modified Huffman (T.4 one-dimensional), TIFF Compression=3, T4Options=4 (EOLs byte aligned). */
  T4_1D("CCITT T.4", 3, 4),
  /** Modified READ (T.4 two-dimensional), TIFF Compression=3, T4Options=5. The recipe checked with spandsp. */
  T4_2D("CCITT T.4", 3, 5),
  /** Modified Modified READ (T.6), TIFF Compression=4: the smallest files. */
  T6("CCITT T.6", 4, 0);

  private final String imageIoName;
  private final int tiffCompression;
  private final int t4Options;

  FaxEncoding(String imageIoName, int tiffCompression, int t4Options) {
    this.imageIoName = imageIoName;
    this.tiffCompression = tiffCompression;
    this.t4Options = t4Options;
  }

  /** The compression type name of the JDK's TIFF writer. */
  String imageIoName() {
    return imageIoName;
  }

  /** The TIFF Compression tag value (3 = T.4, 4 = T.6). */
  public int tiffCompression() {
    return tiffCompression;
  }

  int t4Options() {
    return t4Options;
  }
}

package org.faxserver.document;

/** Fixed numbers of the fax page raster (T.4 fine resolution, ISO A4 / US Letter width). */
public final class FaxGeometry {

  /** Pixels per row: 215 mm at 8 pels/mm. */
  public static final int WIDTH = 1728;
  /** Horizontal resolution in dpi (8 pels/mm). */
  public static final int X_DPI = 204;
  /** Vertical resolution in dpi of "fine" (7.7 lines/mm). */
  public static final int Y_DPI = 196;
  /** Rows of an A4 page (297 mm) at fine resolution. */
  public static final int A4_ROWS = 2292;
  /** Rows of a US Letter page (11 in) at fine resolution. */
  public static final int LETTER_ROWS = 2156;
  /** Rows of a US Legal page (14 in) at fine resolution. */
  public static final int LEGAL_ROWS = 2744;

  private FaxGeometry() {}
}

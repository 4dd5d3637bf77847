package org.faxserver.document;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;

/**
 * An opened input document whose page sizes are known before anything is rendered, so that page
 * limits are checked up front and each TIFF-F page can carry its PageNumber {n, total}.
 */
interface PageSource extends Closeable {

  /** Rows of each source page once scaled to the fax width, at 196 dpi. */
  int[] pageRows();

  /**
   * Renders one source page onto a {@link Bilevel#newPage bilevel} image {@link FaxGeometry#WIDTH}
   * wide and {@code pageRows()[index]} tall.
   *
   * @throws DocumentRejectedException if the page cannot be rendered
   */
  BufferedImage render(int index) throws IOException;
}

package org.faxserver.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes the pages of a TIFF for pixel assertions. */
final class TiffPages {

  private TiffPages() {}

  static List<BufferedImage> decode(byte[] tiff) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(tiff))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("tiff").next();
      reader.setInput(in);
      List<BufferedImage> pages = new ArrayList<>();
      for (int i = 0; i < reader.getNumImages(true); i++) {
        pages.add(FaxTiffExport.toStandardBilevel(reader.read(i)));
      }
      reader.dispose();
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fraction of black pixels of a decoded page. */
  static double blackRatio(BufferedImage page) {
    return Bilevel.blackRatio(page);
  }
}

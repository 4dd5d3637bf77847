package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageToTiffFTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();

  @Test
  void pngIsScaledToFaxWidthKeepingItsAspectRatio() throws IOException {
    byte[] png = DocumentFixtures.png(DocumentFixtures.picture(1000, 700, BufferedImage.TYPE_INT_RGB));

    ConversionResult.Converted result = converter.convert(DocumentSource.of(png)).orElseThrow();

    TiffPage page = TiffInfo.read(result.tiff()).pages().get(0);
    assertThat(result.pages()).isEqualTo(1);
    assertThat(page.width()).isEqualTo(1728);
    // 700 rows × 1728/1000, then × 196/204 because fine rows are taller than pixels are wide.
    assertThat(page.height()).isEqualTo(Math.round(700 * 1.728 * 196 / 204));
    assertThat(page.compression()).isEqualTo(TiffPage.COMPRESSION_T4);
    assertThat(page.stripCount()).isEqualTo(1);
    assertThat(TiffPages.blackRatio(TiffPages.decode(result.tiff()).get(0))).isBetween(0.01, 0.5);
  }

  @Test
  void jpegIsConvertedToOneFaxPage() throws IOException {
    byte[] jpeg = DocumentFixtures.jpeg(DocumentFixtures.picture(1654, 2339, BufferedImage.TYPE_INT_RGB));

    ConversionResult.Converted result = converter.convert(DocumentSource.of(jpeg)).orElseThrow();

    TiffPage page = TiffInfo.read(result.tiff()).pages().get(0);
    assertThat(page.width()).isEqualTo(1728);
    assertThat(page.height()).isEqualTo(Math.round(2339 * (1728.0 / 1654) * 196 / 204));
    assertThat(TiffPages.blackRatio(TiffPages.decode(result.tiff()).get(0))).isBetween(0.01, 0.5);
  }

  @Test
  void transparentPngLandsOnWhitePaper() throws IOException {
    byte[] png = DocumentFixtures.png(DocumentFixtures.transparentPicture(800, 1000));

    byte[] tiff = converter.convert(DocumentSource.of(png)).orElseThrow().tiff();

    assertThat(TiffPages.blackRatio(TiffPages.decode(tiff).get(0))).isBetween(0.01, 0.5);
  }

  @Test
  void imageTallerThanLegalIsCutIntoA4LengthPages() throws IOException {
    byte[] png = DocumentFixtures.png(DocumentFixtures.picture(800, 4000, BufferedImage.TYPE_BYTE_GRAY));

    ConversionResult.Converted result = converter.convert(DocumentSource.of(png)).orElseThrow();

    int rows = (int) Math.round(4000 * (1728.0 / 800) * 196 / 204);
    List<TiffPage> pages = TiffInfo.read(result.tiff()).pages();
    assertThat(pages).extracting(TiffPage::height).containsExactly(2292, 2292, 2292, rows - 3 * 2292);
    assertThat(pages).extracting(TiffPage::pageNumber).containsExactly(0, 1, 2, 3);
  }

  @Test
  void normalResolutionFaxTiffGetsItsRowsDoubled() throws IOException {
    BufferedImage normal = DocumentFixtures.bilevel(DocumentFixtures.picture(1728, 1146, BufferedImage.TYPE_INT_RGB));
    byte[] tiff = DocumentFixtures.tiff(List.of(normal, normal), "CCITT T.4", 204, 98);

    ConversionResult.Converted result = converter.convert(DocumentSource.of(tiff)).orElseThrow();

    assertThat(TiffInfo.read(result.tiff()).pages()).hasSize(2).allSatisfy(page -> {
      assertThat(page.width()).isEqualTo(1728);
      assertThat(page.height()).isEqualTo(2292);
      assertThat(page.yResolution()).isEqualTo(196.0);
      assertThat(page.fillOrder()).isEqualTo(2);
    });
  }

  @Test
  void colourLzwTiffAt150DpiIsNormalisedToTiffF() throws IOException {
    BufferedImage scan = DocumentFixtures.picture(1240, 1754, BufferedImage.TYPE_INT_RGB);
    byte[] tiff = DocumentFixtures.tiff(List.of(scan), "LZW", 150, 150);

    ConversionResult.Converted result = converter.convert(DocumentSource.of(tiff)).orElseThrow();

    TiffPage page = TiffInfo.read(result.tiff()).pages().get(0);
    assertThat(page.width()).isEqualTo(1728);
    assertThat(page.height()).isEqualTo((int) Math.round(1754 * (1728.0 / 1240) * 196 / 204));
    assertThat(page.compression()).isEqualTo(TiffPage.COMPRESSION_T4);
    assertThat(page.bitsPerSample()).isEqualTo(1);
    assertThat(page.xResolution()).isEqualTo(204.0);
  }

  @Test
  void multiPageGreyTiffKeepsItsPageCountAndInk() throws IOException {
    BufferedImage grey = DocumentFixtures.picture(1200, 1600, BufferedImage.TYPE_BYTE_GRAY);
    byte[] tiff = DocumentFixtures.tiff(List.of(grey, grey, grey), null, 150, 150);

    byte[] fax = converter.convert(DocumentSource.of(tiff)).orElseThrow().tiff();

    assertThat(TiffPages.decode(fax)).hasSize(3)
        .allSatisfy(page -> assertThat(TiffPages.blackRatio(page)).isBetween(0.01, 0.5));
  }
}

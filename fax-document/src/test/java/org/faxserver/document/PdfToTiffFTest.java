package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

class PdfToTiffFTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();

  @Test
  void eachA4PageBecomesOneFineResolutionTiffFPage() throws IOException {
    ConversionResult.Converted result = converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(3))).orElseThrow();

    TiffInfo info = TiffInfo.read(result.tiff());
    assertThat(result.pages()).isEqualTo(3);
    assertThat(info.pageCount()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      TiffPage page = info.pages().get(i);
      assertThat(page.width()).isEqualTo(1728);
      assertThat(page.height()).isEqualTo(FaxGeometry.A4_ROWS);
      assertThat(page.xResolution()).isEqualTo(204.0);
      assertThat(page.yResolution()).isEqualTo(196.0);
      assertThat(page.resolutionUnit()).isEqualTo(2);
      assertThat(page.compression()).isEqualTo(TiffPage.COMPRESSION_T4);
      assertThat(page.t4Options()).isEqualTo(5);
      assertThat(page.fillOrder()).isEqualTo(2);
      assertThat(page.bitsPerSample()).isEqualTo(1);
      assertThat(page.stripCount()).isEqualTo(1);
      assertThat(page.newSubfileType()).isEqualTo(2);
      assertThat(page.pageNumber()).isEqualTo(i);
    }
  }

  @Test
  void renderedPagesAreWhitePaperWithInkNotABlackBackground() throws IOException {
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(2))).orElseThrow().tiff();

    for (BufferedImage page : TiffPages.decode(tiff)) {
      // A frame, a heading and 40 lines of text: a few percent ink on white.
      assertThat(TiffPages.blackRatio(page)).isBetween(0.005, 0.25);
    }
  }

  @Test
  void letterPageIsShrunkJustEnoughToFitTheFaxWidth() throws IOException {
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.textPdf(1, PDRectangle.LETTER))).orElseThrow().tiff();

    // 8.5 in at 204 dpi is 1734 px, 6 more than the fax line: scaled by 1728/1734, 2156 rows → 2149.
    TiffPage page = TiffInfo.read(tiff).pages().get(0);
    assertThat(page.width()).isEqualTo(1728);
    assertThat(page.height()).isEqualTo(2149);
  }

  @Test
  void t6EncodingIsWrittenWhenConfigured() throws IOException {
    FaxDocumentConverter t6 = new FaxDocumentConverter(
        ConversionLimits.defaults(), ConversionOptions.defaults().withEncoding(FaxEncoding.T6));

    byte[] tiff = t6.convert(DocumentSource.of(DocumentFixtures.a4Pdf(2))).orElseThrow().tiff();

    assertThat(TiffInfo.read(tiff).pages()).allSatisfy(page -> {
      assertThat(page.compression()).isEqualTo(TiffPage.COMPRESSION_T6);
      assertThat(page.fillOrder()).isEqualTo(2);
      assertThat(page.stripCount()).isEqualTo(1);
    });
    assertThat(TiffPages.blackRatio(TiffPages.decode(tiff).get(0))).isBetween(0.005, 0.25);
  }

  @Test
  void landscapePageIsTurnedOntoPortraitPaper() throws IOException {
    PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.textPdf(1, landscape))).orElseThrow().tiff();

    TiffPage page = TiffInfo.read(tiff).pages().get(0);
    assertThat(page.width()).isEqualTo(1728);
    assertThat(page.height()).isEqualTo(FaxGeometry.A4_ROWS);
    BufferedImage image = TiffPages.decode(tiff).get(0);
    assertThat(TiffPages.blackRatio(image)).isBetween(0.005, 0.25);
    // The heading sits at the page's top left; turned left it lands in the lower left quarter.
    assertThat(inkRatio(image, 0, image.getHeight() / 2, image.getWidth() / 4, image.getHeight() / 2))
        .isGreaterThan(inkRatio(image, image.getWidth() * 3 / 4, 0, image.getWidth() / 4, image.getHeight() / 2));
  }

  @Test
  void pageLongerThanLegalIsCutIntoA4LengthPages() throws IOException {
    // 595 × 3000 pt: 8,167 rows at fine resolution.
    byte[] pdf = DocumentFixtures.textPdf(1, new PDRectangle(595, 3000));

    ConversionResult.Converted result = converter.convert(DocumentSource.of(pdf)).orElseThrow();

    List<TiffPage> pages = TiffInfo.read(result.tiff()).pages();
    assertThat(pages).extracting(TiffPage::height).containsExactly(2292, 2292, 2292, 8167 - 3 * 2292);
    assertThat(pages).extracting(TiffPage::pageNumber).containsExactly(0, 1, 2, 3);
  }

  @Test
  void pageNarrowerThanTheFaxIsCentredAtTrueSize() throws IOException {
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.textPdf(1, PDRectangle.A5))).orElseThrow().tiff();

    TiffPage page = TiffInfo.read(tiff).pages().get(0);
    // A5 is 420 pt wide: 1190 px at 204 dpi, so ~269 px margins each side stay white.
    assertThat(page.width()).isEqualTo(1728);
    assertThat(page.height()).isCloseTo(Math.round(595 * 196 / 72f), within(2));
    BufferedImage image = TiffPages.decode(tiff).get(0);
    assertThat(inkRatio(image, 0, 0, 260, image.getHeight())).isZero();
    assertThat(inkRatio(image, 1728 - 260, 0, 260, image.getHeight())).isZero();
  }

  static double inkRatio(BufferedImage image, int x, int y, int w, int h) {
    long black = 0;
    for (int yy = y; yy < y + h; yy++) {
      for (int xx = x; xx < x + w; xx++) {
        if ((image.getRGB(xx, yy) & 0xffffff) == 0) {
          black++;
        }
      }
    }
    return (double) black / ((long) w * h);
  }
}

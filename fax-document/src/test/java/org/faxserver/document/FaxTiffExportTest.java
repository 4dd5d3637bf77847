package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;

class FaxTiffExportTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();
  private final FaxTiffExport export = new FaxTiffExport();

  @Test
  void pdfOfAFaxHasOnePagePerTiffPageSizedFromTheResolution() throws IOException {
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(3))).orElseThrow().tiff();

    byte[] pdf = export.toPdf(tiff);

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(3);
      PDPage page = doc.getPage(0);
      // 1728 px / 204 dpi = 8.47 in = 609.9 pt; 2292 rows / 196 dpi = 11.69 in = 842 pt (A4).
      assertThat(page.getMediaBox().getWidth()).isCloseTo(609.9f, within(0.5f));
      assertThat(page.getMediaBox().getHeight()).isCloseTo(842.0f, within(0.5f));
      COSName name = page.getResources().getXObjectNames().iterator().next();
      PDImageXObject image = (PDImageXObject) page.getResources().getXObject(name);
      assertThat(image.getSuffix()).isEqualTo("tiff"); // CCITTFaxDecode
      assertThat(image.getWidth()).isEqualTo(1728);
      PDFRenderer renderer = new PDFRenderer(doc);
      // PDFBox's area-averaging path for strongly downscaled images takes seconds; not under test.
      renderer.setImageDownscalingOptimizationThreshold(0);
      BufferedImage rendered = renderer.renderImageWithDPI(0, 50);
      double dark = darkRatio(rendered);
      assertThat(dark).isBetween(0.005, 0.3);
    }
  }

  @ParameterizedTest
  @EnumSource(FaxEncoding.class)
  void thePdfShowsExactlyThePixelsOfTheFax(FaxEncoding encoding) throws IOException {
    FaxDocumentConverter converter =
        new FaxDocumentConverter(ConversionLimits.defaults(), ConversionOptions.defaults().withEncoding(encoding));
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(2))).orElseThrow().tiff();

    try (PDDocument doc = Loader.loadPDF(export.toPdf(tiff));
        javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(tiff))) {
      javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("tiff").next();
      reader.setInput(in);
      for (int p = 0; p < 2; p++) {
        BufferedImage expected = reader.read(p);
        PDPage page = doc.getPage(p);
        COSName name = page.getResources().getXObjectNames().iterator().next();
        BufferedImage actual = ((PDImageXObject) page.getResources().getXObject(name)).getImage();
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        long different = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
          for (int x = 0; x < expected.getWidth(); x++) {
            boolean expectedBlack = (expected.getRGB(x, y) & 0xff) < 128;
            boolean actualBlack = (actual.getRGB(x, y) & 0xff) < 128;
            if (expectedBlack != actualBlack) {
              different++;
            }
          }
        }
        assertThat(different).as("page %d, %s", p + 1, encoding).isZero();
      }
      reader.dispose();
    }
  }

  @Test
  void normalResolutionFaxKeepsItsProportionsInThePdf() throws IOException {
    BufferedImage normal = DocumentFixtures.bilevel(DocumentFixtures.picture(1728, 1146, BufferedImage.TYPE_INT_RGB));
    byte[] received = DocumentFixtures.tiff(List.of(normal), "CCITT T.6", 204, 98);

    try (PDDocument doc = Loader.loadPDF(export.toPdf(received))) {
      assertThat(doc.getPage(0).getMediaBox().getHeight()).isCloseTo(1146 / 98f * 72, within(0.5f));
    }
  }

  @Test
  void previewIsAGreyPngOfTheFirstPage850PixelsWide() throws IOException {
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(2))).orElseThrow().tiff();

    BufferedImage preview = ImageIO.read(new ByteArrayInputStream(export.previewPng(tiff)));

    assertThat(preview.getWidth()).isEqualTo(850);
    // Proportions of A4 after correcting 204×196 dpi: 850 × 2292/1728 × 204/196.
    assertThat(preview.getHeight()).isCloseTo((int) Math.round(850 * 2292 / 1728.0 * 204 / 196), within(1));
    assertThat(darkRatio(preview)).isBetween(0.005, 0.3);
  }

  @Test
  void notATiffIsRejected() {
    assertThatThrownBy(() -> export.toPdf(DocumentFixtures.a4Pdf(1)))
        .isInstanceOfSatisfying(DocumentRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE));
  }

  @Test
  void tiffInfoRejectsAnythingThatIsNotATiff() {
    assertThatThrownBy(() -> TiffInfo.read(DocumentFixtures.randomBytes(512)))
        .isInstanceOfSatisfying(DocumentRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE));
  }

  @Test
  void tiffWithMorePagesThanTheLimitIsRejected() throws IOException {
    byte[] tiff = converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(3))).orElseThrow().tiff();

    assertThatThrownBy(() -> new FaxTiffExport(ConversionLimits.defaults().withMaxPages(2)).toPdf(tiff))
        .isInstanceOfSatisfying(DocumentRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_MANY_PAGES));
  }

  private static double darkRatio(BufferedImage image) {
    long dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 8) & 0xff) < 128) {
          dark++;
        }
      }
    }
    return (double) dark / ((long) image.getWidth() * image.getHeight());
  }
}

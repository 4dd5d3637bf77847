package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RejectionTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();

  private ConversionResult.Rejected rejected(ConversionResult result) {
    assertThat(result).isInstanceOf(ConversionResult.Rejected.class);
    return (ConversionResult.Rejected) result;
  }

  @Nested
  class Content {

    @Test
    void randomBytesAreAnUnsupportedType() throws IOException {
      var rejection = rejected(converter.convert(DocumentSource.of(DocumentFixtures.randomBytes(4096))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
      assertThat(rejection.message()).contains("not a PDF, TIFF, PNG or JPEG");
    }

    @Test
    void plainTextNamedLikeAPdfIsStillUnsupported() throws IOException {
      // There is no file name to trust: only the content counts.
      var rejection = rejected(converter.convert(DocumentSource.of("Hello, this is not a PDF".getBytes())));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void truncatedPdfIsCorrupt() throws IOException {
      byte[] pdf = DocumentFixtures.a4Pdf(3);

      var rejection = rejected(converter.convert(DocumentSource.of(Arrays.copyOf(pdf, pdf.length / 2))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
      assertThat(rejection.message()).contains("truncated");
    }

    @Test
    void pdfHeaderFollowedByGarbageIsCorrupt() throws IOException {
      byte[] garbage = DocumentFixtures.randomBytes(5000);
      System.arraycopy("%PDF-1.7\n".getBytes(), 0, garbage, 0, 9);
      byte[] withEof = Arrays.copyOf(garbage, garbage.length + 6);
      System.arraycopy("%%EOF\n".getBytes(), 0, withEof, garbage.length, 6);

      var rejection = rejected(converter.convert(DocumentSource.of(withEof)));

      assertThat(rejection.reason()).isIn(RejectionReason.CORRUPT, RejectionReason.EMPTY);
    }

    @Test
    void truncatedPngIsCorrupt() throws IOException {
      byte[] png = DocumentFixtures.png(DocumentFixtures.picture(600, 800, BufferedImage.TYPE_INT_RGB));

      var rejection = rejected(converter.convert(DocumentSource.of(Arrays.copyOf(png, png.length / 2))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
    }

    @Test
    void truncatedJpegIsCorruptRatherThanHalfGrey() throws IOException {
      byte[] jpeg = DocumentFixtures.jpeg(DocumentFixtures.picture(600, 800, BufferedImage.TYPE_INT_RGB));

      var rejection = rejected(converter.convert(DocumentSource.of(Arrays.copyOf(jpeg, jpeg.length / 2))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
    }

    @Test
    void truncatedTiffIsCorrupt() throws IOException {
      BufferedImage grey = DocumentFixtures.picture(800, 1000, BufferedImage.TYPE_BYTE_GRAY);
      byte[] tiff = DocumentFixtures.tiff(List.of(grey), null, 150, 150);

      var rejection = rejected(converter.convert(DocumentSource.of(Arrays.copyOf(tiff, tiff.length / 2))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
    }
  }

  @Nested
  class Encryption {

    @Test
    void passwordProtectedPdfIsRejectedAsEncrypted() throws IOException {
      var rejection = rejected(converter.convert(DocumentSource.of(DocumentFixtures.passwordProtectedPdf())));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.ENCRYPTED);
      assertThat(rejection.message()).contains("password");
    }

    @Test
    void pdfWhosePermissionsForbidPrintingIsRejectedAsEncrypted() throws IOException {
      var rejection = rejected(converter.convert(DocumentSource.of(DocumentFixtures.noPrintingPdf())));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.ENCRYPTED);
      assertThat(rejection.message()).contains("printing");
    }

    @Test
    void pdfEncryptedOnlyWithAnOwnerPasswordThatAllowsPrintingIsFaxed() throws IOException {
      ConversionResult result = converter.convert(DocumentSource.of(DocumentFixtures.ownerRestrictedPrintablePdf()));

      assertThat(result.orElseThrow().pages()).isEqualTo(2);
    }
  }

  @Nested
  class Emptiness {

    @Test
    void zeroPagePdfIsEmpty() throws IOException {
      var rejection = rejected(converter.convert(DocumentSource.of(DocumentFixtures.zeroPagePdf())));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.EMPTY);
    }

    @Test
    void zeroByteUploadIsEmpty() throws IOException {
      assertThat(rejected(converter.convert(DocumentSource.of(new byte[0]))).reason()).isEqualTo(RejectionReason.EMPTY);
    }

    @Test
    void noDocumentsAtAllIsEmpty() throws IOException {
      assertThat(rejected(converter.convert(List.of())).reason()).isEqualTo(RejectionReason.EMPTY);
    }
  }

  @Nested
  class Limits {

    @Test
    void morePdfPagesThanTheLimitAreRejectedBeforeRendering() throws IOException {
      FaxDocumentConverter fivePages = new FaxDocumentConverter(
          ConversionLimits.defaults().withMaxPages(5), ConversionOptions.defaults());

      var rejection = rejected(fivePages.convert(DocumentSource.of(DocumentFixtures.a4Pdf(6))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_MANY_PAGES);
      assertThat(rejection.reason().isLimitExceeded()).isTrue();
      assertThat(rejection.message()).contains("6 pages", "limit of 5");
    }

    @Test
    void pagesAreCountedAcrossDocumentsAndAfterCutting() throws IOException {
      FaxDocumentConverter fourPages = new FaxDocumentConverter(
          ConversionLimits.defaults().withMaxPages(4), ConversionOptions.defaults());
      // 3 pages + one page cut into 4: 7 fax pages.
      byte[] longPage = DocumentFixtures.textPdf(1, new PDRectangle(595, 3000));

      var rejection = rejected(fourPages.convert(
          List.of(DocumentSource.of(DocumentFixtures.a4Pdf(3)), DocumentSource.of(longPage))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_MANY_PAGES);
    }

    @Test
    void inputLargerThanTheByteLimitIsTooLarge() throws IOException {
      FaxDocumentConverter small = new FaxDocumentConverter(
          ConversionLimits.defaults().withMaxInputBytes(1000), ConversionOptions.defaults());

      var rejection = rejected(small.convert(DocumentSource.of(DocumentFixtures.a4Pdf(1))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
      assertThat(rejection.reason().isLimitExceeded()).isTrue();
    }

    @Test
    void pngDeclaringGiganticDimensionsIsRejectedFromItsHeaderWithoutDecoding() throws IOException {
      // 100,000 × 100,000 pixels would need 40 GB decoded; the file is a few hundred bytes.
      byte[] bomb = DocumentFixtures.pngDeclaring(100_000, 100_000);

      var rejection = rejected(converter.convert(DocumentSource.of(bomb)));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
      assertThat(rejection.message()).contains("100000×100000");
    }

    @Test
    void pngJustUnderThePixelLimitButFarTooLongIsRejectedByThePageRowLimit() throws IOException {
      // 1,000 × 99,000: under 100 MP, but 205,000 fax rows (90 m of paper).
      var rejection = rejected(converter.convert(DocumentSource.of(DocumentFixtures.pngDeclaring(1000, 99_000))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
      assertThat(rejection.message()).contains("fax rows");
    }

    @Test
    void pdfWithAnImageDeclaringGiganticDimensionsIsRejectedBeforeRendering() throws IOException {
      var rejection = rejected(converter.convert(DocumentSource.of(DocumentFixtures.pdfWithImageDeclaring(50_000, 50_000))));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
      assertThat(rejection.message()).contains("page 1", "50000×50000");
    }

    @Test
    void pdfPageTooLongToRenderIsTooLarge() throws IOException {
      // 14,400 pt (200 in, the PDF maximum) tall: 39,200 rows, over the 10-A4 default.
      byte[] pdf = DocumentFixtures.textPdf(1, new PDRectangle(595, 14_400));

      var rejection = rejected(converter.convert(DocumentSource.of(pdf)));

      assertThat(rejection.reason()).isEqualTo(RejectionReason.TOO_LARGE);
      assertThat(rejection.message()).contains("page 1");
    }
  }

  @Test
  void orElseThrowCarriesTheReason() throws IOException {
    ConversionResult result = converter.convert(DocumentSource.of(DocumentFixtures.randomBytes(100)));

    assertThatThrownBy(result::orElseThrow)
        .isInstanceOfSatisfying(DocumentRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE));
  }
}

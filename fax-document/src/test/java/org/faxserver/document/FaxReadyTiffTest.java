package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A TIFF that already is our TIFF-F is kept byte for byte; anything else is converted as before. */
class FaxReadyTiffTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();

  private byte[] ourTiffF(int pages) throws IOException {
    return converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(pages))).orElseThrow().tiff();
  }

  @Test
  void ourOwnTiffFIsKeptAsItIs() throws IOException {
    byte[] tiffF = ourTiffF(3);

    ConversionResult.Converted again = converter.convert(DocumentSource.of(tiffF)).orElseThrow();

    assertThat(again.tiff()).isEqualTo(tiffF);
    assertThat(again.pages()).isEqualTo(3);
  }

  @Test
  void aT6TiffFIsKeptToo() throws IOException {
    byte[] t6 = new FaxDocumentConverter(ConversionLimits.defaults(),
        ConversionOptions.defaults().withEncoding(FaxEncoding.T6)).convert(DocumentSource.of(DocumentFixtures.a4Pdf(1)))
        .orElseThrow().tiff();

    assertThat(converter.convert(DocumentSource.of(t6)).orElseThrow().tiff()).isEqualTo(t6);
  }

  @Test
  void aFaxTiffInSeveralStripsIsRewrittenAsOneStripPerPage() throws IOException {
    // the JDK's writer cuts pages into strips of about 8 KB
    BufferedImage page = DocumentFixtures.bilevel(DocumentFixtures.picture(1728, 2200, BufferedImage.TYPE_INT_RGB));
    byte[] tiff = DocumentFixtures.tiff(List.of(page), "CCITT T.6", 204, 196);
    assertThat(TiffInfo.read(tiff).pages().get(0).stripCount()).isGreaterThan(1);

    ConversionResult.Converted result = converter.convert(DocumentSource.of(tiff)).orElseThrow();

    assertThat(TiffInfo.read(result.tiff()).pages().get(0).stripCount()).isEqualTo(1);
    assertThat(TiffPages.decode(result.tiff()).get(0).getHeight()).isEqualTo(2200);
  }

  @Test
  void aFaxWidthTiffAtNormalResolutionIsStillConverted() throws IOException {
    BufferedImage normal = DocumentFixtures.bilevel(DocumentFixtures.picture(1728, 1146, BufferedImage.TYPE_INT_RGB));
    byte[] tiff = DocumentFixtures.tiff(List.of(normal), "CCITT T.4", 204, 98);

    ConversionResult.Converted result = converter.convert(DocumentSource.of(tiff)).orElseThrow();

    assertThat(result.tiff()).isNotEqualTo(tiff);
    assertThat(TiffInfo.read(result.tiff()).pages().get(0).yResolution()).isEqualTo(196.0);
  }

  @Test
  void moreFaxReadyPagesThanAllowedAreRejected() throws IOException {
    byte[] tiffF = ourTiffF(3);
    FaxDocumentConverter twoPages = new FaxDocumentConverter(ConversionLimits.defaults().withMaxPages(2),
        ConversionOptions.defaults());

    ConversionResult result = twoPages.convert(DocumentSource.of(tiffF));

    assertThat(result).isInstanceOfSatisfying(ConversionResult.Rejected.class,
        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.TOO_MANY_PAGES));
  }
}

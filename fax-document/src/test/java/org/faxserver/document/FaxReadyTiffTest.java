package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TIFF that already is our TIFF-F is kept byte for byte; anything else is converted as before. */
class FaxReadyTiffTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();

  private byte[] ourTiffF(int pages) throws IOException {
    return converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(pages))).orElseThrow().tiff();
  }

  /** A TIFF-F of an A4 PDF written in {@code encoding}. */
  private static byte[] tiffF(FaxEncoding encoding, int pages) throws IOException {
    return new FaxDocumentConverter(ConversionLimits.defaults(), ConversionOptions.defaults().withEncoding(encoding))
        .convert(DocumentSource.of(DocumentFixtures.a4Pdf(pages))).orElseThrow().tiff();
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
    byte[] t6 = tiffF(FaxEncoding.T6, 1);

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

  @Test
  void aT41DTiffFIsKeptThoughTheConverterWouldWrite2D() throws IOException {
    byte[] oneD = tiffF(FaxEncoding.T4_1D, 1);

    assertThat(converter.convert(DocumentSource.of(oneD)).orElseThrow().tiff()).isEqualTo(oneD);
  }

  @Test
  void aFileOnDiskIsKeptToo(@TempDir Path dir) throws IOException {
    byte[] tiffF = ourTiffF(2);
    Path file = Files.write(dir.resolve("upload"), tiffF);

    ConversionResult.Converted kept = converter.convert(DocumentSource.of(file)).orElseThrow();

    assertThat(kept.tiff()).isEqualTo(tiffF);
    assertThat(kept.pages()).isEqualTo(2);
  }

  @Test
  void aPageThatIsNotQuiteTiffFIsConverted() throws IOException {
    byte[] t6 = tiffF(FaxEncoding.T6, 1);
    Map<String, byte[]> variants = Map.of(
        "black is zero", withTag(t6, BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION, 1),
        "resolution unit none", withTag(t6, BaselineTIFFTagSet.TAG_RESOLUTION_UNIT, 1),
        "no BitsPerSample", withTagNumber(t6, BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, 65000));

    variants.forEach((what, variant) -> {
      byte[] converted;
      try {
        converted = converter.convert(DocumentSource.of(variant)).orElseThrow().tiff();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(converted).as(what).isNotEqualTo(variant);
      assertThat(TiffInfo.read(converted).pages().get(0).compression()).as(what).isEqualTo(TiffPage.COMPRESSION_T4);
    });
  }

  /** The TIFF with a SHORT field of its first directory set to {@code value}. */
  private static byte[] withTag(byte[] tiff, int tag, int value) {
    byte[] copy = tiff.clone();
    ByteBuffer b = entries(copy);
    int entry = entry(b, tag);
    b.putShort(entry + 8, (short) value);
    return copy;
  }

  /** The TIFF with a field of its first directory renumbered (so readers no longer see it as {@code tag}). */
  private static byte[] withTagNumber(byte[] tiff, int tag, int newTag) {
    byte[] copy = tiff.clone();
    ByteBuffer b = entries(copy);
    b.putShort(entry(b, tag), (short) newTag);
    return copy;
  }

  private static ByteBuffer entries(byte[] tiff) {
    ByteBuffer b = ByteBuffer.wrap(tiff);
    b.order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    return b;
  }

  private static int entry(ByteBuffer b, int tag) {
    int ifd = b.getInt(4);
    int count = b.getShort(ifd) & 0xffff;
    for (int i = 0; i < count; i++) {
      int at = ifd + 2 + 12 * i;
      if ((b.getShort(at) & 0xffff) == tag) {
        return at;
      }
    }
    throw new IllegalArgumentException("no tag " + tag);
  }
}

package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged copies of valid documents (bytes overwritten at seeded random places, or cut short) must
 * come back as a conversion or a typed rejection: never an exception, whatever the parser throws.
 */
class DamagedInputTest {

  private static final int MUTANTS = 25;

  private final FaxDocumentConverter converter = new FaxDocumentConverter(
      ConversionLimits.defaults().withMaxPages(20), ConversionOptions.defaults());

  @ParameterizedTest
  @ValueSource(strings = {"pdf", "png", "jpeg", "tiff-lzw", "tiff-g4"})
  void damagedDocumentsAreConvertedOrRejectedNeverThrown(String kind) {
    byte[] original = original(kind);
    Random random = new Random(kind.hashCode());
    for (int i = 0; i < MUTANTS; i++) {
      byte[] damaged = damage(original, random);
      ConversionResult result;
      try {
        result = converter.convert(DocumentSource.of(damaged));
      } catch (IOException | RuntimeException e) {
        throw new AssertionError(kind + " mutant " + i + " escaped as " + e, e);
      }
      if (result instanceof ConversionResult.Converted converted) {
        assertThat(TiffInfo.read(converted.tiff()).pages()).allSatisfy(page -> assertThat(page.width()).isEqualTo(1728));
      } else {
        assertThat(((ConversionResult.Rejected) result).message()).isNotBlank();
      }
    }
  }

  private static byte[] original(String kind) {
    BufferedImage picture = DocumentFixtures.picture(400, 300, BufferedImage.TYPE_INT_RGB);
    return switch (kind) {
      case "pdf" -> DocumentFixtures.a4Pdf(2);
      case "png" -> DocumentFixtures.png(picture);
      case "jpeg" -> DocumentFixtures.jpeg(picture);
      case "tiff-lzw" -> DocumentFixtures.tiff(List.of(picture, picture), "LZW", 100, 100);
      default -> DocumentFixtures.tiff(List.of(DocumentFixtures.bilevel(picture)), "CCITT T.6", 204, 196);
    };
  }

  /** Overwrites 1–8 bytes after the magic number, and every third mutant is also cut short. */
  private static byte[] damage(byte[] original, Random random) {
    byte[] copy = original.clone();
    int hits = 1 + random.nextInt(8);
    for (int h = 0; h < hits; h++) {
      copy[8 + random.nextInt(copy.length - 8)] = (byte) random.nextInt(256);
    }
    if (random.nextInt(3) == 0) {
      return java.util.Arrays.copyOf(copy, 8 + random.nextInt(copy.length - 8));
    }
    return copy;
  }
}

package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code walk that proves a fax-ready page decodes: every encoding our converter and libtiff write is accepted,
 * damaged or mislabelled data is not.
 */
class CcittRowsTest {

  /** A page's strip and what its tags say about it. */
  private record Page(byte[] data, int compression, int t4Options, boolean lsbFirst, int width, int rows) {
    boolean decodes() {
      return decodes(data, width, rows);
    }

    boolean decodes(byte[] data, int width, int rows) {
      CcittRows.Strip strip = new CcittRows.Strip(data, lsbFirst);
      return compression == TiffPage.COMPRESSION_T6 ? CcittRows.t6(strip, width, rows)
          : CcittRows.t4(strip, (t4Options & 1) != 0, width, rows);
    }
  }

  private static byte[] ourTiffF(FaxEncoding encoding) throws IOException {
    return new FaxDocumentConverter(ConversionLimits.defaults(), ConversionOptions.defaults().withEncoding(encoding))
        .convert(DocumentSource.of(DocumentFixtures.a4Pdf(2))).orElseThrow().tiff();
  }

  @ParameterizedTest
  @EnumSource(FaxEncoding.class)
  void everyPageOurConverterWritesDecodes(FaxEncoding encoding) throws IOException {
    byte[] tiff = ourTiffF(encoding);
    for (int page = 0; page < 2; page++) {
      Page tagged = pageOf(tiff, page);
      assertThat(tagged.width()).isEqualTo(FaxGeometry.WIDTH);
      assertThat(tagged.decodes()).as("page %d", page).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"g3:1d", "g3:2d", "g3:2d:fill", "g4"})
  void pagesLibtiffWritesDecodeInEitherBitOrder(String compression, @TempDir Path dir) throws Exception {
    Path tiffcp = Path.of("/usr/bin/tiffcp");
    assumeTrue(Files.isExecutable(tiffcp), "tiffcp not installed");
    Path source = Files.write(dir.resolve("in.tif"), ourTiffF(FaxEncoding.T6));
    for (String fillOrder : new String[] {"msb2lsb", "lsb2msb"}) {
      Path out = dir.resolve(compression.replace(':', '-') + "-" + fillOrder + ".tif");
      Process p = new ProcessBuilder(tiffcp.toString(), "-c", compression, "-f", fillOrder, "-r", "100000",
          source.toString(), out.toString()).redirectErrorStream(true).start();
      assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();

      Page tagged = pageOf(Files.readAllBytes(out), 0);

      assertThat(tagged.lsbFirst()).isEqualTo(fillOrder.equals("lsb2msb"));
      assertThat(tagged.decodes()).as(compression + " " + fillOrder).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(FaxEncoding.class)
  void dataEndingBeforeTheLastRowDoesNotDecode(FaxEncoding encoding) throws IOException {
    Page tagged = pageOf(ourTiffF(encoding), 0);

    assertThat(tagged.decodes(Arrays.copyOf(tagged.data(), tagged.data().length / 2), tagged.width(), tagged.rows()))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(FaxEncoding.class)
  void aPageOfAnotherWidthOrMoreRowsThanItHoldsDoesNotDecode(FaxEncoding encoding) throws IOException {
    Page tagged = pageOf(ourTiffF(encoding), 0);

    if (encoding != FaxEncoding.T6) {
      // T.4 rows start 1-D coded or after a 1-D row; T.6 rows ending in "V0 under the reference row's end" fit any
      // greater width, so there only the tagged width (checked before) decides.
      assertThat(tagged.decodes(tagged.data(), 2048, tagged.rows())).as("wider").isFalse();
    }
    assertThat(tagged.decodes(tagged.data(), 1024, tagged.rows())).as("narrower").isFalse();
    assertThat(tagged.decodes(tagged.data(), tagged.width(), tagged.rows() + 50)).as("more rows").isFalse();
  }

  @ParameterizedTest
  @EnumSource(FaxEncoding.class)
  void damagedCodesDoNotDecode(FaxEncoding encoding) throws IOException {
    Page tagged = pageOf(ourTiffF(encoding), 0);
    // A run of bytes overwritten in the middle of the text: codes that no longer add up to the rows.
    byte[] damaged = tagged.data().clone();
    Arrays.fill(damaged, damaged.length / 3, damaged.length / 3 + 64, (byte) 0xA5);

    assertThat(tagged.decodes(damaged, tagged.width(), tagged.rows())).isFalse();
  }

  @Test
  void randomBytesDoNotDecode() {
    Random random = new Random(4711);
    for (int i = 0; i < 200; i++) {
      byte[] noise = new byte[2000 + random.nextInt(20000)];
      random.nextBytes(noise);
      assertThat(CcittRows.t6(new CcittRows.Strip(noise, false), FaxGeometry.WIDTH, 2200)).isFalse();
      assertThat(CcittRows.t4(new CcittRows.Strip(noise, false), i % 2 == 0, FaxGeometry.WIDTH, 2200)).isFalse();
    }
  }

  @Test
  void t6DataSwitchingToUncompressedModeDoesNotDecode() {
    // the extension code 0000001 111 (uncompressed mode), which fax-ready pages must not use
    assertThat(CcittRows.t6(bits("0000001111"), FaxGeometry.WIDTH, 1)).isFalse();
  }

  @Test
  void aWhiteRowDecodesInEachCoding() {
    // T.6: V0 against the all-white row above ends the row at the width.
    assertThat(CcittRows.t6(bits("1"), FaxGeometry.WIDTH, 1)).isTrue();
    // T.4 1-D: EOL 000000000001, white 1728 = make-up 010011011 + terminating 0 (00110101).
    CcittRows.Strip oneD = bits("000000000001" + "010011011" + "00110101");
    assertThat(CcittRows.t4(oneD, false, FaxGeometry.WIDTH, 1)).isTrue();
    assertThat(CcittRows.t4(oneD, false, FaxGeometry.WIDTH - 1, 1)).isFalse();
    // Without its EOL the row is refused (libtiff would skip data looking for one).
    assertThat(CcittRows.t4(bits("010011011" + "00110101"), false, FaxGeometry.WIDTH, 1)).isFalse();
  }

  @Test
  void anEolMayFollowAnyAmountOfFill() {
    String whiteRow = "010011011" + "00110101";
    for (int fill : new int[] {0, 1, 45, 46, 57, 120, 1000}) {
      String eol = "0".repeat(11 + fill) + "1";
      assertThat(CcittRows.t4(bits(eol + whiteRow + eol + whiteRow), false, FaxGeometry.WIDTH, 2))
          .as("fill %d", fill).isTrue();
      // fill up to the end of the data is no EOL
      assertThat(CcittRows.t4(bits(eol + whiteRow + "0".repeat(11 + fill)), false, FaxGeometry.WIDTH, 2))
          .as("fill %d to the end", fill).isFalse();
    }
    assertThat(CcittRows.t4(bits("0".repeat(10) + "1" + whiteRow), false, FaxGeometry.WIDTH, 1)).as("10 zeros")
        .isFalse();
  }

  /** A strip, most significant bit first, of the bits written as 0s and 1s. */
  private static CcittRows.Strip bits(String bits) {
    byte[] out = new byte[(bits.length() + 7) / 8];
    for (int i = 0; i < bits.length(); i++) {
      if (bits.charAt(i) == '1') {
        out[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    return new CcittRows.Strip(out, false);
  }

  private static Page pageOf(byte[] tiff, int page) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff))) {
      ImageReader reader = TiffInfo.tiffReader(in);
      try {
        TIFFDirectory dir = TIFFDirectory.createFromMetadata(reader.getImageMetadata(page));
        assertThat(dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS).getCount()).isEqualTo(1);
        int offset = (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_STRIP_OFFSETS, 0);
        int count = (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS, 0);
        return new Page(Arrays.copyOfRange(tiff, offset, offset + count),
            (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_COMPRESSION, 1),
            (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_T4_OPTIONS, 0),
            TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_FILL_ORDER, 1) == 2,
            (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_IMAGE_WIDTH, 0),
            (int) TiffInfo.longValue(dir, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, 0));
      } finally {
        reader.dispose();
      }
    }
  }
}

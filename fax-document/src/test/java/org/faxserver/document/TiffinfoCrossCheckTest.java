package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libtiff's decoder as an independent reader of our CCITT data (the JDK reader could share a bug
 * with the JDK writer, e.g. about FillOrder). Skipped where libtiff-tools is not installed.
 */
class TiffinfoCrossCheckTest {

  private static final Path TIFFINFO = Path.of("/usr/bin/tiffinfo");

  @ParameterizedTest
  @EnumSource(FaxEncoding.class)
  void libtiffDecodesEveryPageWithoutErrors(FaxEncoding encoding, @TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(TIFFINFO), "tiffinfo not installed");
    FaxDocumentConverter converter =
        new FaxDocumentConverter(ConversionLimits.defaults(), ConversionOptions.defaults().withEncoding(encoding));
    Path tiff = dir.resolve("fax.tif");
    Files.write(tiff, converter.convert(DocumentSource.of(DocumentFixtures.a4Pdf(2))).orElseThrow().tiff());

    Process process = new ProcessBuilder(TIFFINFO.toString(), "-D", tiff.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("warning");
    assertThat(output).contains("Image Width: 1728", "Resolution: 204, 196 pixels/inch", "FillOrder: lsb-to-msb");
    // libtiff prints only tags that are present; spandsp refuses a page without BitsPerSample.
    assertThat(output).contains("Bits/Sample: 1");
  }
}

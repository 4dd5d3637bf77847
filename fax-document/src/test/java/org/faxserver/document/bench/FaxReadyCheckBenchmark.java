package org.faxserver.document.bench;

import org.faxserver.document.ConversionLimits;
import org.faxserver.document.ConversionOptions;
import org.faxserver.document.ConversionResult;
import org.faxserver.document.DocumentFixtures;
import org.faxserver.document.DocumentSource;
import org.faxserver.document.FaxDocumentConverter;
import org.faxserver.document.FaxEncoding;

/**
 * What an upload that already is TIFF-F costs: {@link FaxDocumentConverter#convert} of a 1-page TIFF-F in each
 * encoding, which checks the page and keeps it as it is. Not a test: run it as a main class (docs/BENCHMARKS.md).
 */
public final class FaxReadyCheckBenchmark {

  private FaxReadyCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    FaxDocumentConverter converter = new FaxDocumentConverter();
    for (FaxEncoding encoding : FaxEncoding.values()) {
      byte[] tiff = new FaxDocumentConverter(ConversionLimits.defaults(),
          ConversionOptions.defaults().withEncoding(encoding))
          .convert(DocumentSource.of(DocumentFixtures.a4Pdf(1))).orElseThrow().tiff();
      for (int i = 0; i < runs; i++) {
        check(converter, tiff);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        check(converter, tiff);
      }
      System.out.printf("%-6s 1-page TIFF-F, %,7d bytes: %4.0f us per upload checked and kept (%d runs)%n",
          encoding, tiff.length, (System.nanoTime() - t0) / 1e3 / runs, runs);
    }
  }

  private static void check(FaxDocumentConverter converter, byte[] tiff) throws Exception {
    ConversionResult.Converted kept = converter.convert(DocumentSource.of(tiff)).orElseThrow();
    if (kept.tiff() != tiff) {
      throw new IllegalStateException("the TIFF-F was converted, not kept");
    }
  }
}

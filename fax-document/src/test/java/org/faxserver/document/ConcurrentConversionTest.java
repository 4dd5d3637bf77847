package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One converter instance serves concurrent requests (PDFBox keeps some process-wide caches). */
class ConcurrentConversionTest {

  @Test
  void concurrentConversionsGiveTheSameBytesAsOneAtATime() throws Exception {
    FaxDocumentConverter converter = new FaxDocumentConverter();
    converter.warmUp();
    byte[] pdf = DocumentFixtures.a4Pdf(3);
    byte[] expected = converter.convert(DocumentSource.of(pdf)).orElseThrow().tiff();

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> converter.convert(DocumentSource.of(pdf)).orElseThrow().tiff()));
      }
      for (Future<byte[]> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

package org.faxserver.notifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.faxserver.model.PhoneNumber;
import org.faxserver.notifier.delivery.model.FaxNotice;
import org.faxserver.notifier.delivery.model.NoticeEvent;
import org.junit.jupiter.api.Test;

class TransmissionReportTest {

  static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  static FaxNotice notice(int attempts) {
    List<FaxNotice.AttemptLine> lines = new ArrayList<>();
    for (int i = 1; i <= attempts; i++) {
      boolean last = i == attempts;
      lines.add(new FaxNotice.AttemptLine(i, "gateway carrier" + i, T.plusSeconds(60L * i), T.plusSeconds(60L * i + 30),
          last, last ? 3 : 0, last ? 14400 : null, last ? "FAR END" : null, last ? "OK" : "USER_BUSY"));
    }
    return new FaxNotice(NoticeEvent.SENT, UUID.fromString("00000000-0000-0000-0000-000000000042"), "7",
        PhoneNumber.ofE164("+15550001001"), PhoneNumber.ofE164("+15550002002"), 3, true, "SUCCEEDED", null,
        "FAR END \u00e9\u4e2d", null, T, Map.of(), lines);
  }

  @Test
  void theReportShowsWhatAFaxMachinePrints() throws Exception {
    byte[] pdf = new TransmissionReport(ZoneId.of("UTC")).render(notice(2));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("Fax Transmission Report", "00000000-0000-0000-0000-000000000042", "+15550001001",
          "+15550002002", "2026-11-02 10:00:00 UTC", "FAR END ??", "Pages:", "OK (SUCCEEDED)", "Attempts (2)",
          "gateway carrier1", "FAILED USER_BUSY", "gateway carrier2", "14400", "OK OK [FAR END]");
    }
  }

  @Test
  void manyAttemptsContinueOnMorePages() throws Exception {
    byte[] pdf = new TransmissionReport(ZoneId.of("UTC")).render(notice(80));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(1);
      assertThat(new PDFTextStripper().getText(doc)).contains("gateway carrier80");
    }
  }
}

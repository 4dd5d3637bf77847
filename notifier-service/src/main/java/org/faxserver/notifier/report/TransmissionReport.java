package org.faxserver.notifier.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.faxserver.notifier.delivery.model.FaxNotice;

/**
 * The transmission report a fax machine prints, as an A4 PDF: job, direction, numbers, time, remote
 * station id, pages, result, then one line per attempt (time, endpoint, pages, rate, result).
 * Standard fonts only; characters they cannot show become '?'. Long tables continue on new pages.
 */
public final class TransmissionReport {

  private static final float MARGIN = 50;
  private static final float LEADING = 14;
  private static final int[] COLUMNS = {0, 20, 140, 300, 340, 385};

  private final ZoneId zone;
  private final DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public TransmissionReport(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The file name receivers see. */
  public static String fileName(FaxNotice notice) {
    return "fax-report-" + notice.jobId() + ".pdf";
  }

  public byte[] render(FaxNotice n) {
    try (PDDocument doc = new PDDocument()) {
      Writer w = new Writer(doc);
      w.line(Standard14Fonts.FontName.HELVETICA_BOLD, 16, "Fax Transmission Report");
      w.gap();
      field(w, "Job", n.jobId().toString());
      field(w, "Event", n.event().wireName());
      field(w, "From", n.from() == null ? "unknown" : n.from().e164());
      field(w, "To", n.to() == null ? "unknown" : n.to().e164());
      field(w, "Time", format(n.occurredAt()) + " " + zone.getId());
      field(w, "Remote CSID", n.remoteCsid() == null ? "-" : n.remoteCsid());
      field(w, "Pages", Integer.toString(n.pages()));
      field(w, "Result", (n.success() ? "OK" : "FAILED") + (n.status() == null ? "" : " (" + n.status() + ")"));
      if (n.reason() != null) {
        field(w, "Reason", n.reason());
      }
      w.gap();
      w.line(Standard14Fonts.FontName.HELVETICA_BOLD, 12, "Attempts (" + n.attempts().size() + ")");
      w.row(Standard14Fonts.FontName.HELVETICA_BOLD, List.of("#", "Ended", "Endpoint", "Pages", "Rate", "Result"));
      for (FaxNotice.AttemptLine a : n.attempts()) {
        w.row(Standard14Fonts.FontName.HELVETICA, List.of(
            Integer.toString(a.number()),
            format(a.endedAt() != null ? a.endedAt() : a.startedAt()),
            cut(a.endpoint(), 30),
            a.pages() == null ? "-" : a.pages().toString(),
            a.bitRate() == null ? "-" : a.bitRate().toString(),
            cut((a.success() ? "OK" : "FAILED") + (a.result() == null ? "" : " " + a.result())
                + (a.remoteCsid() == null ? "" : " [" + a.remoteCsid() + "]"), 40)));
      }
      w.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the transmission report", e);
    }
  }

  private void field(Writer w, String name, String value) throws IOException {
    w.line(Standard14Fonts.FontName.HELVETICA, 11, String.format("%-12s %s", name + ":", value));
  }

  private String format(Instant instant) {
    return instant == null ? "-" : time.format(instant.atZone(zone));
  }

  private static String cut(String s, int max) {
    if (s == null) {
      return "-";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "~";
  }

  /** Keeps only what WinAnsiEncoding (standard fonts) can show. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  /** Top-down text writer that starts a new page when the current one is full. */
  private static final class Writer {
    private final PDDocument doc;
    private final java.util.Map<Standard14Fonts.FontName, PDType1Font> fonts =
        new java.util.EnumMap<>(Standard14Fonts.FontName.class);
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument doc) throws IOException {
      this.doc = doc;
      newPage();
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      stream = new PDPageContentStream(doc, page);
      y = page.getMediaBox().getHeight() - MARGIN;
    }

    private void room() throws IOException {
      if (y < MARGIN + LEADING) {
        newPage();
      }
    }

    void gap() {
      y -= LEADING / 2;
    }

    void line(Standard14Fonts.FontName font, float size, String text) throws IOException {
      room();
      text(font, size, MARGIN, text);
      y -= LEADING + (size > 12 ? 6 : 0);
    }

    void row(Standard14Fonts.FontName font, List<String> cells) throws IOException {
      room();
      List<String> values = new ArrayList<>(cells);
      for (int i = 0; i < values.size(); i++) {
        text(font, 9, MARGIN + COLUMNS[i], values.get(i));
      }
      y -= LEADING;
    }

    private void text(Standard14Fonts.FontName font, float size, float x, String text) throws IOException {
      stream.beginText();
      stream.setFont(fonts.computeIfAbsent(font, PDType1Font::new), size);
      stream.newLineAtOffset(x, y);
      stream.showText(printable(text));
      stream.endText();
    }

    void close() throws IOException {
      stream.close();
    }
  }
}

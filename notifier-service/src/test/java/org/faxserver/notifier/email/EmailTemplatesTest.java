package org.faxserver.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.notifier.delivery.model.FaxNotice;
import org.faxserver.notifier.delivery.model.NoticeEvent;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

  static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000042");

  static FaxNotice notice(NoticeEvent event, boolean success) {
    return new FaxNotice(event, JOB, "7", PhoneNumber.ofE164("+15550001001"), PhoneNumber.ofE164("+15550002002"), 3,
        success, success ? "SUCCEEDED" : "FAILED", success ? null : "busy", "FAR END",
        null, Instant.parse("2026-11-02T10:00:00Z"), Map.of(), List.of());
  }

  @Test
  void placeholdersAreFilledAndUnknownOnesLeftVisible() {
    Template t = new Template("{from} -> {to}: {nope} {pages}");
    assertThat(t.render(Map.of("from", "A", "to", "B", "pages", "2"))).isEqualTo("A -> B: {nope} 2");
    assertThat(new Template("{from}").render(Map.of("from", "$1\\x"))).isEqualTo("$1\\x");
  }

  @Test
  void defaultsDescribeTheFax() {
    EmailTemplates templates = new EmailTemplates(Map.of(), ZoneId.of("UTC"));
    assertThat(templates.subject(notice(NoticeEvent.SENT, true))).isEqualTo("Fax to +15550002002 sent (3 pages)");
    assertThat(templates.body(notice(NoticeEvent.SEND_FAILED, false)))
        .contains("could not be sent (FAILED): busy").contains(JOB.toString());
    assertThat(templates.body(notice(NoticeEvent.SENT, true))).contains("2026-11-02 10:00:00 UTC");
  }

  @Test
  void aConfiguredSubjectReplacesOnlyTheSubject() {
    EmailTemplates templates = new EmailTemplates(Map.of(NoticeEvent.SENT,
        new EmailTemplates.Pair(new Template("Sent {to} in {zone}\r\nBcc: x"), null)), ZoneId.of("Europe/Berlin"));
    assertThat(templates.subject(notice(NoticeEvent.SENT, true))).isEqualTo("Sent +15550002002 in {zone} Bcc: x");
    assertThat(templates.body(notice(NoticeEvent.SENT, true))).contains("2026-11-02 11:00:00 CET");
  }
}

package org.faxserver.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.faxserver.model.PhoneNumber;
import org.faxserver.notifier.channel.Attachments;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.Notices;
import org.faxserver.notifier.delivery.model.Purpose;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.notifier.document.FaxPdfSource;
import org.faxserver.notifier.report.TransmissionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class EmailChannelTest {

  @TempDir Path root;

  @Test
  void anUnreachableMailServerIsATransientFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    EmailChannel channel = new EmailChannel(sender, new EmailTemplates(Map.of(), ZoneId.of("UTC")),
        new Attachments(new FaxPdfSource(new FileSystemDocumentStore(root), new FaxTiffExport(), 1024),
            new TransmissionReport(ZoneId.of("UTC"))),
        "fax@example.test", "Fax", "", Clock.systemUTC());
    DeliveryTask task = new DeliveryTask(UUID.randomUUID(), Purpose.RECEIPT, EmailChannel.NAME,
        List.of("a@example.test"), null, null, "email_report", false, true, false,
        Notices.document(UUID.randomUUID(), "7", null, PhoneNumber.ofE164("+15550001001"), 1, null, Map.of(),
            Instant.now()));

    TryOutcome outcome = channel.deliver(task);

    assertThat(outcome.success()).isFalse();
    assertThat(outcome.retryable()).isTrue();
    assertThat(outcome.detail()).startsWith("SMTP");
  }

  @org.junit.jupiter.api.Test
  void aSendRefusedForSomeRecipientsOnlyCountsAsDelivered() throws Exception {
    jakarta.mail.internet.InternetAddress ok = new jakarta.mail.internet.InternetAddress("ok@example.test");
    jakarta.mail.internet.InternetAddress bad = new jakarta.mail.internet.InternetAddress("bad@example.test");
    var partial = new jakarta.mail.SendFailedException("550 no such user", null,
        new jakarta.mail.Address[] {ok}, null, new jakarta.mail.Address[] {bad});
    var wrapped = new org.springframework.mail.MailSendException(java.util.Map.of(new Object(), partial));
    org.assertj.core.api.Assertions.assertThat(EmailChannel.someRecipientsAccepted(wrapped)).isTrue();

    var none = new jakarta.mail.SendFailedException("550 no such user", null,
        new jakarta.mail.Address[0], null, new jakarta.mail.Address[] {bad});
    org.assertj.core.api.Assertions.assertThat(EmailChannel.someRecipientsAccepted(
        new org.springframework.mail.MailSendException(java.util.Map.of(new Object(), none)))).isFalse();
  }
}

package org.faxserver.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.notifier.channel.Attachments;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.Notices;
import org.faxserver.notifier.delivery.model.Purpose;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.notifier.document.FaxPdfSource;
import org.faxserver.notifier.report.TransmissionReport;
import org.faxserver.notifier.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook channel against a real local HTTP server, without Spring. */
class WebhookChannelTest {

  @TempDir Path root;
  final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  WebhookChannel channel(boolean refusePrivate, WebhookChannel.HostResolver resolver) throws Exception {
    Attachments attachments = new Attachments(
        new FaxPdfSource(new FileSystemDocumentStore(root), new FaxTiffExport(), 1024),
        new TransmissionReport(java.time.ZoneId.of("UTC")));
    return new WebhookChannel(HttpClient.newHttpClient(), Duration.ofSeconds(5), new TargetAddressPolicy(refusePrivate),
        resolver, task -> Optional.of(new WebhookSettings("k", false)), attachments, "test", Clock.systemUTC());
  }

  static DeliveryTask task(String url, DocumentRef document) {
    return new DeliveryTask(UUID.randomUUID(), Purpose.RECEIPT, WebhookChannel.NAME, List.of(url), null, null,
        "webhook", document != null, false, false, Notices.document(UUID.randomUUID(), "7", null,
            PhoneNumber.ofE164("+15550001001"), 1, document, Map.of(), Instant.now()));
  }

  @Test
  void aLoopbackTargetIsRefusedBeforeAnyRequest() throws Exception {
    TryOutcome outcome = channel(true, WebhookChannel.systemResolver()).deliver(task(receiver.url("/x"), null));
    assertThat(outcome.retryable()).isFalse();
    assertThat(outcome.detail()).startsWith("refused: 127.0.0.1 resolves to non-public address");
    assertThat(receiver.requests("/x")).isEmpty();
  }

  @Test
  void aPublicLookingNameThatResolvesToAPrivateAddressIsRefused() throws Exception {
    WebhookChannel.HostResolver rebinding = host -> List.of(InetAddress.getByName("10.0.0.7"));
    TryOutcome outcome = channel(true, rebinding).deliver(task("https://hooks.example.com/x", null));
    assertThat(outcome.detail()).contains("hooks.example.com resolves to non-public address 10.0.0.7");
  }

  @Test
  void aClosedPortIsANetworkErrorWorthRetrying() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TryOutcome outcome = channel(false, WebhookChannel.systemResolver())
        .deliver(task("http://127.0.0.1:" + port + "/x", null));
    assertThat(outcome.retryable()).isTrue();
    assertThat(outcome.detail()).startsWith("network error");
  }

  @Test
  void aNonHttpUrlIsPermanent() throws Exception {
    assertThat(channel(false, WebhookChannel.systemResolver()).deliver(task("ftp://example.com/x", null)).retryable())
        .isFalse();
  }

  @Test
  void aDocumentOverTheSizeLimitIsPermanentAndAMissingOneIsRetried() throws Exception {
    Files.write(root.resolve("big.tif"), new byte[2048]);
    WebhookChannel channel = channel(false, WebhookChannel.systemResolver());
    TryOutcome big = channel.deliver(task(receiver.url("/x"), DocumentRef.tiff("big.tif")));
    TryOutcome missing = channel.deliver(task(receiver.url("/x"), DocumentRef.tiff("missing.tif")));
    assertThat(big.retryable()).isFalse();
    assertThat(big.detail()).contains("larger than 1024 bytes");
    assertThat(missing.retryable()).isTrue();
    assertThat(receiver.requests("/x")).isEmpty();
  }
}

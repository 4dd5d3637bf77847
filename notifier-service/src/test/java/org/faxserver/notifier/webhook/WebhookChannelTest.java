package org.faxserver.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
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

  private final List<WebhookChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() {
    receiver.close();
    channels.forEach(WebhookChannel::close);
  }

  WebhookChannel channel(boolean refusePrivate, WebhookChannel.HostResolver resolver) throws Exception {
    return channel(refusePrivate, resolver, Duration.ofSeconds(5));
  }

  WebhookChannel channel(boolean refusePrivate, WebhookChannel.HostResolver resolver, Duration requestTimeout)
      throws Exception {
    Attachments attachments = new Attachments(
        new FaxPdfSource(new FileSystemDocumentStore(root), new FaxTiffExport(), 1024),
        new TransmissionReport(java.time.ZoneId.of("UTC")));
    WebhookChannel channel = new WebhookChannel(Duration.ofSeconds(2), requestTimeout,
        new TargetAddressPolicy(refusePrivate), resolver, task -> Optional.of(new WebhookSettings("k", false)),
        attachments, "test", Clock.systemUTC());
    channels.add(channel);
    return channel;
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
  void theClientConnectsThroughTheCheckedResolution() throws Exception {
    // a name the system cannot resolve: only our resolver knows it, so a delivery proves the connection used it
    AtomicInteger lookups = new AtomicInteger();
    WebhookChannel.HostResolver onlyOurs = host -> {
      lookups.incrementAndGet();
      return List.of(InetAddress.getByName("127.0.0.1"));
    };
    String url = receiver.url("/x").replace("127.0.0.1", "hooks.example.test");
    TryOutcome outcome = channel(false, onlyOurs).deliver(task(url, null));
    assertThat(outcome.success()).as(outcome.detail()).isTrue();
    assertThat(receiver.requests("/x")).singleElement()
        .satisfies(r -> assertThat(r.header("Host")).startsWith("hooks.example.test:"));
    assertThat(lookups).hasValue(2); // the early check and the connection's own
  }

  @Test
  void aNameThatRebindsToAPrivateAddressAfterTheCheckIsRefusedAtConnect() throws Exception {
    // DNS rebinding: a public answer for the first lookup, loopback (where the receiver listens) afterwards
    AtomicInteger lookups = new AtomicInteger();
    WebhookChannel.HostResolver rebinding = host -> List.of(InetAddress.getByName(
        lookups.getAndIncrement() == 0 ? "203.0.113.10" : "127.0.0.1"));
    String url = receiver.url("/x").replace("127.0.0.1", "hooks.example.test");
    TryOutcome outcome = channel(true, rebinding).deliver(task(url, null));
    assertThat(outcome.retryable()).isFalse();
    assertThat(outcome.detail()).isEqualTo("refused: hooks.example.test resolves to non-public address 127.0.0.1");
    assertThat(receiver.requests("/x")).isEmpty();
  }

  @Test
  void aReceiverWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
    // a self-signed certificate for the very name dialled: TLS must still refuse it (no trust-all client)
    Path keystore = root.resolve("receiver.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "secret",
        "-keypass", "secret", "-alias", "receiver", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=hooks.example.test", "-ext", "san=dns:hooks.example.test")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      keys.load(in, "secret".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "secret".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    AtomicInteger requests = new AtomicInteger();
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      WebhookChannel.HostResolver resolver = host -> List.of(InetAddress.getByName("127.0.0.1"));
      TryOutcome outcome = channel(false, resolver)
          .deliver(task("https://hooks.example.test:" + server.getAddress().getPort() + "/x", null));
      assertThat(outcome.success()).isFalse();
      assertThat(outcome.detail()).startsWith("network error").containsIgnoringCase("certification path");
      assertThat(requests).hasValue(0);
    } finally {
      server.stop(0);
    }
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
  void aReceiverThatNeverAnswersTimesOutAndIsRetried() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      TryOutcome outcome = channel(false, WebhookChannel.systemResolver(), Duration.ofMillis(300))
          .deliver(task("http://127.0.0.1:" + silent.getLocalPort() + "/x", null));
      assertThat(outcome.retryable()).isTrue();
      assertThat(outcome.detail()).isEqualTo("timeout after PT0.3S");
    }
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

package org.faxserver.gateway.send.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.InboundClientConfig;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Fixtures shared by the integration tests: documents, commands, properties, a side ESL client. */
final class GatewayTestSupport {

  /** The 3-page TIFF-F every test sends, relative to the document root. */
  static final String DOC3 = "tenant-1/doc3.tif";

  private GatewayTestSupport() {}

  /** A fresh document root holding {@link #DOC3}. */
  static Path documentRoot() {
    try {
      Path root = Files.createTempDirectory("esl-gateway-docs");
      Files.createDirectories(root.resolve("tenant-1"));
      TestFaxDocuments.create(root.resolve(DOC3), 3);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The gateway's properties for a test: infrastructure, the stand-in's port, the document root, a
   * queue and routing key of the test's own (so no other test's gateway takes its commands, and it
   * takes none of theirs), and short watchdog limits.
   */
  static void register(DynamicPropertyRegistry r, int freeswitchPort, Path documentRoot, String testId) {
    TestInfrastructure.registerSpringProperties(r);
    r.add("faxserver.freeswitch.port", () -> freeswitchPort);
    r.add("faxserver.freeswitch.reconnect-initial-delay", () -> "100ms");
    r.add("faxserver.freeswitch.reconnect-max-delay", () -> "500ms");
    r.add("faxserver.freeswitch.command-timeout", () -> "3s");
    r.add("faxserver.documents.root", documentRoot::toString);
    r.add("faxserver.freeswitch.inbound-socket.port", () -> 0); // never the shared 8084
    r.add("faxserver.gateway.originate-queue", () -> "esl-gateway.fax.originate.test-" + testId);
    r.add("faxserver.gateway.originate-routing-key", () -> routingKey(testId));
    r.add("faxserver.gateway.shutdown-drain", () -> "2s");
    r.add("faxserver.gateway.watchdog.interval", () -> "100ms");
    r.add("faxserver.gateway.watchdog.answer-timeout", () -> "2s");
    r.add("faxserver.gateway.watchdog.hangup-after-fax", () -> "1s");
    r.add("faxserver.gateway.watchdog.hangup-after-kill", () -> "2s");
  }

  static String routingKey(String testId) {
    return "fax.originate.test-" + testId;
  }

  /** An originate command to a number, sending {@link #DOC3}, with an hour to live. */
  static OriginateFax originate(String e164, T38Policy t38) {
    return originate(e164, t38, DOC3, Instant.now().plus(Duration.ofHours(1)));
  }

  static OriginateFax originate(String e164, T38Policy t38, String documentKey, Instant deadline) {
    return new OriginateFax(UUID.randomUUID(), UUID.randomUUID(), 1, "carrier1", PhoneNumber.ofE164(e164),
        PhoneNumber.ofE164("+15550100100"), "ACME Corp", DocumentRef.tiff(documentKey),
        new FaxSettings(t38, true, false, "+15550100100", "ACME, Inc. fax"), deadline);
  }

  static Envelope<OriginateFax> envelope(OriginateFax cmd) {
    return Envelope.of(OriginateFax.TYPE, OriginateFax.VERSION, cmd.jobId().toString(), cmd, Clock.systemUTC());
  }

  /** A side ESL connection to the stand-in, for mod_db entries and calls the gateway did not make. */
  static EslInboundClient sideClient(FreeSwitchStandIn fs) {
    EslInboundClient c = EslInboundClient.builder(InboundClientConfig.defaults(fs.host(), fs.port(), fs.password()))
        .build();
    c.start().join();
    return c;
  }

  static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      FaxEventsProbe.sleep(20);
    }
  }
}

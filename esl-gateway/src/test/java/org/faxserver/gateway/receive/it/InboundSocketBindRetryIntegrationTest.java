package org.faxserver.gateway.receive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.UUID;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A port still held (by the instance being replaced, or another program) does not stop the gateway:
 * it starts, and the inbound socket listens as soon as the port is free.
 */
@SpringBootTest(classes = EslGatewayApplication.class)
@DirtiesContext
class InboundSocketBindRetryIntegrationTest {

  static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  static final ServerSocket HOLDER = hold();

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    TestInfrastructure.registerSpringProperties(r);
    r.add("faxserver.freeswitch.port", () -> 1); // no FreeSWITCH: the sending side just keeps reconnecting
    r.add("faxserver.freeswitch.inbound-socket.port", HOLDER::getLocalPort);
    r.add("faxserver.gateway.originate-queue", () -> "esl-gateway.fax.originate.test-" + TEST_ID);
    r.add("faxserver.gateway.originate-routing-key", () -> "fax.originate.test-" + TEST_ID);
    r.add("faxserver.gateway.shutdown-drain", () -> "1s");
  }

  @Test
  void listensOnceThePortIsFree() throws Exception {
    int port = HOLDER.getLocalPort();
    HOLDER.close();

    long end = System.nanoTime() + 15_000_000_000L;
    boolean listening = false;
    while (!listening && System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        listening = true;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    assertThat(listening).isTrue();
  }

  @org.junit.jupiter.api.AfterAll
  static void deleteTestQueues() throws Exception {
    try (com.rabbitmq.client.Connection c = TestInfrastructure.get().rabbit().newConnection()) {
      String queue = "esl-gateway.fax.originate.test-" + TEST_ID;
      for (String name : new String[] {queue, queue + ".parking"}) {
        try (com.rabbitmq.client.Channel ch = c.createChannel()) {
          ch.queueDelete(name); // nobody consumes it: FreeSWITCH never came up
        } catch (IOException | RuntimeException e) {
          // a leftover test queue harms nobody
        }
      }
    }
  }

  static ServerSocket hold() {
    try {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

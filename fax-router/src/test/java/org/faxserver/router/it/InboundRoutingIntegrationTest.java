package org.faxserver.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.inbound.model.ReceivedFaxPlanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbound side of fax-router against real PostgreSQL and RabbitMQ: {@code route.inbound}
 * request/reply through a reply-to queue, and {@code inbound.received} → {@code job.routed}. The
 * broker is shared, so only replies and jobs carrying our ids count.
 */
@SpringBootTest
// Both integration tests consume the same durable queues: a context left running would compete for
// the other test's messages with a different database, so each closes after its class.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundRoutingIntegrationTest {

  private static final Duration WAIT = RouterTestSupport.WAIT;
  private static final RouterTestSupport.Run RUN = RouterTestSupport.Run.random();
  private static final String SUFFIX = RUN.suffix();

  private static final PhoneNumber ACME_MAIN = PhoneNumber.ofE164("+15550003001");
  private static final PhoneNumber GLOBEX_MAIN = PhoneNumber.ofE164("+15550004001");
  private static final PhoneNumber EXTERNAL = PhoneNumber.ofE164("+442079460958");
  private static final String CARRIER_IP = "203.0.113.9";
  private static final String GLOBEX_PBX_IP = RouterTestSupport.GLOBEX_PBX_IP;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RUN.register(r);
  }

  @Autowired
  private Environment environment;

  @Autowired
  private List<org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer> containers;

  private final Map<String, BlockingQueue<InboundRouteDecision>> replies = new ConcurrentHashMap<>();
  private RouterTestSupport support;
  private Channel channel;
  private String replyQueue;

  private RouterTestSupport.TestDirectory directory;

  @BeforeAll
  void createDirectoryAndListen() throws Exception {
    support = new RouterTestSupport(RUN, environment);
    support.start();
    directory = support.insertDirectory(ACME_MAIN, GLOBEX_MAIN);
    channel = support.channel();
    channel.exchangeDeclare(Exchanges.FAX_COMMANDS, "topic", true);
    replyQueue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.basicConsume(replyQueue, true, (tag, delivery) -> {
      BlockingQueue<InboundRouteDecision> mine = replies.get(delivery.getProperties().getCorrelationId());
      if (mine != null) {
        Envelope<InboundRouteDecision> envelope = MessageJson.read(delivery.getBody(), InboundRouteDecision.class);
        assertThat(envelope.type()).isEqualTo(InboundRouteDecision.TYPE);
        mine.add(envelope.payload());
      }
    }, tag -> { });
  }

  @AfterAll
  void close() throws Exception {
    if (support != null) {
      support.stop(containers);
    }
  }

  // ---------------------------------------------------------------- route.inbound

  @Test
  void carrierCallForOurNumberIsAcceptedWithTenantIdentAndT38Policy() throws Exception {
    InboundRouteDecision decision = ask(EXTERNAL, ACME_MAIN, CARRIER_IP);

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.tenantId()).isEqualTo(directory.acme());
    assertThat(decision.recipient()).isEqualTo(ACME_MAIN);
    assertThat(decision.ident()).isEqualTo("ACME FAX");
    assertThat(decision.t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(decision.relayOut()).isFalse();
  }

  @Test
  void unknownSourceGets401() throws Exception {
    InboundRouteDecision decision = ask(EXTERNAL, ACME_MAIN, "198.51.100.77");

    assertThat(decision.accepted()).isFalse();
    assertThat(decision.sipCode()).isEqualTo(401);
  }

  @Test
  void carrierCallForANumberNotOursGets404() throws Exception {
    InboundRouteDecision decision = ask(EXTERNAL, PhoneNumber.ofE164("+15550009999"), CARRIER_IP);

    assertThat(decision.sipCode()).isEqualTo(404);
  }

  @Test
  void tenantPbxCallingOutIsARelayAndAForeignCallerIdGets403() throws Exception {
    InboundRouteDecision relay = ask(GLOBEX_MAIN, EXTERNAL, GLOBEX_PBX_IP);
    InboundRouteDecision spoofed = ask(ACME_MAIN, EXTERNAL, GLOBEX_PBX_IP);

    assertThat(relay.accepted()).isTrue();
    assertThat(relay.relayOut()).isTrue();
    assertThat(relay.tenantId()).isEqualTo(directory.globex());
    assertThat(relay.t38()).isEqualTo(T38Policy.OFF);
    assertThat(spoofed.sipCode()).isEqualTo(403);
  }

  // ---------------------------------------------------------------- inbound.received

  @Test
  void receivedFaxBecomesAnInboundJobToTheNumbersEndpoints() throws Exception {
    InboundReceived fax = received(directory.acme(), EXTERNAL, GLOBEX_MAIN, true);

    JobRouted job = publishAndAwait(fax);

    assertThat(job.origin()).isEqualTo(JobOrigin.INBOUND);
    assertThat(job.tenantId()).isEqualTo(directory.globex());
    assertThat(job.isRejected()).isFalse();
    assertThat(job.plan().endpointsInOrder().stream().map(EndpointRef::endpointId).toList())
        .containsExactly(directory.globexHook(), directory.globexMail());
    assertThat(job.document()).isEqualTo(fax.document());
    assertThat(job.pages()).isEqualTo(2);
    assertThat(job.from()).isEqualTo(EXTERNAL);
  }

  @Test
  void faxRelayedFromATenantPbxBecomesAJobThroughTheGlobalGateways() throws Exception {
    JobRouted job = publishAndAwait(received(directory.globex(), GLOBEX_MAIN, EXTERNAL, true));

    assertThat(job.isRejected()).isFalse();
    assertThat(job.plan().endpointsInOrder().stream().map(EndpointRef::endpointId).toList())
        .containsExactly(directory.carrierA(), directory.carrierB());
    assertThat(job.from()).isEqualTo(GLOBEX_MAIN);
    assertThat(job.to()).isEqualTo(EXTERNAL);
  }

  @Test
  void failedReceptionProducesNoJob() throws Exception {
    InboundReceived fax = received(directory.acme(), EXTERNAL, ACME_MAIN, false);
    BlockingQueue<JobRouted> answers = support.expectRouted(ReceivedFaxPlanner.jobIdFor(fax.callId()));

    publish(fax);

    assertThat(answers.poll(2, TimeUnit.SECONDS)).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private InboundRouteDecision ask(PhoneNumber caller, PhoneNumber callee, String sourceIp) throws Exception {
    InboundRouteRequest request = new InboundRouteRequest(UUID.randomUUID(), caller, "Remote", callee, null,
        "external", sourceIp);
    Envelope<InboundRouteRequest> envelope = Envelope.of(InboundRouteRequest.TYPE, InboundRouteRequest.VERSION,
        request.callId().toString(), request, Clock.systemUTC());
    String correlation = UUID.randomUUID().toString();
    BlockingQueue<InboundRouteDecision> answer = new LinkedBlockingQueue<>();
    replies.put(correlation, answer);
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
        .messageId(envelope.messageId().toString()).correlationId(correlation).replyTo(replyQueue)
        .expiration("10000").build();
    channel.basicPublish(Exchanges.FAX_COMMANDS, RoutingKeys.ROUTE_INBOUND + SUFFIX, properties, MessageJson.write(envelope));
    InboundRouteDecision decision = answer.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(decision).as("decision for %s", request.callId()).isNotNull();
    assertThat(decision.callId()).isEqualTo(request.callId());
    return decision;
  }

  private static InboundReceived received(String tenant, PhoneNumber caller, PhoneNumber callee, boolean ok) {
    UUID call = UUID.randomUUID();
    FaxResult result = ok
        ? new FaxResult(true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "REMOTE", "LOCAL", 14400, true,
            T38Status.OFF, 0, 1, List.of())
        : FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "no fax");
    return new InboundReceived(call, tenant, caller, callee, "external",
        ok ? DocumentRef.tiff("inbound/it/" + call + ".tif") : null, result, Instant.now());
  }

  private JobRouted publishAndAwait(InboundReceived fax) throws Exception {
    BlockingQueue<JobRouted> answers = support.expectRouted(ReceivedFaxPlanner.jobIdFor(fax.callId()));
    publish(fax);
    JobRouted job = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(job).as("job.routed for call %s", fax.callId()).isNotNull();
    return job;
  }

  private void publish(InboundReceived fax) throws Exception {
    Envelope<InboundReceived> envelope = Envelope.of(InboundReceived.TYPE, InboundReceived.VERSION,
        fax.callId().toString(), fax, Clock.systemUTC());
    support.publish(Exchanges.FAX_EVENTS, RoutingKeys.INBOUND_RECEIVED + SUFFIX, envelope);
  }
}

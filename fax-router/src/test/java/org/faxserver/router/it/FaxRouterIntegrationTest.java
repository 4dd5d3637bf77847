package org.faxserver.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.support.CachedSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * fax-router against real PostgreSQL and RabbitMQ: the directory is created with api-service's own
 * migration in a fresh database, jobs go in as {@code job.submitted} and come out as
 * {@code job.routed}. The broker is shared with other tests, so only messages for our job ids count.
 */
@SpringBootTest
// Both integration tests consume the same durable queues: a context left running would compete for
// the other test's messages with a different database, so each closes after its class.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaxRouterIntegrationTest {

  private static final RouterTestSupport.Run RUN = RouterTestSupport.Run.random();
  private static final String JOB_SUBMITTED_QUEUE = RUN.service() + ".job.submitted";
  private static final String PARKING_QUEUE = RUN.service() + ".job.submitted.parking";
  private static final Duration WAIT = RouterTestSupport.WAIT;

  private static final PhoneNumber ACME_MAIN = PhoneNumber.ofE164("+15550001001");
  private static final PhoneNumber GLOBEX_MAIN = PhoneNumber.ofE164("+15550002001");
  private static final PhoneNumber EXTERNAL = PhoneNumber.ofE164("+442079460958");

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RUN.register(r);
  }

  @Autowired
  private Environment environment;

  @Autowired
  private List<org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer> containers;

  @Autowired
  private CachedSnapshot<Directory> cachedDirectory;

  @Autowired
  @Qualifier("directoryChangedContainer")
  private SimpleMessageListenerContainer directoryChangedContainer;

  private RouterTestSupport support;

  private RouterTestSupport.TestDirectory directory;

  @BeforeAll
  void createDirectoryAndListen() throws Exception {
    support = new RouterTestSupport(RUN, environment);
    support.start();
    directory = support.insertDirectory(ACME_MAIN, GLOBEX_MAIN);
  }

  @AfterAll
  void close() throws Exception {
    if (support != null) {
      support.stop(containers);
    }
  }

  @Test
  @Order(1)
  void externalDestinationIsPlannedThroughGlobalGatewaysByPriority() throws Exception {
    JobRouted job = submitAndAwait(directory.acme(), ACME_MAIN, EXTERNAL);

    assertThat(job.isRejected()).isFalse();
    assertThat(groups(job)).containsExactly(List.of(directory.carrierA()), List.of(directory.carrierB()));
    assertThat(job.plan().endpointsInOrder().get(0)).isEqualTo(EndpointRef.gateway(directory.carrierA(), "carrier-a"));
  }

  @Test
  @Order(2)
  void numberOnThisSystemGoesToItsOwnEndpointsWithLastResortLast() throws Exception {
    JobRouted job = submitAndAwait(directory.acme(), ACME_MAIN, GLOBEX_MAIN);

    assertThat(groups(job)).containsExactly(List.of(directory.globexHook()), List.of(directory.globexMail()));
    assertThat(job.plan().endpointsInOrder())
        .containsExactly(EndpointRef.webhook(directory.globexHook(), "https://globex.example/fax"),
            EndpointRef.email(directory.globexMail(), "fax@globex.example,ops@globex.example"));
  }

  @Test
  @Order(3)
  void anotherTenantsCallerIdIsPublishedAsARejection() throws Exception {
    JobRouted job = submitAndAwait(directory.acme(), GLOBEX_MAIN, EXTERNAL);

    assertThat(job.plan().isEmpty()).isTrue();
    assertThat(job.rejection()).isEqualTo("caller id " + GLOBEX_MAIN + " is not a number of tenant " + directory.acme());
  }

  @Test
  @Order(4)
  void poisonMessageIsParkedNotLooped() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(marker).build();
    support.channel().basicPublish("", JOB_SUBMITTED_QUEUE, properties,
        ("{ not json " + marker).getBytes(StandardCharsets.UTF_8));

    GetResponse parked = awaitParked(marker);

    assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).endsWith(marker);
    assertThat(parked.getProps().getHeaders().get("x-parking-reason").toString())
        .contains("unreadable job.submitted");
  }

  @Test
  @Order(5)
  void aDirectoryChangeIsSeenByTheNextPlan() throws Exception {
    assertThat(groups(submitAndAwait(directory.acme(), ACME_MAIN, EXTERNAL)).get(0)).containsExactly(directory.carrierA());
    support.update("UPDATE directory.endpoint SET enabled = false WHERE id = " + directory.carrierA());

    publishDirectoryChanged(DirectoryChanged.updated(DirectoryEntity.ENDPOINT, directory.carrierA()));

    // The notice and the next job travel through different queues; poll until the router has it.
    Instant deadline = Instant.now().plus(WAIT);
    List<List<String>> plan = groups(submitAndAwait(directory.acme(), ACME_MAIN, EXTERNAL));
    while (!plan.equals(List.of(List.of(directory.carrierB()))) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      plan = groups(submitAndAwait(directory.acme(), ACME_MAIN, EXTERNAL));
    }
    assertThat(plan).containsExactly(List.of(directory.carrierB()));
  }

  @Test
  @Order(6)
  void aNoticeMissedWhileTheQueueWasGoneIsCoveredWhenConsumingResumes() throws Exception {
    // The connection stays open, so only the consumer restart can tell the cache to reload.
    assertThat(enabled(directory.carrierA())).isFalse(); // as the previous test left it
    directoryChangedContainer.stop(); // the auto-delete queue goes with its consumer

    support.update("UPDATE directory.endpoint SET enabled = true WHERE id = " + directory.carrierA());
    publishDirectoryChanged(DirectoryChanged.updated(DirectoryEntity.ENDPOINT, directory.carrierA())); // lost
    directoryChangedContainer.start();

    // The consume-ok comes within milliseconds. A short wait also keeps other tests' notices on the
    // shared broker (which reload too) from hiding a regression; they can never make this fail.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(3));
    while (!enabled(directory.carrierA()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(enabled(directory.carrierA())).isTrue();
  }

  /** Whether the router's current directory snapshot has the endpoint enabled. */
  private boolean enabled(String endpointId) {
    Directory snapshot = cachedDirectory.current().block(WAIT);
    return snapshot.allEndpoints().stream()
        .filter(e -> e.id().equals(endpointId))
        .findFirst()
        .orElseThrow()
        .enabled();
  }

  private JobRouted submitAndAwait(String tenant, PhoneNumber from, PhoneNumber to) throws Exception {
    JobSubmitted job = new JobSubmitted(UUID.randomUUID(), tenant, "it-user", from, to,
        DocumentRef.tiff("it/" + UUID.randomUUID() + ".tif"), 1, JobOptions.none());
    BlockingQueue<JobRouted> answers = support.expectRouted(job.jobId());
    support.publish(Exchanges.FAX_EVENTS, RoutingKeys.JOB_SUBMITTED + RUN.suffix(),
        Envelope.of(JobSubmitted.TYPE, JobSubmitted.VERSION, job.jobId().toString(), job, Clock.systemUTC()));
    JobRouted answer = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(answer).as("job.routed for %s", job.jobId()).isNotNull();
    assertThat(answer.to()).isEqualTo(to);
    return answer;
  }

  private void publishDirectoryChanged(DirectoryChanged change) throws IOException {
    support.publish(Exchanges.FAX_EVENTS, RoutingKeys.DIRECTORY_CHANGED,
        Envelope.of(DirectoryChanged.TYPE, DirectoryChanged.VERSION, null, change, Clock.systemUTC()));
  }

  /** Takes our message from the parking queue; anything else there is put back. */
  private GetResponse awaitParked(String marker) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    try (Channel parking = support.amqp().createChannel()) {
      while (Instant.now().isBefore(deadline)) {
        GetResponse response;
        long lastOther = -1;
        while ((response = parking.basicGet(PARKING_QUEUE, false)) != null) {
          if (marker.equals(response.getProps().getMessageId())) {
            parking.basicAck(response.getEnvelope().getDeliveryTag(), false);
            if (lastOther >= 0) {
              parking.basicNack(lastOther, true, true);
            }
            return response;
          }
          lastOther = response.getEnvelope().getDeliveryTag();
        }
        if (lastOther >= 0) {
          parking.basicNack(lastOther, true, true);
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("message " + marker + " was not parked within " + WAIT);
  }

  private static List<List<String>> groups(JobRouted job) {
    return job.plan().groups().stream()
        .map(g -> g.endpoints().stream().map(EndpointRef::endpointId).toList())
        .toList();
  }
}

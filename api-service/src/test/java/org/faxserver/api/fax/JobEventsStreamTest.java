package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.faxserver.api.fax.events.BrokerJobEventFeed;
import org.faxserver.api.fax.events.JobEventsListener;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The SSE stream of a job, fed by real job.status / attempt.progress messages on the broker. */
class JobEventsStreamTest extends FaxApiTest {
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {
            };
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Autowired
    private BrokerJobEventFeed feed;
    @Autowired
    private JobEventsListener listener;
    @Autowired
    private CachingConnectionFactory connections;

    private TenantFixture tenant;
    private Connection connection;
    private Channel channel;
    private Disposable publishing;

    @BeforeEach
    void setUp() throws Exception {
        tenant = aTenant();
        connection = TestInfrastructure.get().rabbit().newConnection();
        channel = connection.createChannel();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (publishing != null) {
            publishing.dispose();
        }
        connection.close();
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(UUID job) {
        return tenant.client().mutate().responseTimeout(TIMEOUT).build()
                .get().uri("/fax/jobs/{id}/events", job).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(SSE).getResponseBody();
    }

    private static Flux<ServerSentEvent<Map<String, Object>>> withoutHeartbeats(
            Flux<ServerSentEvent<Map<String, Object>>> events) {
        return events.filter(e -> e.event() != null);
    }

    private void publish(String routingKey, Envelope<?> envelope) {
        try {
            channel.basicPublish(Exchanges.FAX_EVENTS, routingKey, new AMQP.BasicProperties.Builder()
                    .contentType("application/json").messageId(envelope.messageId().toString()).build(),
                    MessageJson.write(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void status(UUID job, JobStatus status) {
        publish(RoutingKeys.JOB_STATUS, new Envelope<>(UUID.randomUUID(), JobStatusChanged.TYPE,
                JobStatusChanged.VERSION, Instant.now(), job.toString(),
                new JobStatusChanged(job, String.valueOf(tenant.id()), status, 1, null, "test")));
    }

    private void progress(UUID job, int pages) {
        publish(RoutingKeys.ATTEMPT_PROGRESS, new Envelope<>(UUID.randomUUID(), AttemptProgress.TYPE,
                AttemptProgress.VERSION, Instant.now(), job.toString(),
                new AttemptProgress(UUID.randomUUID(), job, ProgressStage.PAGE_TRANSFERRED,
                        new Negotiation(14400, true, T38Status.NEGOTIATED, "REMOTE"), pages, 2)));
    }

    @Test
    void theStreamStartsWithTheCurrentStateThenRelaysProgressAndStatusUntilFinal() {
        UUID job = quietSubmission(tenant, 2);
        StepVerifier.create(withoutHeartbeats(stream(job)))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("status");
                    assertThat(e.data()).containsEntry("status", "SUBMITTED").containsEntry("pages_total", 2);
                })
                .then(() -> {
                    status(job, JobStatus.IN_PROGRESS);
                    progress(job, 1);
                    status(UUID.randomUUID(), JobStatus.FAILED); // another job: not on this stream
                    queueJob(job, tenant.id(), "SUCCEEDED", 2, null); // committed before its status is published
                    status(job, JobStatus.SUCCEEDED);
                })
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("status");
                    assertThat(e.data()).containsEntry("status", "IN_PROGRESS").containsEntry("job_id", job.toString())
                            .containsEntry("detail", "test");
                })
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("progress");
                    assertThat(e.data()).containsEntry("stage", "PAGE_TRANSFERRED")
                            .containsEntry("pages_transferred", 1).containsEntry("pages_total", 2)
                            .containsEntry("transfer_rate", 14400).containsEntry("t38_status", "NEGOTIATED")
                            .containsEntry("remote_csid", "REMOTE");
                })
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUCCEEDED")
                        .containsEntry("pages_sent", 2).containsKey("pages_total")
                        .extractingByKey("pages_total").isNotNull())
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theEventsOfAFaxToAnotherTenantsNumberLeaveOutTheStatusDetails() {
        TenantFixture other = aTenant();
        UUID job = quietSubmission(tenant, 1);
        db.sql("UPDATE api.submission SET to_number = :to WHERE job_id = :id")
                .bind("to", other.number()).bind("id", job).then().block();
        StepVerifier.create(withoutHeartbeats(stream(job)))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUBMITTED"))
                .then(() -> status(job, JobStatus.IN_PROGRESS))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "IN_PROGRESS").containsEntry("detail", null))
                .then(() -> status(job, JobStatus.FAILED))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "FAILED").containsEntry("detail", null))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void anInstanceWithoutStreamsIsNotSentJobEvents() throws Exception {
        awaitFeedBound(false);
        long before = listener.received();
        UUID job = quietSubmission(tenant, 1);
        for (int i = 0; i < 5; i++) {
            status(job, JobStatus.IN_PROGRESS); // nobody watches: not routed to this instance
        }
        StepVerifier.create(withoutHeartbeats(stream(job)))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUBMITTED"))
                .then(() -> status(job, JobStatus.SUCCEEDED))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUCCEEDED"))
                .expectComplete()
                .verify(TIMEOUT);
        // One consumer, in queue order: had the five been routed here, they would have come before the last.
        assertThat(listener.received() - before).isEqualTo(1);
        awaitFeedBound(false); // unbound again once the last stream ended (test configuration: after 200 ms)
    }

    @Test
    void aStreamKeepsGettingEventsAfterTheBrokerConnectionIsRenewed() {
        UUID job = quietSubmission(tenant, 1);
        StepVerifier.create(withoutHeartbeats(stream(job)))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUBMITTED"))
                .then(() -> {
                    // The exclusive queue and its bindings go with the connection; the queue is declared again.
                    connections.resetConnection();
                    // What is published before the queue is bound again is lost (informational), so keep publishing.
                    publishing = Flux.interval(Duration.ofMillis(200)).take(TIMEOUT)
                            .subscribe(tick -> status(job, JobStatus.IN_PROGRESS));
                })
                // the state read again once the queue is bound again (still SUBMITTED in the database)
                .thenConsumeWhile(e -> "SUBMITTED".equals(e.data().get("status")))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "IN_PROGRESS"))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void aFinalStatusThatWentByWhileTheConnectionWasDownEndsTheStream() {
        UUID job = quietSubmission(tenant, 1);
        StepVerifier.create(withoutHeartbeats(stream(job)))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUBMITTED"))
                .then(() -> {
                    // fax-queue finished the job, and its job.status never reached this instance (lost with the
                    // connection): the binding made again on the new connection makes the stream read the state
                    queueJob(job, tenant.id(), "SUCCEEDED", 1, null);
                    connections.resetConnection();
                })
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "SUCCEEDED"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    private void awaitFeedBound(boolean bound) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (feed.isBound() != bound) {
            assertThat(System.nanoTime()).as("feed bound = " + bound).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() {
        UUID job = quietSubmission(tenant, 1);
        // Test configuration: a heartbeat every 300 ms.
        StepVerifier.create(stream(job).take(3))
                .assertNext(e -> assertThat(e.event()).isEqualTo("status"))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("heartbeat"))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("heartbeat"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theStreamOfAFinishedJobIsItsFinalStatusOnly() {
        UUID job = quietSubmission(tenant, 1);
        queueJob(job, tenant.id(), "CANCELLED", 0, "CANCELLED");
        StepVerifier.create(withoutHeartbeats(stream(job)))
                .assertNext(e -> assertThat(e.data()).containsEntry("status", "CANCELLED"))
                .expectComplete()
                .verify(TIMEOUT);
    }
}

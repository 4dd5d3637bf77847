package org.faxserver.queue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.planOf;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.FaxQueueApplication;
import org.faxserver.queue.config.QueueNames;
import org.faxserver.queue.support.QueueFixtures;
import org.faxserver.queue.support.TestBroker;
import org.faxserver.support.Topology;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.RabbitBroker;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The process dies while a job waits for its retry; a new process on the same database finishes it,
 * with exactly one originate per attempt. Contexts are started by hand so one can be closed.
 */
class RestartSafetyIntegrationTest {

  @Test
  void aNewProcessFinishesAJobThatWaitedForItsRetryWithoutDuplicateOriginates() {
    PostgresDatabase database = TestInfrastructure.get().newDatabase("restart");
    String service = TestBroker.uniqueService();
    QueueNames names = new QueueNames(service);
    try (TestBroker broker = new TestBroker()) {
      JobRouted job = QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw1"))));
      UUID jobId = job.jobId();

      try (ConfigurableApplicationContext first = start(database, service)) {
        broker.sendTo(names.jobRouted(), Envelope.of(JobRouted.TYPE, 1, jobId.toString(), job, Clock.systemUTC()));
        OriginateFax attempt1 = broker.await(OriginateFax.class, o -> o.jobId().equals(jobId));
        answer(broker, names, attempt1, FaxResult.notStarted(HangupCause.USER_BUSY, "busy"));
        broker.await(JobStatusChanged.class,
            s -> s.jobId().equals(jobId) && s.status() == JobStatus.WAITING_RETRY);
      }

      try (ConfigurableApplicationContext second = start(database, service)) {
        OriginateFax attempt2 = broker.await(OriginateFax.class, 2, o -> o.jobId().equals(jobId));
        answer(broker, names, attempt2, QueueFixtures.sentResult());
        JobCompleted completed = broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

        List<OriginateFax> originates = broker.all(OriginateFax.class, o -> o.jobId().equals(jobId));
        assertThat(originates).extracting(OriginateFax::attemptNumber).containsExactly(1, 2);
        assertThat(completed.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(completed.attempts()).hasSize(2);
      }
    } finally {
      try (TestBroker cleanup = new TestBroker()) {
        cleanup.deleteQueues(List.of(names.jobRouted(), names.attemptProgress(), names.attemptFinished(),
                names.deliveryFinished(), names.jobCancel(), names.fallbackSet(), names.fallbackRemove(),
                names.overrideSet(), names.overrideRemove()).stream()
            .flatMap(q -> java.util.stream.Stream.of(q, Topology.parkingQueueName(q))).toList());
      }
    }
  }

  private static void answer(TestBroker broker, QueueNames names, OriginateFax originate, FaxResult result) {
    AttemptEnd end = result.faxStarted() ? AttemptEnd.FAX_COMPLETED : AttemptEnd.ORIGINATE_FAILED;
    AttemptFinished finished = new AttemptFinished(originate.attemptId(), originate.jobId(), originate.gateway(),
        end, result, QueueFixtures.T0, null, null);
    broker.sendTo(names.attemptFinished(),
        Envelope.of(AttemptFinished.TYPE, 1, originate.jobId().toString(), finished, Clock.systemUTC()));
  }

  private static ConfigurableApplicationContext start(PostgresDatabase db, String service) {
    RabbitBroker rabbit = TestInfrastructure.get().rabbit();
    // Command-line arguments outrank application.yml (builder "properties" would not), so the
    // context can never fall back to the default database or the production queue names.
    return new SpringApplicationBuilder(FaxQueueApplication.class).run(
        "--spring.r2dbc.url=" + db.r2dbcUrl(),
        "--spring.r2dbc.username=" + db.username(),
        "--spring.r2dbc.password=" + db.password(),
        "--spring.flyway.url=" + db.jdbcUrl(),
        "--spring.flyway.user=" + db.username(),
        "--spring.flyway.password=" + db.password(),
        "--spring.rabbitmq.host=" + rabbit.host(),
        "--spring.rabbitmq.port=" + rabbit.port(),
        "--spring.rabbitmq.username=" + rabbit.username(),
        "--spring.rabbitmq.password=" + rabbit.password(),
        "--faxserver.messaging.service=" + service,
        // bound with keys nobody publishes: only what this test sends straight to the queues arrives
        "--faxserver.queue.binding-suffix=" + service,
        "--faxserver.faxing.retry-delay=3s",
        "--faxserver.queue.scheduler.poll-interval=100ms",
        "--faxserver.outbox.poll-interval=50ms",
        // any free port: a product running on this machine (scripts/run) holds 8082
        "--server.port=0");
  }

}

package org.faxserver.queue.it;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.FaxQueueApplication;
import org.faxserver.queue.config.QueueNames;
import org.faxserver.queue.support.QueueFixtures;
import org.faxserver.queue.support.TestBroker;
import org.faxserver.support.Topology;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One real fax-queue context (real PostgreSQL database of its own, shared RabbitMQ) for all
 * integration tests. The context's queues carry a unique service name and are bound with routing keys of
 * their own ({@code faxserver.queue.binding-suffix}), and tests publish straight to them, so nothing another
 * context or another engineer's test publishes can reach it, and tests look only at their own job ids.
 */
@SpringBootTest(
    classes = FaxQueueApplication.class,
    properties = {
      "faxserver.faxing.retry-attempts=3",
      "faxserver.faxing.retry-delay=2s",
      "faxserver.faxing.failed-response=UNALLOCATED_NUMBER",
      "faxserver.faxing.disable-v17-after-retry=1",
      "faxserver.faxing.disable-ecm-after-retry=2",
      "faxserver.faxing.softmodem-fallback=true",
      "faxserver.faxing.request-t38=true",
      "faxserver.queue.scheduler.poll-interval=100ms",
      "faxserver.queue.gateways.max-calls.gw-limited=1",
      "faxserver.queue.circuit-breaker.minimum-calls=2",
      "faxserver.queue.circuit-breaker.sliding-window=2",
      "faxserver.outbox.poll-interval=50ms",
      "faxserver.messaging.max-deliveries=2",
      "faxserver.messaging.retry-interval=10ms"
    })
abstract class QueueContextTest {

  static final String SERVICE = TestBroker.uniqueService();
  static TestBroker broker;

  @Autowired QueueNames names;
  @Autowired DatabaseClient db;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    TestInfrastructure.registerSpringProperties(r);
    r.add("faxserver.messaging.service", () -> SERVICE);
    // Bound with keys nobody publishes: the job.routed, attempt.* and commands that other engineers' runs publish
    // on the shared broker never reach this context (a concurrent system-test or benchmark run used to flood it
    // with thousands of foreign jobs, and this context's jobs then timed out behind them).
    r.add("faxserver.queue.binding-suffix", () -> SERVICE);
  }

  @BeforeAll
  static synchronized void broker() {
    if (broker == null) {
      broker = new TestBroker();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        QueueNames n = new QueueNames(SERVICE);
        List<String> queues = List.of(n.jobRouted(), n.attemptProgress(), n.attemptFinished(), n.deliveryFinished(),
            n.jobCancel(), n.fallbackSet(), n.fallbackRemove(), n.overrideSet(), n.overrideRemove());
        broker.deleteQueues(queues.stream().flatMap(q -> java.util.stream.Stream.of(q, Topology.parkingQueueName(q)))
            .toList());
        broker.close();
      }));
    }
  }

  static PhoneNumber aUniqueNumber() {
    return PhoneNumber.ofE164("+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999)));
  }

  /** Routes a new job to this context; returns its id. */
  UUID route(DeliveryPlan plan) {
    return route(QueueFixtures.aJobTo(plan));
  }

  UUID route(JobRouted job) {
    broker.sendTo(names.jobRouted(), Envelope.of(JobRouted.TYPE, 1, job.jobId().toString(), job, Clock.systemUTC()));
    return job.jobId();
  }

  OriginateFax originate(UUID jobId, int number) {
    return broker.await(OriginateFax.class, o -> o.jobId().equals(jobId) && o.attemptNumber() == number);
  }

  void answer(OriginateFax originate, AttemptEnd end, FaxResult result) {
    broker.sendTo(names.attemptFinished(), finished(originate, end, result));
  }

  static Envelope<AttemptFinished> finished(OriginateFax originate, AttemptEnd end, FaxResult result) {
    AttemptFinished finished = new AttemptFinished(originate.attemptId(), originate.jobId(), originate.gateway(),
        end, result, QueueFixtures.T0, null, null);
    return Envelope.of(AttemptFinished.TYPE, 1, originate.jobId().toString(), finished, Clock.systemUTC());
  }

  long originates(UUID jobId) {
    return broker.all(OriginateFax.class, o -> o.jobId().equals(jobId)).size();
  }

  String jobStatus(UUID jobId) {
    return db.sql("SELECT status FROM queue.job_view WHERE job_id = :id").bind("id", jobId)
        .map(row -> row.get("status", String.class)).one().block();
  }
}

package org.faxserver.support;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.testkit.bench.BenchmarkArguments;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.RabbitBroker;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The outbox relay alone (not a test; run it as a main class, see docs/BENCHMARKS.md): transactions that each append
 * one message are committed at a fixed rate (open loop, 4 at a time at most), and a consumer of a durable queue
 * stamps each persistent message as it arrives. Prints commit → received p50 / p99 / max, and the statements that
 * marked rows sent per row. Arguments ({@code key=value}, all optional): {@code rate=50 seconds=20 warmup-seconds=10}.
 */
public final class OutboxRelayBenchmark {

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchmarkArguments.parse(args);
    int rate = Integer.parseInt(a.getOrDefault("rate", "50"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup-seconds", "10"));

    PostgresDatabase database = TestInfrastructure.get().newDatabase("relaybench");
    RabbitBroker rabbit = TestInfrastructure.get().rabbit();
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ServiceSupportIntegrationTest.App.class)
        .properties("spring.r2dbc.url=" + database.r2dbcUrl(), "spring.r2dbc.username=" + database.username(),
            "spring.r2dbc.password=" + database.password(),
            "spring.rabbitmq.host=" + rabbit.host(), "spring.rabbitmq.port=" + rabbit.port(),
            "spring.rabbitmq.username=" + rabbit.username(), "spring.rabbitmq.password=" + rabbit.password(),
            "spring.rabbitmq.publisher-confirm-type=correlated",
            "faxserver.messaging.service=relay-bench",
            "faxserver.messaging.processed-table=test.processed_message",
            "faxserver.outbox.table=test.outbox")
        .run();
    DatabaseClient db = ctx.getBean(DatabaseClient.class);
    TransactionalOperator tx = ctx.getBean(TransactionalOperator.class);
    Outbox outbox = ctx.getBean(Outbox.class);
    db.sql("CREATE SCHEMA IF NOT EXISTS test").then().block();
    db.sql(Outbox.ddl("test.outbox")).then().block();
    for (String sql : ServiceSupportIntegrationTest.MARK_COUNTER.split(";\n")) {
      db.sql(sql).then().block();
    }

    String key = "bench." + UUID.randomUUID();
    Map<String, Long> received = new ConcurrentHashMap<>();
    try (Connection connection = rabbit.newConnection()) {
      Channel channel = connection.createChannel();
      String queue = channel.queueDeclare("relay-bench." + key, true, false, true, null).getQueue();
      channel.queueBind(queue, Exchanges.FAX_EVENTS, key);
      channel.basicQos(100);
      channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, com.rabbitmq.client.Envelope delivery, AMQP.BasicProperties props,
                                   byte[] body) throws IOException {
          received.put(props.getMessageId(), System.nanoTime());
          getChannel().basicAck(delivery.getDeliveryTag(), false);
        }
      });

      run(tx, outbox, key, rate, warmup, received, false, db);
      run(tx, outbox, key, rate, seconds, received, true, db);
    } finally {
      ctx.close();
    }
    System.exit(0);
  }

  private static void run(TransactionalOperator tx, Outbox outbox, String key, int rate, int seconds,
                          Map<String, Long> received, boolean print, DatabaseClient db) throws Exception {
    int n = rate * seconds;
    String[] ids = new String[n];
    long[] committed = new long[n];
    Semaphore inFlight = new Semaphore(4);
    CountDownLatch done = new CountDownLatch(n);
    long marks0 = ServiceSupportIntegrationTest.outboxMarkStatements(db);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long due = start + i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.acquire();
      Envelope<JobStatusChanged> envelope = Envelope.of(
          JobStatusChanged.TYPE, 1, null, new JobStatusChanged(UUID.randomUUID(), "t", JobStatus.QUEUED, 0, null, null),
          Clock.systemUTC());
      ids[i] = envelope.messageId().toString();
      int index = i;
      tx.transactional(outbox.append(Exchanges.FAX_EVENTS, key, envelope))
          .doFinally(s -> {
            committed[index] = System.nanoTime();
            inFlight.release();
            done.countDown();
          })
          .subscribe();
    }
    done.await();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Arrays.stream(ids).anyMatch(id -> !received.containsKey(id)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(500); // the last marks
    if (!print) {
      return;
    }
    long[] latency = new long[n];
    for (int i = 0; i < n; i++) {
      Long at = received.get(ids[i]);
      latency[i] = at == null ? Long.MAX_VALUE : at - committed[i];
    }
    Arrays.sort(latency);
    System.out.printf("outbox relay, %d commits/s for %d s: commit -> received p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
            + "%d of %d received; mark statements per row %.2f%n", rate, seconds, latency[n / 2] / 1e6,
        latency[n * 99 / 100] / 1e6, latency[n - 1] / 1e6, Arrays.stream(ids).filter(received::containsKey).count(), n,
        (ServiceSupportIntegrationTest.outboxMarkStatements(db) - marks0) / (double) n);
  }
}

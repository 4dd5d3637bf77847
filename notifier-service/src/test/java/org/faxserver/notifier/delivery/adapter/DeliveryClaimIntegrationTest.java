package org.faxserver.notifier.delivery.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.NextStep;
import org.faxserver.notifier.delivery.model.Notices;
import org.faxserver.notifier.delivery.model.Purpose;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.RequiresInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/** The claim against real PostgreSQL: replicas never get the same delivery; leases expire. */
@RequiresInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryClaimIntegrationTest {

  DatabaseClient db;
  DeliveryRepository repository;

  @BeforeAll
  void migrate(PostgresDatabase database) {
    db = migratedNotifySchema(database);
    repository = new DeliveryRepository(db);
  }

  /** The notifier's migrations applied to {@code database}, and a client for it (shared with the other adapter tests). */
  static DatabaseClient migratedNotifySchema(PostgresDatabase database) {
    Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
        .schemas("notify").defaultSchema("notify").locations("classpath:db/migration").load().migrate();
    ConnectionFactory factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
        .mutate().option(ConnectionFactoryOptions.USER, database.username())
        .option(ConnectionFactoryOptions.PASSWORD, database.password() == null ? "" : database.password()).build());
    return DatabaseClient.create(factory);
  }

  static DeliveryTask task() {
    return new DeliveryTask(UUID.randomUUID(), Purpose.RECEIPT, "webhook", List.of("https://h.test/x"), null, null,
        "webhook", false, false, false, Notices.document(UUID.randomUUID(), "7", null,
            PhoneNumber.ofE164("+15550001001"), 1, null, Map.of(), Instant.now()));
  }

  @Test
  void concurrentClaimsNeverShareADelivery() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      DeliveryTask t = task();
      ids.add(t.id());
      assertThat(repository.insert(t).block()).isTrue();
    }
    assertThat(repository.insert(new DeliveryTask(ids.get(0), Purpose.RECEIPT, "webhook", List.of("x"), null, null,
        null, false, false, false, task().notice())).block()).as("same id again").isFalse();

    List<DeliveryRepository.Claimed> claimed = Flux.range(0, 8)
        .flatMap(i -> repository.claim(10, Duration.ofMinutes(5)), 8)
        .collectList().block();

    Set<UUID> unique = new HashSet<>();
    claimed.forEach(c -> assertThat(unique.add(c.task().id())).as("claimed twice: " + c.task().id()).isTrue());
    assertThat(unique).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(repository.claim(10, Duration.ofMinutes(5)).collectList().block()).as("all leased").isEmpty();
  }

  @Test
  void anExpiredLeaseIsClaimedAgainAndTheStaleWorkerCannotRecord() {
    DeliveryTask t = task();
    repository.insert(t).block();
    DeliveryRepository.Claimed first = only(repository.claim(100, Duration.ZERO).collectList().block(), t.id());

    DeliveryRepository.Claimed second = only(repository.claim(100, Duration.ofMinutes(5)).collectList().block(), t.id());
    Boolean staleRecorded = repository.finishTry(first, TryOutcome.delivered(200), new NextStep.Delivered(),
        Instant.now(), Instant.now()).block();
    Boolean recorded = repository.finishTry(second, TryOutcome.delivered(200), new NextStep.Delivered(),
        Instant.now(), Instant.now()).block();

    assertThat(second.tries()).isEqualTo(2);
    assertThat(staleRecorded).isFalse();
    assertThat(recorded).isTrue();
  }

  @Test
  void dueFaxDocumentsAreClaimedBeforeDueReceipts() {
    DeliveryTask receipt = task();
    repository.insert(receipt).block();
    DeliveryTask document = new DeliveryTask(UUID.randomUUID(), Purpose.DOCUMENT, "webhook", List.of("https://h.test/y"),
        "9", UUID.randomUUID(), null, true, false, false, task().notice());
    repository.insert(document).block();

    List<DeliveryRepository.Claimed> first = repository.claim(1, Duration.ofMinutes(5)).collectList().block();

    assertThat(first).extracting(c -> c.task().id()).containsExactly(document.id());
    // Lease the receipt too, so the other tests of this class see no leftover due rows.
    assertThat(repository.claim(10, Duration.ofMinutes(5)).collectList().block())
        .extracting(c -> c.task().id()).contains(receipt.id());
  }

  static DeliveryRepository.Claimed only(List<DeliveryRepository.Claimed> claimed, UUID id) {
    return claimed.stream().filter(c -> c.task().id().equals(id)).findFirst().orElseThrow();
  }
}

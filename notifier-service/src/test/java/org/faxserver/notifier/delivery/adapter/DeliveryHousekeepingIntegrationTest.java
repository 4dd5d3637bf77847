package org.faxserver.notifier.delivery.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.support.PeriodicCounts;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.RequiresInfrastructure;
import org.faxserver.testkit.time.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.r2dbc.core.DatabaseClient;

/** History purge and backlog counts against real PostgreSQL. */
@RequiresInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryHousekeepingIntegrationTest {

  DatabaseClient db;
  DeliveryRepository repository;

  @BeforeAll
  void migrate(PostgresDatabase database) {
    db = DeliveryClaimIntegrationTest.migratedNotifySchema(database);
    repository = new DeliveryRepository(db);
  }

  @Test
  void finishedDeliveriesPastTheRetentionGoChunkByChunkWithTheirTriesAndEverythingElseStays() {
    db.sql("DELETE FROM notify.delivery").then().block();
    List<UUID> oldFinished = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      oldFinished.add(delivery("DELIVERED", Duration.ofDays(91)));
    }
    oldFinished.add(delivery("DEAD", Duration.ofDays(100)));
    oldFinished.add(delivery("DEAD", Duration.ofDays(95)));
    UUID recentlyDelivered = delivery("DELIVERED", Duration.ofDays(89));
    UUID recentlyDead = delivery("DEAD", Duration.ofDays(1));
    // a pending row has no finished_at; this one is given an old one to show that the status decides
    UUID stillRetrying = delivery("PENDING", Duration.ofDays(200));
    for (UUID id : List.of(oldFinished.get(0), recentlyDelivered)) {
      db.sql("""
              INSERT INTO notify.delivery_try (delivery_id, number, started_at, ended_at, success, retryable)
              VALUES (:id, 1, now(), now(), true, false)""").bind("id", id).then().block();
    }
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    DeliveryHousekeeping housekeeping = new DeliveryHousekeeping(repository, Duration.ofDays(90), Duration.ofDays(7),
        2, clock);

    // full chunks go on at the next polls; an hour has to pass after the last short one
    assertThat(List.of(housekeeping.runIfDue(), housekeeping.runIfDue(), housekeeping.runIfDue(),
        housekeeping.runIfDue())).containsExactly(2L, 2L, 1L, 0L);

    assertThat(ids()).containsExactlyInAnyOrder(recentlyDelivered, recentlyDead, stillRetrying);
    assertThat(db.sql("SELECT delivery_id FROM notify.delivery_try").map(row -> row.get("delivery_id", UUID.class))
        .all().collectList().block()).containsExactly(recentlyDelivered);

    db.sql("UPDATE notify.delivery SET finished_at = now() - interval '91 days' WHERE id = :id")
        .bind("id", recentlyDead).then().block();
    assertThat(housekeeping.runIfDue()).as("within the hour").isZero();
    clock.advance(Duration.ofMinutes(61));
    assertThat(housekeeping.runIfDue()).isEqualTo(1);
    assertThat(ids()).containsExactlyInAnyOrder(recentlyDelivered, stillRetrying);
  }

  @Test
  void theBacklogCountsDueScheduledAndDeadDeliveries() {
    db.sql("DELETE FROM notify.delivery").then().block();
    delivery("PENDING", null);
    delivery("PENDING", null);
    UUID later = delivery("PENDING", null);
    db.sql("UPDATE notify.delivery SET next_attempt_at = now() + interval '5 minutes' WHERE id = :id")
        .bind("id", later).then().block();
    delivery("DEAD", Duration.ofDays(3));
    delivery("DELIVERED", Duration.ofDays(3));
    PeriodicCounts backlog = new PeriodicCounts("deliveries", db, DeliveryRepository.BACKLOG, Duration.ofHours(1),
        DeliveryRepository.BACKLOG_STATES);

    backlog.countNow().block();

    assertThat(DeliveryRepository.BACKLOG_STATES.stream().map(s -> backlog.of(s).get().longValue()).toList())
        .containsExactly(2L, 1L, 1L);
  }

  private UUID delivery(String status, Duration finishedAgo) {
    DeliveryTask task = DeliveryClaimIntegrationTest.task();
    repository.insert(task).block();
    var update = db.sql("UPDATE notify.delivery SET status = :status, "
            + "finished_at = now() - make_interval(secs => :ago) WHERE id = :id")
        .bind("status", status).bind("id", task.id());
    update = finishedAgo == null ? update.bindNull("ago", Double.class)
        : update.bind("ago", (double) finishedAgo.toSeconds());
    update.then().block();
    return task.id();
  }

  private List<UUID> ids() {
    return db.sql("SELECT id FROM notify.delivery").map(row -> row.get("id", UUID.class)).all().collectList().block();
  }
}

package org.faxserver.support;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Consumer idempotency on {@code messageId}: {@link #firstTime} records the id and says whether it was
 * new. Called inside the consumer's transaction, the record commits together with the consumer's
 * change, so a redelivery after a crash before commit is processed again (nothing was kept) while a
 * redelivery after commit is recognised.
 *
 * <p>DDL (one table per service, in its own Flyway migration; see {@link #ddl(String)}):
 *
 * <pre>
 * CREATE TABLE queue.processed_message (
 *     message_id   uuid        PRIMARY KEY,
 *     processed_at timestamptz NOT NULL DEFAULT now()
 * );
 * CREATE INDEX processed_message_age_idx ON queue.processed_message (processed_at);
 * </pre>
 *
 * <p>{@link ProcessedMessagesPurge} forgets ids after {@code faxserver.messaging.processed-retention}.
 */
public final class ProcessedMessages {

  private final DatabaseClient db;
  private final String insert;
  private final String purge;

  public ProcessedMessages(DatabaseClient db, String table) {
    this.db = Objects.requireNonNull(db, "db");
    String t = Outbox.checkedTable(table);
    this.insert = "INSERT INTO " + t + " (message_id) VALUES (:id) ON CONFLICT DO NOTHING";
    this.purge = "DELETE FROM " + t + " WHERE message_id IN (SELECT message_id FROM " + t
        + " WHERE processed_at < now() - make_interval(secs => :secs) LIMIT :limit)";
  }

  /** True the first time a message id is seen (in committed or the current transaction). */
  public Mono<Boolean> firstTime(UUID messageId) {
    return db.sql(insert).bind("id", messageId).fetch().rowsUpdated().map(rows -> rows == 1);
  }

  /** Forgets up to {@code limit} ids older than {@code age}; returns how many. */
  public Mono<Long> forgetOlderThan(Duration age, int limit) {
    return db.sql(purge).bind("secs", (double) age.toSeconds()).bind("limit", limit).fetch().rowsUpdated();
  }

  /** The DDL of a processed-message table, for a service's Flyway migration (or a test). */
  public static String ddl(String table) {
    String t = Outbox.checkedTable(table);
    return "CREATE TABLE " + t + " (\n"
        + "    message_id   uuid        PRIMARY KEY,\n"
        + "    processed_at timestamptz NOT NULL DEFAULT now()\n"
        + ");\n"
        + "CREATE INDEX " + t.substring(t.indexOf('.') + 1) + "_age_idx ON " + t + " (processed_at);\n";
  }
}

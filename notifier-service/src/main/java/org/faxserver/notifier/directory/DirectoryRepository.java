package org.faxserver.notifier.directory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;

/**
 * Reads api-service's {@code directory} tables (its published contract, as fax-router does).
 * Read-only, in one repeatable-read snapshot. Signing secrets stay in memory only.
 */
public final class DirectoryRepository {

  private final DatabaseClient db;
  private final TransactionalOperator snapshot;

  public DirectoryRepository(DatabaseClient db, ReactiveTransactionManager transactions) {
    this.db = Objects.requireNonNull(db, "db");
    DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
    definition.setReadOnly(true);
    definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot = TransactionalOperator.create(transactions, definition);
  }

  public Mono<NotifyDirectory> load() {
    Map<String, String> tenants = new HashMap<>();
    Map<String, NotifyDirectory.Number> numbers = new HashMap<>();
    Map<String, NotifyDirectory.Webhook> webhooks = new HashMap<>();
    Mono<NotifyDirectory> all = db.sql("SELECT id, notify FROM directory.tenant WHERE notify IS NOT NULL")
        .map(row -> Map.entry(row.get("id", Long.class).toString(), row.get("notify", String.class)))
        .all().doOnNext(e -> tenants.put(e.getKey(), e.getValue())).then()
        .then(db.sql("SELECT tenant_id, number, notify FROM directory.tenant_number")
            .map(row -> Map.entry(row.get("number", String.class), new NotifyDirectory.Number(
                row.get("tenant_id", Long.class).toString(), row.get("notify", String.class))))
            .all().doOnNext(e -> numbers.put(e.getKey(), e.getValue())).then())
        .then(db.sql("SELECT id, signing_secret, payload_style FROM directory.endpoint WHERE type = 'WEBHOOK'")
            .map(row -> Map.entry(row.get("id", Long.class).toString(), new NotifyDirectory.Webhook(
                row.get("signing_secret", String.class), "MULTIPART".equals(row.get("payload_style", String.class)))))
            .all().doOnNext(e -> webhooks.put(e.getKey(), e.getValue())).then())
        .then(Mono.fromSupplier(() -> new NotifyDirectory(tenants, numbers, webhooks)));
    return snapshot.transactional(all);
  }
}

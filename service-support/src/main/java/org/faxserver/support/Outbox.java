package org.faxserver.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * The writing side of a transactional outbox: {@link #append} inserts the message into the service's
 * outbox table through the same {@link DatabaseClient}, so when it is composed into the caller's
 * reactive transaction the message exists exactly when the caller's change was committed (a transaction's
 * messages are inserted just before it commits, with one statement however many steps appended them).
 * {@link OutboxRelay} publishes them. While the service's relay runs, a row is written already claimed by it
 * ({@code claimed_until}, its lease) and handed to it after the commit (at once without a transaction), so the
 * relay publishes it from memory: a message waits for its confirm, not for a poll, and costs no claiming
 * statement. A relay that dies holding such rows leaves them to the next poll once the lease has expired, as
 * for rows it claimed itself.
 *
 * <p>Each service owns its table (e.g. {@code queue.outbox}) and creates it in its own Flyway
 * migration with {@link #ddl(String)}'s statements:
 *
 * <pre>
 * CREATE TABLE queue.outbox (
 *     id               bigserial PRIMARY KEY,
 *     message_id       uuid        NOT NULL UNIQUE,
 *     exchange         text        NOT NULL,
 *     routing_key      text        NOT NULL,
 *     message_type     text        NOT NULL,
 *     payload          text        NOT NULL,
 *     created_at       timestamptz NOT NULL DEFAULT now(),
 *     attempts         integer     NOT NULL DEFAULT 0,
 *     next_attempt_at  timestamptz NOT NULL DEFAULT now(),
 *     last_error       text,
 *     sent_at          timestamptz,
 *     claimed_until    timestamptz
 * );
 * CREATE INDEX outbox_pending_idx ON queue.outbox (next_attempt_at, id) WHERE sent_at IS NULL;
 * </pre>
 */
public final class Outbox {

  /** schema.table, lower case: the name is put into SQL text, so it must never come from outside. */
  static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

  /** One message to append: where it goes and what it is. */
  public record Message(String exchange, String routingKey, Envelope<?> envelope) {
    public Message {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(routingKey, "routingKey");
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  private static final String COLUMNS = " (message_id, exchange, routing_key, message_type, payload, claimed_until) ";

  private final DatabaseClient db;
  private final String table;
  /** Takes the rows once committed; null: rows wait for a relay's poll. */
  private final OutboxRelay relay;

  /** An outbox whose rows a relay finds by polling (tests, tools). */
  public Outbox(DatabaseClient db, String table) {
    this(db, table, null);
  }

  /** An outbox whose rows {@code relay} publishes as soon as their transaction committed. */
  public Outbox(DatabaseClient db, String table, OutboxRelay relay) {
    this.db = Objects.requireNonNull(db, "db");
    this.relay = relay;
    this.table = checkedTable(table);
  }

  /** Adds a message to the outbox within the caller's transaction (if there is one). */
  public Mono<Void> append(String exchange, String routingKey, Envelope<?> envelope) {
    return appendAll(List.of(new Message(exchange, routingKey, envelope)));
  }

  /**
   * Adds messages, in list order, within the caller's transaction: written when it commits, together with every
   * other message it appended (one INSERT per transaction, in the order they were appended; never if it rolls
   * back). Without a transaction they are written at once, in one statement.
   */
  public Mono<Void> appendAll(List<Message> messages) {
    if (messages.isEmpty()) {
      return Mono.empty();
    }
    List<Message> copy = List.copyOf(messages);
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .map(sync -> inTransaction(sync).add(copy))
        .onErrorResume(NoTransactionException.class, none -> Mono.empty())
        .switchIfEmpty(Mono.defer(() -> insert(copy).flatMap(this::handOverAfterCommit).thenReturn(true)))
        .then();
  }

  /** Inserts messages in one statement; returns the rows to hand to the relay (none when it does not run). */
  private Mono<List<OutboxRow>> insert(List<Message> messages) {
    Duration lease = leaseForNewRows();
    String claimedUntil = claimedUntil(lease, "lease");
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(COLUMNS).append("VALUES ");
    for (int i = 0; i < messages.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(:m").append(i).append(", :e").append(i).append(", :r").append(i)
          .append(", :t").append(i).append(", :p").append(i).append(", ").append(claimedUntil).append(')');
    }
    // bound at once: each single bind copies every binding made before it
    Map<String, Object> values = new HashMap<>();
    List<String> payloads = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      payloads.add(MessageJson.writeString(m.envelope()));
      values.put("m" + i, m.envelope().messageId());
      values.put("e" + i, m.exchange());
      values.put("r" + i, m.routingKey());
      values.put("t" + i, m.envelope().type());
      values.put("p" + i, payloads.get(i));
    }
    if (lease == null) {
      return db.sql(sql.toString()).bindValues(values).then().thenReturn(List.of());
    }
    values.put("lease", (double) lease.toSeconds());
    return db.sql(sql.append(" RETURNING id, message_id").toString()).bindValues(values)
        .map(row -> Map.entry(row.get("message_id", UUID.class), row.get("id", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .map(ids -> IntStream.range(0, messages.size())
            .mapToObj(i -> row(ids.get(messages.get(i).envelope().messageId()), messages.get(i), payloads.get(i)))
            .toList());
  }

  /**
   * A change and the message that reports it in one statement, so neither exists without the other and no
   * transaction is needed (one round trip instead of BEGIN, two INSERTs and COMMIT):
   * {@code WITH change AS (<changeSql>) INSERT INTO <outbox> ... SELECT ... FROM change}. {@code changeSql} is an
   * INSERT, UPDATE or DELETE ending in {@code RETURNING} that returns at most one row; its named parameters must
   * not start with {@code outbox_}. When the change returns no row (its WHERE found nothing to do), nothing is
   * appended. Meant for a change without a transaction: inside one, its row is written at once, so before messages
   * {@link #appendAll} collected earlier in that transaction.
   *
   * @param bindChange binds {@code changeSql}'s parameters
   * @return whether the change returned a row (and the message was appended)
   */
  public Mono<Boolean> appendWith(String changeSql, UnaryOperator<GenericExecuteSpec> bindChange, Message message) {
    Objects.requireNonNull(message, "message");
    Duration lease = leaseForNewRows();
    String payload = MessageJson.writeString(message.envelope());
    String sql = "WITH change AS (" + changeSql + ") INSERT INTO " + table + COLUMNS
        + "SELECT :outbox_m, :outbox_e, :outbox_r, :outbox_t, :outbox_p, " + claimedUntil(lease, "outbox_lease")
        + " FROM change RETURNING id";
    GenericExecuteSpec spec = bindChange.apply(db.sql(sql))
        .bind("outbox_m", message.envelope().messageId())
        .bind("outbox_e", message.exchange())
        .bind("outbox_r", message.routingKey())
        .bind("outbox_t", message.envelope().type())
        .bind("outbox_p", payload);
    if (lease != null) {
      spec = spec.bind("outbox_lease", (double) lease.toSeconds());
    }
    return spec.map(row -> row.get("id", Long.class)).one()
        .flatMap(id -> handOverAfterCommit(lease == null ? List.of() : List.of(row(id, message, payload)))
            .thenReturn(true))
        .defaultIfEmpty(false);
  }

  /** The relay's lease for rows appended now, or null: no relay takes them, they wait unclaimed for a poll. */
  private Duration leaseForNewRows() {
    return relay == null ? null : relay.leaseForNewRows();
  }

  /** The claimed_until of a new row: now plus the lease in {@code :parameter}, or NULL without a lease. */
  private static String claimedUntil(Duration lease, String parameter) {
    return lease == null ? "NULL" : "now() + make_interval(secs => :" + parameter + ")";
  }

  private static OutboxRow row(long id, Message m, String payload) {
    return new OutboxRow(id, m.envelope().messageId(), m.exchange(), m.routingKey(), m.envelope().type(), payload, 0);
  }

  /** Gives the relay rows it claimed at birth once they are committed: after the caller's transaction, or now. */
  private Mono<Void> handOverAfterCommit(List<OutboxRow> rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return TransactionSynchronizationManager.forCurrentTransaction()
        .doOnNext(sync -> {
          if (sync.isSynchronizationActive()) {
            inTransaction(sync).toHandOver.addAll(rows);
          } else {
            relay.take(rows);
          }
        })
        .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(() -> relay.take(rows)))
        .then();
  }

  /** This outbox's part in the caller's transaction, registered with it the first time it is asked for. */
  private InTransaction inTransaction(TransactionSynchronizationManager sync) {
    InTransaction part = (InTransaction) sync.getResource(this);
    if (part == null) {
      part = new InTransaction(sync);
      sync.bindResource(this, part);
      sync.registerSynchronization(part);
    }
    return part;
  }

  /**
   * What a transaction appended: inserted in one statement just before it commits (so a failure there rolls it
   * back), then handed to the relay once it committed. A transaction's steps run one after another, so no locking.
   */
  private final class InTransaction implements TransactionSynchronization {
    private final List<Message> toInsert = new ArrayList<>();
    final List<OutboxRow> toHandOver = new ArrayList<>();
    private final TransactionSynchronizationManager sync;
    private boolean inserted;

    InTransaction(TransactionSynchronizationManager sync) {
      this.sync = sync;
    }

    /** Fails instead of losing a message appended once the transaction began to commit (nothing does that). */
    boolean add(List<Message> messages) {
      if (inserted) {
        throw new IllegalStateException("a message was appended after its transaction's outbox rows were written");
      }
      return toInsert.addAll(messages);
    }

    @Override
    public Mono<Void> beforeCommit(boolean readOnly) {
      inserted = true;
      return toInsert.isEmpty() ? Mono.empty() : insert(List.copyOf(toInsert)).doOnNext(toHandOver::addAll).then();
    }

    @Override
    public Mono<Void> afterCommit() {
      return toHandOver.isEmpty() ? Mono.empty() : Mono.fromRunnable(() -> relay.take(toHandOver));
    }

    // A transaction suspended for another (REQUIRES_NEW) keeps its part; the other gets its own.
    @Override
    public Mono<Void> suspend() {
      return Mono.fromRunnable(() -> sync.unbindResource(Outbox.this));
    }

    @Override
    public Mono<Void> resume() {
      return Mono.fromRunnable(() -> sync.bindResource(Outbox.this, this));
    }

    /** Leaves nothing behind for a later transaction that might reuse the same context. */
    @Override
    public Mono<Void> afterCompletion(int status) {
      return Mono.fromRunnable(() -> sync.unbindResourceIfPossible(Outbox.this));
    }
  }

  /** The DDL of an outbox table, for a service's Flyway migration (or a test). */
  public static String ddl(String table) {
    String t = checkedTable(table);
    String index = t.substring(t.indexOf('.') + 1) + "_pending_idx";
    return "CREATE TABLE " + t + " (\n"
        + "    id               bigserial PRIMARY KEY,\n"
        + "    message_id       uuid        NOT NULL UNIQUE,\n"
        + "    exchange         text        NOT NULL,\n"
        + "    routing_key      text        NOT NULL,\n"
        + "    message_type     text        NOT NULL,\n"
        + "    payload          text        NOT NULL,\n"
        + "    created_at       timestamptz NOT NULL DEFAULT now(),\n"
        + "    attempts         integer     NOT NULL DEFAULT 0,\n"
        + "    next_attempt_at  timestamptz NOT NULL DEFAULT now(),\n"
        + "    last_error       text,\n"
        + "    sent_at          timestamptz,\n"
        + "    claimed_until    timestamptz\n"
        + ");\n"
        + "CREATE INDEX " + index + " ON " + t + " (next_attempt_at, id) WHERE sent_at IS NULL;\n";
  }

  static String checkedTable(String table) {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("table must be schema.table in lower case, was " + table);
    }
    return table;
  }
}

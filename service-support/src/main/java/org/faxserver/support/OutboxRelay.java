package org.faxserver.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves outbox rows to RabbitMQ. Each poll leases pending rows in one statement ({@code claimed_until},
 * chosen with {@code FOR UPDATE SKIP LOCKED}, so several replicas never publish the same row
 * concurrently), publishes them in order on one channel, waits once for the broker's confirms, and
 * marks the confirmed rows sent. A failed or unconfirmed publish is retried later with exponential
 * backoff; a crash between confirm and mark republishes once the lease has expired (at-least-once;
 * consumers dedupe on messageId).
 *
 * <p>Rows its service's {@link Outbox} appends while the relay runs are claimed at birth and handed over after
 * their commit ({@link #take}): the relay publishes them from memory at once, without a claiming statement. The
 * poll remains the safety net for retries, for rows other replicas committed, for rows appended while the relay
 * did not take any and for rows of a relay that died holding them (once their lease expired). Sent rows older
 * than the retention are deleted now and then.
 *
 * <p>Generalised from api-service's relay: the table comes from {@link OutboxProperties#table()}, and
 * the relay refuses to start without publisher confirms, since "sent" would otherwise mean nothing.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int PURGE_CHUNK = 1000;
    private static final Duration MIN_LEASE = Duration.ofSeconds(30);
    /** Rows handed over and not yet published beyond which new rows are left to the poll. */
    private static final int MAX_HANDED = 10_000;

    private final DatabaseClient db;
    private final RabbitTemplate rabbit;
    private final OutboxProperties props;
    private final String claimSql;
    private final String sentSql;
    private final String failedSql;
    private final String releaseSql;
    private final String purgeSql;
    private volatile ScheduledExecutorService executor;
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Committed rows claimed for this relay at birth, in the order their transactions committed. */
    private final Queue<OutboxRow> handed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedCount = new AtomicInteger();
    private long lastPurgeNanos = System.nanoTime();
    /** A purge found a full chunk: the next poll deletes the next one (relay thread only). */
    private boolean purging;

    public OutboxRelay(DatabaseClient db, RabbitTemplate rabbit, OutboxProperties props) {
        this.db = db;
        this.rabbit = rabbit;
        this.props = props;
        String table = Outbox.checkedTable(props.table());
        if (!rabbit.getConnectionFactory().isPublisherConfirms()) {
            throw new IllegalStateException("the outbox relay needs publisher confirms: set "
                    + "spring.rabbitmq.publisher-confirm-type=correlated");
        }
        // A claim is a lease written in one statement, not a row lock held by an open transaction while the
        // broker confirms: two statements per poll instead of four (BEGIN, SELECT, UPDATE, COMMIT).
        this.claimSql = "UPDATE " + table + " SET claimed_until = now() + make_interval(secs => :lease) "
                + "WHERE id IN (SELECT id FROM " + table + " WHERE sent_at IS NULL AND next_attempt_at <= now() "
                + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED) "
                + "RETURNING id, message_id, exchange, routing_key, message_type, payload, attempts";
        this.sentSql = "UPDATE " + table + " SET sent_at = now(), attempts = attempts + 1, last_error = NULL, "
                + "claimed_until = NULL WHERE id = ANY(:ids)";
        this.failedSql = "UPDATE " + table + " SET attempts = attempts + 1, last_error = :error, claimed_until = NULL, "
                + "next_attempt_at = now() + make_interval(secs => :delay) WHERE id = :id";
        this.releaseSql = "UPDATE " + table + " SET claimed_until = NULL WHERE id = ANY(:ids)";
        this.purgeSql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE sent_at < now() - make_interval(secs => :retention) LIMIT " + PURGE_CHUNK + ")";
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        woken.set(false); // a wake queued before a stop may have been dropped with its executor
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay-" + props.table());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, 0, props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("outbox relay started (poll every {})", props.pollInterval());
    }

    @Override
    public synchronized void stop() {
        ExecutorService e = executor;
        executor = null;
        if (e == null) {
            return;
        }
        e.shutdown();
        try {
            // A poll in progress normally ends within one confirm timeout; do not hold up shutdown
            // longer than that. An interrupted batch rolls back and is simply relayed again later.
            if (!e.awaitTermination(props.confirmTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                e.shutdownNow();
                e.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ie) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
        releaseHanded();
        log.info("outbox relay stopped");
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /**
     * The lease for a row appended now and claimed for this relay at birth, or null while it takes none (stopped,
     * or too many handed over and not yet published): such rows are left unclaimed for the poll.
     */
    Duration leaseForNewRows() {
        return isRunning() && handedCount.get() < MAX_HANDED ? lease() : null;
    }

    /** Rows claimed for this relay at birth whose transaction committed: published as soon as its thread is free. */
    void take(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        handed.addAll(rows);
        handedCount.addAndGet(rows.size());
        wake();
    }

    /** Asks for the handed-over rows to be published when the relay's thread is free; at most one such request waits. */
    private void wake() {
        ScheduledExecutorService e = executor;
        if (e == null || !woken.compareAndSet(false, true)) {
            return;
        }
        try {
            e.execute(() -> {
                // Cleared before publishing: rows handed over meanwhile wake another run.
                woken.set(false);
                relayHanded();
            });
        } catch (RejectedExecutionException stopping) {
            woken.set(false);
        }
    }

    private void pollSafely() {
        relayHanded();
        relayDue();
        try {
            purgeOccasionally();
        } catch (RuntimeException e) {
            log.warn("purging sent outbox rows failed: {}", e.toString());
        }
    }

    private void relayDue() {
        try {
            int published;
            do {
                published = relayBatch().block(batchTimeout());
            } while (published == props.batchSize() && isRunning());
        } catch (RuntimeException e) {
            // Database down or similar: keep the scheduler alive and try again at the next poll.
            log.warn("outbox relay poll failed: {}", e.toString());
        }
    }

    /** Publishes the rows handed over, a batch at a time. */
    private void relayHanded() {
        try {
            List<OutboxRow> batch;
            while (isRunning() && !(batch = nextHanded(props.batchSize())).isEmpty()) {
                publishAll(batch).block(batchTimeout());
            }
        } catch (RuntimeException e) {
            // Their claims expire and a poll publishes them again (at-least-once).
            log.warn("outbox relay: publishing handed-over rows failed: {}", e.toString());
        }
    }

    private List<OutboxRow> nextHanded(int max) {
        List<OutboxRow> batch = new ArrayList<>();
        OutboxRow row;
        while (batch.size() < max && (row = handed.poll()) != null) {
            batch.add(row);
        }
        handedCount.addAndGet(-batch.size());
        return batch;
    }

    /** On stop: rows handed over and not published are due again at once (another replica's poll may take them). */
    private void releaseHanded() {
        List<OutboxRow> left = nextHanded(Integer.MAX_VALUE);
        if (left.isEmpty()) {
            return;
        }
        try {
            db.sql(releaseSql).bind("ids", left.stream().map(OutboxRow::id).toArray(Long[]::new))
                    .then().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("outbox relay: releasing {} handed-over rows failed, due again when their lease expires: {}",
                    left.size(), e.toString());
        }
    }

    /**
     * Every 10 minutes, and then at every poll while there is more: one chunk of sent rows older than the
     * retention, so a large backlog (the first purge after an upgrade) never holds up the relay's thread long.
     */
    private void purgeOccasionally() {
        if (!purging && System.nanoTime() - lastPurgeNanos < Duration.ofMinutes(10).toNanos()) {
            return;
        }
        lastPurgeNanos = System.nanoTime();
        Long deleted = db.sql(purgeSql)
                .bind("retention", (double) props.retention().toSeconds())
                .fetch().rowsUpdated().block(Duration.ofMinutes(1));
        purging = deleted != null && deleted == PURGE_CHUNK;
        log.debug("purged {} sent outbox rows older than {}", deleted, props.retention());
    }

    /** Publishes one batch; returns how many rows were confirmed and marked sent. */
    public Mono<Integer> relayBatch() {
        return claim().sort(Comparator.comparingLong(OutboxRow::id)).collectList().flatMap(this::publishAll)
                .defaultIfEmpty(0);
    }

    /**
     * Leases due rows for longer than a batch can take (RETURNING has no order: sorted by id after). A relay that
     * dies holding a lease leaves its rows to the next relay once it expires: published again (at-least-once).
     */
    private Flux<OutboxRow> claim() {
        return db.sql(claimSql)
                .bind("lease", (double) lease().toSeconds())
                .bind("limit", props.batchSize())
                .map(row -> new OutboxRow(row.get("id", Long.class), row.get("message_id", UUID.class),
                        row.get("exchange", String.class), row.get("routing_key", String.class),
                        row.get("message_type", String.class), row.get("payload", String.class),
                        row.get("attempts", Integer.class)))
                .all();
    }

    /** Rows confirmed by the broker, and those that failed with why. */
    private record Outcome(List<OutboxRow> sent, Map<OutboxRow, Throwable> failed) {
    }

    private Mono<Integer> publishAll(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0);
        }
        return Mono.fromCallable(() -> publishAndConfirm(rows))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(outcome -> markSent(outcome.sent())
                        .then(Flux.fromIterable(outcome.failed().entrySet())
                                .concatMap(f -> markFailed(f.getKey(), f.getValue())).then())
                        .then(release(rows, outcome))
                        .thenReturn(outcome.sent().size()));
    }

    /**
     * Publishes the whole batch on one channel (so the broker sees the rows in outbox order), then
     * waits once for all confirms: one round trip per batch instead of one per row. A send that
     * throws (the broker is probably unreachable) ends the batch; rows after it stay due.
     */
    private Outcome publishAndConfirm(List<OutboxRow> rows) {
        Map<OutboxRow, CorrelationData> pending = new LinkedHashMap<>();
        Map<OutboxRow, Throwable> failed = new LinkedHashMap<>();
        try {
            rabbit.invoke(ops -> {
                for (OutboxRow row : rows) {
                    CorrelationData correlation = new CorrelationData(row.messageId().toString());
                    pending.put(row, correlation);
                    ops.send(row.exchange(), row.routingKey(), message(row), correlation);
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Rows handed to the channel before the failure may still be confirmed; the rest are not sent.
            log.warn("outbox relay: publishing a batch of {} failed after {}: {}", rows.size(), pending.size(),
                    e.toString());
        }
        List<OutboxRow> sent = new ArrayList<>();
        long deadline = System.nanoTime() + props.confirmTimeout().toNanos();
        for (Map.Entry<OutboxRow, CorrelationData> entry : pending.entrySet()) {
            OutboxRow row = entry.getKey();
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                CorrelationData.Confirm confirm = entry.getValue().getFuture().get(wait, TimeUnit.NANOSECONDS);
                if (confirm.isAck()) {
                    sent.add(row);
                } else {
                    failed.put(row, new AmqpException("broker nacked " + row.messageId() + ": " + confirm.getReason()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(row, new AmqpException("interrupted while waiting for the publisher confirm", e));
            } catch (Exception e) {
                failed.put(row, new AmqpException("no publisher confirm for " + row.messageId(), e));
            }
        }
        return new Outcome(sent, failed);
    }

    private static Message message(OutboxRow row) {
        MessageProperties mp = new MessageProperties();
        mp.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        mp.setContentEncoding(StandardCharsets.UTF_8.name());
        mp.setMessageId(row.messageId().toString());
        mp.setType(row.type());
        mp.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(row.payload().getBytes(StandardCharsets.UTF_8), mp);
    }

    /** Rows never handed to the broker (the batch broke off): due again at once, not after the lease. */
    private Mono<Void> release(List<OutboxRow> rows, Outcome outcome) {
        Long[] untried = rows.stream()
                .filter(row -> !outcome.sent().contains(row) && !outcome.failed().containsKey(row))
                .map(OutboxRow::id).toArray(Long[]::new);
        return untried.length == 0 ? Mono.empty() : db.sql(releaseSql).bind("ids", untried).then();
    }

    /** The longest a batch may take: a confirm wait per row and two statements. */
    private Duration batchTimeout() {
        return props.confirmTimeout().multipliedBy(props.batchSize() + 2L);
    }

    /** How long a claim holds: well beyond one batch's publish and confirm wait. */
    Duration lease() {
        Duration twice = props.confirmTimeout().multipliedBy(2);
        return twice.compareTo(MIN_LEASE) > 0 ? twice : MIN_LEASE;
    }

    private Mono<Void> markSent(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(sentSql)
                .bind("ids", rows.stream().map(OutboxRow::id).toArray(Long[]::new))
                .then();
    }

    private Mono<Void> markFailed(OutboxRow row, Throwable error) {
        Duration backoff = backoff(row.attempts(), props.retryBackoff(), props.maxRetryBackoff());
        log.warn("publishing outbox row {} ({}) failed, retry in {}: {}", row.id(), row.type(), backoff,
                error.toString());
        String reason = String.valueOf(error.getMessage());
        return db.sql(failedSql)
                .bind("id", row.id())
                .bind("error", reason.length() > 500 ? reason.substring(0, 500) : reason)
                .bind("delay", backoff.toMillis() / 1000.0)
                .then();
    }

    /** {@code first} doubled per earlier attempt, at most {@code max}. */
    static Duration backoff(int attempts, Duration first, Duration max) {
        Duration d = first.multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(max) > 0 ? max : d;
    }
}

package org.faxserver.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Moves outbox rows to RabbitMQ. Each poll leases pending rows in one statement ({@code claimed_until},
 * chosen with {@code FOR UPDATE SKIP LOCKED}, so several replicas never publish the same row
 * concurrently) and publishes them in order on one channel. Publishing is pipelined: a row is sent as soon as it
 * is there, without waiting for the confirms of the rows before it, and confirmed rows are marked sent together,
 * at most {@code mark-delay} after their confirm. A nacked or unconfirmed publish is retried later with
 * exponential backoff; a crash between confirm and mark republishes once the lease has expired (at-least-once;
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
    /** Rows sent and not yet confirmed beyond which the relay waits for confirms before sending more. */
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Object WAKE = new Object();

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
    /** The current executor's thread; one left over from before a stop that timed out publishes nothing more. */
    private volatile Thread relayThread;
    /** Wakes a publish of handed-over rows that waits for confirms or more rows; null while none runs. */
    private volatile BlockingQueue<Object> wakeups;
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
                + "next_attempt_at = now() + make_interval(secs => :delay) WHERE id = ANY(:ids)";
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
            relayThread = t;
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
        BlockingQueue<Object> publishing = wakeups;
        if (publishing != null) {
            publishing.offer(WAKE); // a publish waiting for confirms sends these rows at once
        }
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
        try {
            relayHanded();
            relayDue();
            purgeOccasionally();
        } catch (RuntimeException e) {
            // Whatever it was, the next poll must still run.
            log.warn("outbox relay poll failed: {}", e.toString());
        }
    }

    /** True on the current executor's thread while the relay runs. */
    private boolean current() {
        return isRunning() && Thread.currentThread() == relayThread;
    }

    private void relayDue() {
        try {
            do {
                Queue<OutboxRow> due = new ArrayDeque<>(claim().sort(Comparator.comparingLong(OutboxRow::id)).collectList()
                        .block(STATEMENT_TIMEOUT));
                int claimed = due.size();
                boolean published = due.isEmpty() || publish(due, false);
                release(due);
                if (!published || claimed < props.batchSize()) {
                    return;
                }
            } while (current());
        } catch (RuntimeException e) {
            // Database down or similar: keep the scheduler alive and try again at the next poll.
            log.warn("outbox relay poll failed: {}", e.toString());
        }
    }

    /** Publishes the rows handed over, as they come; on a failure they are left to the poll. */
    private void relayHanded() {
        if (handed.isEmpty()) {
            return;
        }
        if (!publish(handed, true)) {
            releaseHanded();
        } else if (!handed.isEmpty()) {
            wake(); // left by a publish that ended at its time limit: another run, after the poll
        }
    }

    /** Up to {@code max} rows off {@code source}, in order. */
    private List<OutboxRow> next(Queue<OutboxRow> source, int max) {
        List<OutboxRow> rows = new ArrayList<>();
        OutboxRow row;
        while (rows.size() < max && (row = source.poll()) != null) {
            rows.add(row);
        }
        if (source == handed) {
            handedCount.addAndGet(-rows.size());
        }
        return rows;
    }

    /** On stop or a failed publish: rows handed over and not published are due again at once (for any replica's poll). */
    private void releaseHanded() {
        release(next(handed, Integer.MAX_VALUE));
    }

    /** Rows never handed to the broker: due again at once, not after the lease. */
    private void release(Collection<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            db.sql(releaseSql).bind("ids", rows.stream().map(OutboxRow::id).toArray(Long[]::new))
                    .then().block(STATEMENT_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("outbox relay: releasing {} unpublished rows failed, due again when their lease expires: {}",
                    rows.size(), e.toString());
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

    /**
     * Leases due rows for longer than a publish can take (RETURNING has no order: sorted by id after). A relay that
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

    /**
     * A row handed to the channel, waiting for the broker's confirm until {@code deadline} (nanoTime); no two are
     * equal, as each has its own CorrelationData (identity equality).
     */
    private record InFlight(OutboxRow row, CorrelationData correlation, long deadline) {
        /** The broker's answer, or null while there is none. */
        CorrelationData.Confirm confirm() {
            CompletableFuture<CorrelationData.Confirm> future = correlation.getFuture();
            if (!future.isDone()) {
                return null;
            }
            return future.isCompletedExceptionally() ? new CorrelationData.Confirm(false, null) : future.join();
        }
    }

    /**
     * Publishes the rows of {@code source} in its order on one channel, each as soon as it is there: a row does not
     * wait for the confirms of the rows before it, and the thread waits only while it has nothing to send, woken by
     * a confirm or (with {@code linger}) a row handed over. Confirmed rows are marked sent together once a batch of
     * them gathered or the first has waited {@code mark-delay} (with {@code linger} the publish waits that long for
     * more rows before it ends). Ends when the source is empty and every publish is settled and marked, or after a
     * poll interval, so polls get their turn. Every row of one call is settled before the next call sends, so on
     * whichever channel that runs, the broker has the rows in outbox order.
     *
     * @return false when a send failed (the broker is probably out of reach) or the thread was interrupted: rows
     *     left in the source were not sent, the failed row and any taken with it are released
     */
    private boolean publish(Queue<OutboxRow> source, boolean linger) {
        Publication p = new Publication();
        List<OutboxRow> unsent = new ArrayList<>();
        long end = System.nanoTime() + props.pollInterval().toNanos();
        if (linger) {
            wakeups = p.events;
        }
        boolean ok;
        try {
            ok = rabbit.invoke(ops -> {
                while (true) {
                    boolean canSend = current() && System.nanoTime() - end < 0 && p.room() > 0;
                    List<OutboxRow> rows = canSend ? next(source, Math.min(p.room(), props.batchSize())) : List.of();
                    for (int i = 0; i < rows.size(); i++) {
                        try {
                            p.send(ops, rows.get(i));
                        } catch (RuntimeException e) {
                            log.warn("outbox relay: publishing failed, {} rows not sent: {}", rows.size() - i,
                                    e.toString());
                            unsent.addAll(rows.subList(i, rows.size()));
                            p.finish();
                            return false;
                        }
                    }
                    p.settle();
                    if (canSend && !source.isEmpty()) {
                        continue;
                    }
                    // With rows confirmed and not yet marked, a lingering publish waits for more rows to mark with them.
                    boolean waitForRows = linger && canSend && !p.confirmed.isEmpty();
                    if (p.inFlight.isEmpty() && !waitForRows) {
                        p.markConfirmed();
                        return true;
                    }
                    if (!p.await()) {
                        return false;
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("outbox relay: publishing failed: {}", e.toString());
            p.finish();
            ok = false;
        } finally {
            if (linger) {
                wakeups = null;
            }
        }
        release(unsent);
        return ok;
    }

    /** One {@link #publish}'s rows in flight and confirmed, and the confirms and hand-overs that wake it. */
    private final class Publication {
        /** Rows sent and not yet settled, oldest first. */
        final Set<InFlight> inFlight = new LinkedHashSet<>();
        /** Settled publishes (from the connection's thread) and {@link #WAKE} for rows handed over. */
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final List<OutboxRow> confirmed = new ArrayList<>();
        long firstConfirmedNanos;

        int room() {
            return MAX_IN_FLIGHT - inFlight.size();
        }

        void send(RabbitOperations ops, OutboxRow row) {
            CorrelationData correlation = new CorrelationData(row.messageId().toString());
            ops.send(row.exchange(), row.routingKey(), message(row), correlation);
            InFlight f = new InFlight(row, correlation, System.nanoTime() + props.confirmTimeout().toNanos());
            inFlight.add(f);
            correlation.getFuture().whenComplete((confirm, error) -> events.offer(f));
        }

        /**
         * Waits for a confirm, a row handed over, the oldest publish's confirm deadline or the confirmed rows' mark
         * deadline; false when interrupted (stopping): the rows in flight are left to their leases.
         */
        boolean await() {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            if (!inFlight.isEmpty()) {
                wait = inFlight.iterator().next().deadline() - now;
            }
            if (!confirmed.isEmpty()) {
                wait = Math.min(wait, firstConfirmedNanos + props.markDelay().toNanos() - now);
            }
            try {
                Object event = events.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (event != null) {
                    events.add(event); // settled by the next settle(), with any that came with it
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Takes settled and timed-out publishes off {@link #inFlight}: confirmed rows to be marked sent, the others
         * marked failed (retried with backoff); marks the confirmed ones once a batch gathered or the first has
         * waited {@code mark-delay}.
         */
        void settle() {
            Map<String, List<OutboxRow>> failed = new LinkedHashMap<>();
            for (Object event; (event = events.poll()) != null; ) {
                if (event instanceof InFlight f && inFlight.remove(f)) {
                    settled(f, f.confirm(), "no confirm", failed);
                }
            }
            long now = System.nanoTime();
            for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
                InFlight f = it.next();
                if (now - f.deadline() < 0) {
                    break; // the rest were sent later
                }
                it.remove();
                CorrelationData.Confirm confirm = f.confirm(); // answered just now, or not in time
                settled(f, confirm, "no publisher confirm within " + props.confirmTimeout(), failed);
            }
            failed.forEach((reason, rows) -> markFailed(rows, reason));
            if (confirmed.size() >= props.batchSize()
                    || (!confirmed.isEmpty() && now - firstConfirmedNanos - props.markDelay().toNanos() >= 0)) {
                markConfirmed();
            }
        }

        /** Files a settled row: confirmed, or failed (nacked, or {@code unanswered} without a confirm). */
        private void settled(InFlight f, CorrelationData.Confirm confirm, String unanswered,
                             Map<String, List<OutboxRow>> failed) {
            if (confirm != null && confirm.isAck()) {
                if (confirmed.isEmpty()) {
                    firstConfirmedNanos = System.nanoTime();
                }
                confirmed.add(f.row());
            } else {
                String reason = confirm == null ? unanswered
                        : "broker nacked" + (confirm.getReason() == null ? "" : ": " + confirm.getReason());
                failed.computeIfAbsent(reason, r -> new ArrayList<>()).add(f.row());
            }
        }

        /** After a failed send or channel: what was confirmed is marked sent, what was not is retried later. */
        void finish() {
            Map<String, List<OutboxRow>> failed = new LinkedHashMap<>();
            for (InFlight f : inFlight) {
                settled(f, f.confirm(), "the channel failed before the broker confirmed", failed);
            }
            inFlight.clear();
            failed.forEach((reason, rows) -> markFailed(rows, reason));
            markConfirmed();
        }

        /** Marks the confirmed rows sent in one statement; if that fails they are published again after their lease. */
        void markConfirmed() {
            if (confirmed.isEmpty()) {
                return;
            }
            Long[] ids = confirmed.stream().map(OutboxRow::id).toArray(Long[]::new);
            confirmed.clear();
            try {
                db.sql(sentSql).bind("ids", ids).then().block(STATEMENT_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("outbox relay: marking {} confirmed rows sent failed, they are published again after their "
                        + "lease: {}", ids.length, e.toString());
            }
        }
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

    /** How long a claim holds: well beyond one publish and its confirm wait. */
    Duration lease() {
        Duration twice = props.confirmTimeout().multipliedBy(2);
        return twice.compareTo(MIN_LEASE) > 0 ? twice : MIN_LEASE;
    }

    /** Records failed publishes: each row is due again after its backoff (one statement per distinct backoff). */
    private void markFailed(List<OutboxRow> rows, String reason) {
        Map<Duration, List<OutboxRow>> byBackoff = new TreeMap<>();
        for (OutboxRow row : rows) {
            byBackoff.computeIfAbsent(backoff(row.attempts(), props.retryBackoff(), props.maxRetryBackoff()),
                    b -> new ArrayList<>()).add(row);
        }
        String error = reason.length() > 500 ? reason.substring(0, 500) : reason;
        byBackoff.forEach((backoff, failed) -> {
            log.warn("publishing {} outbox rows failed (first {}, {}), retry in {}: {}", failed.size(),
                    failed.get(0).id(), failed.get(0).type(), backoff, reason);
            try {
                db.sql(failedSql)
                        .bind("ids", failed.stream().map(OutboxRow::id).toArray(Long[]::new))
                        .bind("error", error)
                        .bind("delay", backoff.toMillis() / 1000.0)
                        .then().block(STATEMENT_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("outbox relay: recording {} failed publishes failed, due again after their lease: {}",
                        failed.size(), e.toString());
            }
        });
    }

    /** {@code first} doubled per earlier attempt, at most {@code max}. */
    static Duration backoff(int attempts, Duration first, Duration max) {
        Duration d = first.multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(max) > 0 ? max : d;
    }
}

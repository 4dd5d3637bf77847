package org.faxserver.api.fax.events;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Binds this instance's job events queue to its routing keys while the feed is held, and unbinds it
 * {@code unbindAfter} after the last hold was released (so a client that reconnects at once causes no
 * churn). Every broker call and all state live on one thread of its own: holds and releases never
 * wait for the broker, and a bind, an unbind and a rebind never overlap. A bind that fails (broker out
 * of reach) is retried while the feed is held.
 *
 * <p>The queue is exclusive and auto-delete: it and its bindings go with the connection. RabbitAdmin
 * declares it again when a connection is made; this feed, registered after it, then binds it again if
 * it is held.
 */
public final class BrokerJobEventFeed implements JobEventFeed, ConnectionListener, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(BrokerJobEventFeed.class);

    private final AmqpAdmin admin;
    private final String queue;
    private final String exchange;
    private final List<String> routingKeys;
    private final Duration unbindAfter;
    private final Duration bindRetry;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-events-feed");
        t.setDaemon(true);
        return t;
    });

    // Touched on the feed's thread only.
    private int holders;
    private boolean bound;
    private ScheduledFuture<?> pendingUnbind;
    private ScheduledFuture<?> retry;
    private long binds;
    /** Emitted on the feed's thread only, so never concurrently. */
    private final Sinks.Many<Long> rebound = Sinks.many().multicast().directBestEffort();

    /**
     * @param unbindAfter how long the queue stays bound after the last hold was released
     * @param bindRetry   pause before a failed bind is tried again (while held)
     */
    public BrokerJobEventFeed(AmqpAdmin admin, String queue, String exchange, List<String> routingKeys,
                              Duration unbindAfter, Duration bindRetry) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.routingKeys = List.copyOf(routingKeys);
        this.unbindAfter = Objects.requireNonNull(unbindAfter, "unbindAfter");
        this.bindRetry = Objects.requireNonNull(bindRetry, "bindRetry");
    }

    @Override
    public Hold hold() {
        Sinks.Empty<Void> ready = Sinks.empty();
        thread.execute(() -> acquire(ready));
        return new Hold(ready.asMono(), rebound.asFlux(), () -> later(this::releaseOne));
    }

    /** True while the queue is bound (for tests and diagnostics). */
    public boolean isBound() {
        try {
            return thread.submit(() -> bound).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void acquire(Sinks.Empty<Void> ready) {
        holders++;
        if (pendingUnbind != null) {
            pendingUnbind.cancel(false);
            pendingUnbind = null;
        }
        if (!bound && retry == null) {
            bindOrRetry();
        }
        // Bound, or the broker is out of reach (a retry pending): the stream shows the current state now, live
        // events once bound.
        ready.tryEmitEmpty();
    }

    private void releaseOne() {
        holders--;
        if (holders == 0) {
            pendingUnbind = thread.schedule(this::unbindIfIdle, unbindAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Removes every key's binding, bound or not: a bind that failed halfway may have left one. */
    private void unbindIfIdle() {
        pendingUnbind = null;
        if (holders > 0) {
            return;
        }
        bound = false;
        try {
            for (String key : routingKeys) {
                admin.removeBinding(binding(key));
            }
        } catch (RuntimeException e) {
            // The queue may be gone with its connection (then so are its bindings); a later bind starts afresh.
            log.debug("job events queue {} not unbound: {}", queue, e.toString());
        }
    }

    private void bindOrRetry() {
        try {
            for (String key : routingKeys) {
                admin.declareBinding(binding(key));
            }
            bound = true;
            rebound.tryEmitNext(++binds);
        } catch (RuntimeException e) {
            log.warn("job events queue {} not bound ({}); retrying in {}", queue, e.toString(), bindRetry);
            if (retry == null) {
                retry = thread.schedule(() -> {
                    retry = null;
                    if (holders > 0 && !bound) {
                        bindOrRetry();
                    }
                }, bindRetry.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A new connection means a new queue without bindings; a held feed binds it again. */
    @Override
    public void onCreate(Connection connection) {
        later(this::rebindIfHeld);
    }

    /** The queue and its bindings went with the connection: a stream opened now must not count on them. */
    @Override
    public void onClose(Connection connection) {
        later(() -> bound = false);
    }

    @Override
    public void onShutDown(ShutdownSignalException signal) {
        later(() -> bound = false);
    }

    /**
     * The listener's consumer started on the queue: the queue may have been declared anew without a new
     * connection (the container re-declares a missing queue), or RabbitAdmin may have declared it only now.
     */
    public void consumerStarted() {
        later(this::rebindIfHeld);
    }

    private void rebindIfHeld() {
        bound = false;
        if (holders > 0) {
            bindOrRetry();
        }
    }

    private Binding binding(String routingKey) {
        return new Binding(queue, Binding.DestinationType.QUEUE, exchange, routingKey, null);
    }

    private void later(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopping: the queue and its bindings go with the connection.
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}

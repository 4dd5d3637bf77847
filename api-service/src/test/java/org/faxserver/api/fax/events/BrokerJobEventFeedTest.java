package org.faxserver.api.fax.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;

/**
 * The feed's bookkeeping against an admin that records bind and unbind calls (the broker itself:
 * JobEventsStreamTest): bound on the first hold, kept while held, unbound a while after the last release,
 * and a bind that fails is retried while held.
 */
class BrokerJobEventFeedTest {
    private static final Duration UNBIND_AFTER = Duration.ofMillis(200);
    private static final Duration BIND_RETRY = Duration.ofMillis(100);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** How many of the next declareBinding calls fail as if the broker were down. */
    private final AtomicInteger failingBinds = new AtomicInteger();
    /** A routing key whose binding fails (null: none). */
    private volatile String failingKey;
    private final AtomicInteger bindAttempts = new AtomicInteger();
    private final AmqpAdmin admin = (AmqpAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AmqpAdmin.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "declareBinding" -> {
                        bindAttempts.incrementAndGet();
                        String key = ((Binding) args[0]).getRoutingKey();
                        if (failingBinds.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || key.equals(failingKey)) {
                            throw new AmqpConnectException(new java.net.ConnectException("refused"));
                        }
                        calls.add("bind " + ((Binding) args[0]).getRoutingKey());
                    }
                    case "removeBinding" -> calls.add("unbind " + ((Binding) args[0]).getRoutingKey());
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            });
    private BrokerJobEventFeed feed = feed(BIND_RETRY);

    private BrokerJobEventFeed feed(Duration bindRetry) {
        return new BrokerJobEventFeed(admin, "q", "fax.events", List.of("job.status", "attempt.progress"),
                UNBIND_AFTER, bindRetry);
    }

    @AfterEach
    void stop() {
        feed.destroy();
    }

    @Test
    void boundOnTheFirstHoldOnlyAndUnboundAWhileAfterTheLastRelease() throws Exception {
        JobEventFeed.Hold first = feed.hold();
        first.ready().block(Duration.ofSeconds(5));
        JobEventFeed.Hold second = feed.hold();
        second.ready().block(Duration.ofSeconds(5));
        assertThat(calls).containsExactly("bind job.status", "bind attempt.progress");
        assertThat(feed.isBound()).isTrue();

        first.release();
        first.release(); // a second release of the same hold does nothing
        second.release();
        assertThat(feed.isBound()).as("still bound right after the last release").isTrue();
        awaitBound(false);
        assertThat(calls).containsExactly("bind job.status", "bind attempt.progress",
                "unbind job.status", "unbind attempt.progress");
    }

    @Test
    void aHoldWithinTheLingerKeepsTheBinding() throws Exception {
        feed.hold().release();
        JobEventFeed.Hold again = feed.hold();
        again.ready().block(Duration.ofSeconds(5));
        Thread.sleep(UNBIND_AFTER.toMillis() * 2);
        assertThat(feed.isBound()).isTrue();
        assertThat(calls).containsExactly("bind job.status", "bind attempt.progress");
        again.release();
    }

    @Test
    void aFailedBindLetsTheStreamStartAndIsRetriedWhileHeld() throws Exception {
        failingBinds.set(2);
        JobEventFeed.Hold hold = feed.hold();
        hold.ready().block(Duration.ofSeconds(5)); // the current state is shown at once
        awaitBound(true);
        assertThat(calls).containsExactly("bind job.status", "bind attempt.progress");
        hold.release();
    }

    @Test
    void whileABindWaitsForItsRetryANewStreamDoesNotWaitForTheBrokerAgain() throws Exception {
        feed.destroy();
        feed = feed(Duration.ofMinutes(1));
        failingBinds.set(Integer.MAX_VALUE);
        JobEventFeed.Hold first = feed.hold();
        first.ready().block(Duration.ofSeconds(5));
        JobEventFeed.Hold second = feed.hold();
        second.ready().block(Duration.ofSeconds(5));
        assertThat(bindAttempts).hasValue(1);
        first.release();
        second.release();
    }

    @Test
    void aBindingLeftByABindThatFailedHalfwayIsRemovedAfterTheLastRelease() throws Exception {
        failingKey = "attempt.progress";
        JobEventFeed.Hold hold = feed.hold();
        hold.ready().block(Duration.ofSeconds(5));
        assertThat(feed.isBound()).isFalse();
        hold.release();
        awaitCalls(3);
        assertThat(calls).containsExactly("bind job.status", "unbind job.status", "unbind attempt.progress");
    }

    @Test
    void aLostConnectionMakesTheNextStreamBindAgain() throws Exception {
        JobEventFeed.Hold first = feed.hold();
        first.ready().block(Duration.ofSeconds(5));
        feed.onShutDown(null);
        assertThat(feed.isBound()).isFalse();
        JobEventFeed.Hold second = feed.hold();
        second.ready().block(Duration.ofSeconds(5));
        assertThat(feed.isBound()).isTrue();
        assertThat(calls).containsExactly("bind job.status", "bind attempt.progress",
                "bind job.status", "bind attempt.progress");
        first.release();
        second.release();
    }

    @Test
    void aNewConnectionBindsAHeldFeedAgainAndLeavesAnIdleOneAlone() throws Exception {
        JobEventFeed.Hold hold = feed.hold();
        hold.ready().block(Duration.ofSeconds(5));
        List<Long> rebound = new CopyOnWriteArrayList<>();
        hold.rebound().subscribe(rebound::add);
        feed.onCreate(null);
        awaitCalls(4);
        assertThat(rebound).as("the streams are told to read the state again").hasSize(1);
        assertThat(calls).containsExactly("bind job.status", "bind attempt.progress",
                "bind job.status", "bind attempt.progress");
        hold.release();
        awaitBound(false);
        calls.clear();
        feed.onCreate(null);
        assertThat(feed.isBound()).isFalse();
        assertThat(calls).isEmpty();
    }

    private void awaitBound(boolean bound) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (feed.isBound() != bound && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(feed.isBound()).isEqualTo(bound);
    }

    private void awaitCalls(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

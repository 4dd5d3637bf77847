package org.faxserver.gateway.receive.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;

/**
 * What to do when fax-router does not answer {@code route.inbound} in time (decision 0009): repeat an
 * answer the router gave recently, never invent one.
 *
 * <p>Every accepted, non-relay decision is remembered: the recipient number → tenant and ident, and
 * the source address → the T.38 policy it got. Without a router answer a call is accepted when
 * <em>both</em> its recipient and its source address were accepted within {@code memory}; the fax is
 * received and published as usual, and the router plans its delivery from {@code inbound.received}
 * against the directory as it is then. Anything else (a number or source not seen lately, a relay to
 * an outside number, whose caller id check only the router can make) is answered with SIP
 * {@value #UNAVAILABLE}, a temporary failure the sender retries later: nothing is received, so nothing
 * is lost, and no unknown source learns which numbers exist.
 *
 * <p>Thread-safe; bounded to {@code capacity} numbers and as many sources (least recently used go).
 */
public final class RouterFallback {

  /** SIP "Service Unavailable": try again later. */
  public static final int UNAVAILABLE = 503;

  private record Recipient(String tenantId, String ident, Instant seen) {}

  private record Source(T38Policy t38, Instant seen) {}

  private final Duration memory;
  private final Clock clock;
  private final Map<PhoneNumber, Recipient> recipients;
  private final Map<String, Source> sources;

  public RouterFallback(Duration memory, int capacity, Clock clock) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.recipients = bounded(capacity);
    this.sources = bounded(capacity);
  }

  /** Learns from the router's answer to a request. */
  public synchronized void remember(InboundRouteRequest request, InboundRouteDecision decision) {
    if (!decision.accepted() || decision.relayOut()) {
      return;
    }
    Instant now = clock.instant();
    recipients.put(decision.recipient(), new Recipient(decision.tenantId(), decision.ident(), now));
    if (request.sourceIp() != null) {
      sources.put(request.sourceIp(), new Source(decision.t38(), now));
    }
  }

  /** The decision to act on when the router did not answer. */
  public synchronized InboundRouteDecision decide(InboundRouteRequest request) {
    Optional<Recipient> recipient = fresh(recipients.get(request.callee()), Recipient::seen);
    Optional<Source> source = request.sourceIp() == null ? Optional.empty()
        : fresh(sources.get(request.sourceIp()), Source::seen);
    if (recipient.isEmpty() || source.isEmpty()) {
      return InboundRouteDecision.reject(request.callId(), UNAVAILABLE, "router did not answer and "
          + (recipient.isEmpty() ? "the number" : "the source") + " was not accepted within " + memory);
    }
    return InboundRouteDecision.accept(request.callId(), recipient.get().tenantId(), request.callee(),
        source.get().t38(), recipient.get().ident());
  }

  private <T> Optional<T> fresh(T entry, java.util.function.Function<T, Instant> seen) {
    if (entry == null || seen.apply(entry).plus(memory).isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  private static <K, V> Map<K, V> bounded(int capacity) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}

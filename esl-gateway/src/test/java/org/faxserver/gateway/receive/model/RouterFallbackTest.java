package org.faxserver.gateway.receive.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;

class RouterFallbackTest {

  private static final PhoneNumber DID = PhoneNumber.ofE164("+15550001001");
  private static final PhoneNumber OTHER = PhoneNumber.ofE164("+15550001002");
  private static final PhoneNumber OUTSIDE = PhoneNumber.ofE164("+442079460958");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
  private final RouterFallback fallback = new RouterFallback(Duration.ofHours(24), 100, clock);

  private static InboundRouteRequest call(PhoneNumber callee, String ip) {
    return new InboundRouteRequest(UUID.randomUUID(), OUTSIDE, null, callee, null, "carrier1", ip);
  }

  private void accepted(PhoneNumber callee, String ip, T38Policy t38) {
    InboundRouteRequest r = call(callee, ip);
    fallback.remember(r, InboundRouteDecision.accept(r.callId(), "tenant-7", callee, t38, "ACME FAX"));
  }

  @Test
  void knownNumberFromAKnownSourceIsAcceptedAsTheRouterDidBefore() {
    accepted(DID, "203.0.113.9", T38Policy.REQUEST);

    InboundRouteRequest again = call(DID, "203.0.113.9");
    InboundRouteDecision d = fallback.decide(again);

    assertThat(d.accepted()).isTrue();
    assertThat(d.callId()).isEqualTo(again.callId());
    assertThat(d.tenantId()).isEqualTo("tenant-7");
    assertThat(d.ident()).isEqualTo("ACME FAX");
    assertThat(d.t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(d.relayOut()).isFalse();
  }

  @Test
  void aKnownSourceCarriesOverToAnotherKnownNumber() {
    accepted(DID, "203.0.113.9", T38Policy.ACCEPT);
    accepted(OTHER, "203.0.113.10", T38Policy.OFF);

    InboundRouteDecision d = fallback.decide(call(OTHER, "203.0.113.9"));

    assertThat(d.accepted()).isTrue();
    assertThat(d.t38()).isEqualTo(T38Policy.ACCEPT);
  }

  @Test
  void unknownNumberOrUnknownSourceIsATemporaryFailure() {
    accepted(DID, "203.0.113.9", T38Policy.ACCEPT);

    assertThat(fallback.decide(call(OTHER, "203.0.113.9")).sipCode()).isEqualTo(503);
    assertThat(fallback.decide(call(DID, "198.51.100.1")).sipCode()).isEqualTo(503);
    assertThat(fallback.decide(call(DID, null)).sipCode()).isEqualTo(503);
  }

  @Test
  void rejectionsAndRelaysAreNotRemembered() {
    InboundRouteRequest relay = call(OUTSIDE, "10.0.0.12");
    fallback.remember(relay, InboundRouteDecision.relayOut(relay.callId(), "tenant-7", OUTSIDE, T38Policy.OFF, null));
    InboundRouteRequest rejected = call(DID, "203.0.113.9");
    fallback.remember(rejected, InboundRouteDecision.reject(rejected.callId(), 404, "no"));

    assertThat(fallback.decide(call(OUTSIDE, "10.0.0.12")).sipCode()).isEqualTo(503);
    assertThat(fallback.decide(call(DID, "203.0.113.9")).sipCode()).isEqualTo(503);
  }

  @Test
  void memoryExpires() {
    accepted(DID, "203.0.113.9", T38Policy.ACCEPT);
    clock.set(clock.instant().plus(Duration.ofHours(25)));

    assertThat(fallback.decide(call(DID, "203.0.113.9")).sipCode()).isEqualTo(503);
  }
}

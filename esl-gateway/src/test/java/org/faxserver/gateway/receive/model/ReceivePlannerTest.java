package org.faxserver.gateway.receive.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.junit.jupiter.api.Test;

class ReceivePlannerTest {

  private static final UUID CALL = UUID.randomUUID();
  private static final PhoneNumber DID = PhoneNumber.ofE164("+15550001001");

  private static String line(ReceiveStep s) {
    return s.app() + " " + s.arg() + (s.eventLock() ? " [lock]" : "");
  }

  @Test
  void theSeedsSequenceWithRingingAndSilence() {
    ReceivePlanner planner = new ReceivePlanner(new ReceiveSettings(Duration.ofMillis(2000), Duration.ofMillis(500), ""));

    assertThat(planner.steps(InboundRouteDecision.accept(CALL, "t", DID, T38Policy.REQUEST, "ACME FAX"), false,
        "/docs/t/in.tif")).extracting(ReceivePlannerTest::line).containsExactly(
        "set fax_enable_t38=true [lock]", "set fax_enable_t38_request=true [lock]", "ring_ready  [lock]",
        "sleep 2000 [lock]", "answer  [lock]", "playback silence_stream://500 [lock]", "set fax_ident=ACME FAX [lock]",
        "rxfax /docs/t/in.tif [lock]", "hangup ");
  }

  @Test
  void noRingingNoSilenceWhenZeroAndFallbackListTurnsT38Off() {
    ReceivePlanner planner = new ReceivePlanner(new ReceiveSettings(Duration.ZERO, Duration.ZERO, "GLOBAL"));

    assertThat(planner.steps(InboundRouteDecision.accept(CALL, "t", DID, T38Policy.REQUEST, null), true, "/f.tif"))
        .extracting(ReceivePlannerTest::line).containsExactly("set fax_enable_t38=false [lock]",
            "set fax_enable_t38_request=false [lock]", "answer  [lock]", "set fax_ident=GLOBAL [lock]",
            "rxfax /f.tif [lock]", "hangup ");
  }

  @Test
  void identFallsBackToTheRecipientNumber() {
    ReceivePlanner planner = new ReceivePlanner(new ReceiveSettings(Duration.ZERO, Duration.ZERO, " "));

    assertThat(planner.ident(InboundRouteDecision.accept(CALL, "t", DID, T38Policy.ACCEPT, "line\nbreak")))
        .isEqualTo("line break");
    assertThat(planner.ident(InboundRouteDecision.accept(CALL, "t", DID, T38Policy.ACCEPT, null)))
        .isEqualTo("+15550001001");
  }

  @Test
  void aRejectionIsNeverReceived() {
    ReceivePlanner planner = new ReceivePlanner(new ReceiveSettings(Duration.ZERO, Duration.ZERO, null));

    assertThatThrownBy(() -> planner.steps(InboundRouteDecision.reject(CALL, 404, "no"), false, "/f.tif"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

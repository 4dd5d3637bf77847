package org.faxserver.model.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.messaging.MessageJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundRouteDecisionTest {

  private static final UUID CALL = UUID.randomUUID();
  private static final PhoneNumber DID = PhoneNumber.ofE164("+15551234567");
  private static final PhoneNumber OUTSIDE = PhoneNumber.ofE164("+442079460958");

  @Test
  void acceptCarriesTenantAndPolicy() {
    InboundRouteDecision decision = InboundRouteDecision.accept(CALL, "t-1", DID, T38Policy.OFF, "ACME");

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.isRejected()).isFalse();
    assertThat(decision.t38()).isEqualTo(T38Policy.OFF);
    assertThat(decision.sipCode()).isNull();
  }

  @Test
  void acceptWithoutPolicyAcceptsT38() {
    assertThat(InboundRouteDecision.accept(CALL, "t-1", DID, null, null).t38()).isEqualTo(T38Policy.ACCEPT);
  }

  @Test
  void rejectCarriesSipCode() {
    InboundRouteDecision decision = InboundRouteDecision.reject(CALL, 404, "unknown number");

    assertThat(decision.isRejected()).isTrue();
    assertThat(decision.sipCode()).isEqualTo(404);
    assertThat(decision.tenantId()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 399, 700})
  void rejectNeedsAFailureSipCode(int code) {
    assertThatThrownBy(() -> InboundRouteDecision.reject(CALL, code, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptNeedsATenant() {
    assertThatThrownBy(() -> InboundRouteDecision.accept(CALL, null, DID, T38Policy.ACCEPT, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void acceptCannotCarryARejectCode() {
    assertThatThrownBy(
            () -> new InboundRouteDecision(CALL, true, "t-1", DID, T38Policy.ACCEPT, null, 404, null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOrdinaryAcceptIsNotARelay() {
    assertThat(InboundRouteDecision.accept(CALL, "t-1", DID, null, null).relayOut()).isFalse();
    assertThat(InboundRouteDecision.reject(CALL, 404, "x").relayOut()).isFalse();
  }

  @Test
  void relayOutIsAnAcceptForTheSendingTenant() {
    InboundRouteDecision decision = InboundRouteDecision.relayOut(CALL, "t-1", OUTSIDE, null, null);

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.relayOut()).isTrue();
    assertThat(decision.tenantId()).isEqualTo("t-1");
    assertThat(decision.recipient()).isEqualTo(OUTSIDE);
    assertThat(decision.t38()).isEqualTo(T38Policy.ACCEPT);
  }

  @Test
  void aRejectionCannotBeARelay() {
    assertThatThrownBy(
            () -> new InboundRouteDecision(CALL, false, null, null, null, null, 403, "x", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDecisionWithoutTheRelayFieldReadsAsNoRelay() {
    String older = """
        {"messageId":"6f1c1f9e-3b0a-4a57-9d51-0c2f0d4e8a11","type":"route.inbound.decision","version":1,
         "occurredAt":"2026-11-26T07:00:00Z","correlationId":null,
         "payload":{"callId":"%s","accepted":true,"tenantId":"t-1","recipient":"+15551234567",
                    "t38":"OFF","ident":null,"sipCode":null,"reason":null}}
        """.formatted(CALL);

    InboundRouteDecision read = MessageJson.read(older, InboundRouteDecision.class).payload();

    assertThat(read).isEqualTo(InboundRouteDecision.accept(CALL, "t-1", DID, T38Policy.OFF, null));
  }
}

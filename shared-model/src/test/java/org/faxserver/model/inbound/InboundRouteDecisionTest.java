package org.faxserver.model.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundRouteDecisionTest {

  private static final UUID CALL = UUID.randomUUID();
  private static final PhoneNumber DID = PhoneNumber.ofE164("+15551234567");

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
            () -> new InboundRouteDecision(CALL, true, "t-1", DID, T38Policy.ACCEPT, null, 404, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

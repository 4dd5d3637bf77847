package org.faxserver.model.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HangupCauseTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "NORMAL_CLEARING, 16",
    "USER_BUSY, 17",
    "NO_USER_RESPONSE, 18",
    "NO_ANSWER, 19",
    "CALL_REJECTED, 21",
    "UNALLOCATED_NUMBER, 1",
    "NORMAL_TEMPORARY_FAILURE, 41",
    "RECOVERY_ON_TIMER_EXPIRE, 102",
    "INCOMPATIBLE_DESTINATION, 88",
    "ORIGINATOR_CANCEL, 487",
    "MEDIA_TIMEOUT, 604",
    "GATEWAY_DOWN, 609",
  })
  void readsFreeSwitchNamesWithTheirCodes(String name, int code) {
    HangupCause cause = HangupCause.fromFreeSwitch(name);

    assertThat(cause.name()).isEqualTo(name);
    assertThat(cause.code()).isEqualTo(code);
    assertThat(HangupCause.fromCode(code)).isSameAs(cause);
  }

  @Test
  void readsNamesLeniently() {
    assertThat(HangupCause.fromFreeSwitch(" user_busy\n")).isEqualTo(HangupCause.USER_BUSY);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"BUSY_EVERYWHERE", "Timeout", "-ERR USER_BUSY", "UNKNOWN_CAUSE"})
  void unlistedOrMissingCauseIsUnknownNotAnError(String name) {
    assertThat(HangupCause.fromFreeSwitch(name)).isEqualTo(HangupCause.UNKNOWN);
  }

  @Test
  void unknownCodeIsUnknown() {
    assertThat(HangupCause.fromCode(4242)).isEqualTo(HangupCause.UNKNOWN);
  }

  @Test
  void tellsQ850CausesFromFreeSwitchOnes() {
    assertThat(HangupCause.USER_BUSY.isQ850()).isTrue();
    assertThat(HangupCause.INTERWORKING.isQ850()).isTrue();
    assertThat(HangupCause.ORIGINATOR_CANCEL.isQ850()).isFalse();
    assertThat(HangupCause.UNKNOWN.isQ850()).isFalse();
  }

  @Test
  void codesAreUnique() {
    assertThat(Arrays.stream(HangupCause.values()).map(HangupCause::code)).doesNotHaveDuplicates();
  }
}

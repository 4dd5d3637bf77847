package org.faxserver.model.fax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaxResultTest {

  @Test
  void callThatNeverStartedTheFaxHasNoT30Completion() {
    FaxResult busy = FaxResult.notStarted(HangupCause.USER_BUSY, "USER_BUSY");

    assertThat(busy.success()).isFalse();
    assertThat(busy.faxStarted()).isFalse();
    assertThat(busy.t30Completion()).isEmpty();
    assertThat(busy.pages()).isEmpty();
  }

  @Test
  void resultCodeMapsToT30Completion() {
    FaxResult dropped =
        new FaxResult(false, 49, "The call dropped prematurely", 1, 3, HangupCause.NORMAL_CLEARING,
            "REMOTE", "LOCAL", 9600, true, T38Status.OFF, 0, 1, List.of());

    assertThat(dropped.t30Completion()).contains(T30Completion.CALLDROPPED);
    assertThat(dropped.faxStarted()).isTrue();
  }

  @Test
  void missingEnumsAndListsAreNormalised() {
    FaxResult result = new FaxResult(false, null, null, 0, 0, null, null, null, null, false, null, 0, 0, null);

    assertThat(result.hangupCause()).isEqualTo(HangupCause.UNKNOWN);
    assertThat(result.t38Status()).isEqualTo(T38Status.UNKNOWN);
    assertThat(result.pages()).isEmpty();
  }

  @Test
  void successWithoutResultCodeIsRefused() {
    assertThatThrownBy(
            () -> new FaxResult(true, null, "OK", 1, 1, HangupCause.NORMAL_CLEARING, null, null,
                14400, true, T38Status.OFF, 0, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pageNumbersStartAtOne() {
    assertThatThrownBy(() -> new PageResult(0, 0, 0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

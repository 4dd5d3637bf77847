package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.PageResult;
import org.faxserver.model.fax.T38Status;
import org.junit.jupiter.api.Test;

class SoftmodemFallbackRuleTest {

  static final SoftmodemFallbackRule RULE = new SoftmodemFallbackRule(true);

  static FaxResult result(boolean success, int negotiations, int badRows) {
    List<PageResult> pages = badRows == 0 ? List.of() : List.of(new PageResult(1, badRows, badRows, null, null, null, null));
    return new FaxResult(success, success ? 0 : 49, null, pages.size(), 2, HangupCause.NORMAL_CLEARING, null, null,
        14400, true, T38Status.NEGOTIATED, badRows, negotiations, pages);
  }

  @Test
  void failedFaxThatRetrainedPutsTheNumberOnTheFallbackList() {
    SoftmodemFallbackRule.Verdict v = RULE.judge(result(false, 2, 0));

    assertThat(v.learn()).isTrue();
    assertThat(v.reason()).contains("2 negotiations");
  }

  @Test
  void failedFaxWithBadRowsPutsTheNumberOnTheFallbackList() {
    assertThat(RULE.judge(result(false, 1, 7)).learn()).isTrue();
  }

  @Test
  void failedFaxWithCleanTrainingTeachesNothing() {
    assertThat(RULE.judge(result(false, 1, 0)).learn()).isFalse();
  }

  @Test
  void successTeachesNothingEvenAfterRetraining() {
    assertThat(RULE.judge(result(true, 3, 4)).learn()).isFalse();
  }

  @Test
  void callThatNeverFaxedTeachesNothing() {
    assertThat(RULE.judge(FaxResult.notStarted(HangupCause.USER_BUSY, "busy")).learn()).isFalse();
  }

  @Test
  void switchedOffTheRuleNeverLearns() {
    assertThat(new SoftmodemFallbackRule(false).judge(result(false, 4, 9)).learn()).isFalse();
  }
}

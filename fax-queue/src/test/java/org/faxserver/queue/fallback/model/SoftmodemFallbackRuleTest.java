package org.faxserver.queue.fallback.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.busy;
import static org.faxserver.queue.support.QueueFixtures.faxFailed;
import static org.faxserver.queue.support.QueueFixtures.sent;

import org.junit.jupiter.api.Test;

class SoftmodemFallbackRuleTest {

  private final SoftmodemFallbackRule rule = new SoftmodemFallbackRule(true);

  @Test
  void softmodemFallbackLearnsAFailedFaxWithMoreThanOneNegotiationOrAnyBadRows() {
    assertThat(rule.learnsFrom(faxFailed(2, 0))).isTrue();
    assertThat(rule.learnsFrom(faxFailed(1, 5))).isTrue();
    assertThat(rule.learnsFrom(faxFailed(1, 0))).isFalse();
    assertThat(rule.learnsFrom(busy())).isFalse();
    assertThat(rule.learnsFrom(sent())).isFalse();
  }

  @Test
  void softmodemFallbackSwitchedOffNeitherLearnsNorApplies() {
    SoftmodemFallbackRule off = new SoftmodemFallbackRule(false);

    assertThat(off.learnsFrom(faxFailed(3, 3))).isFalse();
    assertThat(off.appliesTo(true)).isFalse();
    assertThat(rule.appliesTo(true)).isTrue();
  }
}

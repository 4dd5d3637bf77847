package org.faxserver.queue.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faxserver.queue.support.QueueFixtures.T0;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.aJobTo;
import static org.faxserver.queue.support.QueueFixtures.aWorkflow;
import static org.faxserver.queue.support.QueueFixtures.planOf;

import java.util.UUID;
import org.faxserver.model.job.PriorityGroup;
import org.junit.jupiter.api.Test;

/** The schedule's rule the due-job queries rely on: a job is never due while an attempt is live. */
class JobTest {

  @Test
  void aJobWithALiveAttemptCannotBeMadeDue() {
    Job accepted = aWorkflow().accept(aJobTo(planOf(PriorityGroup.of(1, aGateway("gw")))), T0).job();
    UUID attempt = UUID.randomUUID();
    Job started = accepted.startAttempt(attempt, 0, T0).job();

    assertThat(started.liveAttemptId()).isEqualTo(attempt);
    assertThat(started.nextAttemptAt()).isNull();
    assertThatThrownBy(() -> started.postponeUntil(T0.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be due while attempt " + attempt + " is live");
  }
}

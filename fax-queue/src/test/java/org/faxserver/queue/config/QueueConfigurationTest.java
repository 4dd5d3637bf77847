package org.faxserver.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.faxserver.model.fax.HangupCause;
import org.junit.jupiter.api.Test;

class QueueConfigurationTest {

  @Test
  void failedResponseNamesAreReadLikeFreeSwitchWritesThem() {
    assertThat(QueueConfiguration.hangupCause(" unallocated_number ")).isEqualTo(HangupCause.UNALLOCATED_NUMBER);
  }

  @Test
  void aMisspeltFailedResponseCauseStopsStartUpInsteadOfMakingUnknownCausesFinal() {
    assertThatThrownBy(() -> QueueConfiguration.hangupCause("UNALOCATED_NUMBER"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UNALOCATED_NUMBER");
  }

  @Test
  void queuesAreBoundWithThePlainRoutingKeysUnlessASuffixIsSet() {
    QueueProperties plain = new QueueProperties(null, null, null, null, null, null, null);
    QueueProperties isolated = new QueueProperties(null, null, null, null, null, null, "run42");

    assertThat(plain.bindingKey("job.routed")).isEqualTo("job.routed");
    assertThat(new QueueProperties(null, null, null, null, null, null, " ").bindingKey("job.routed")).isEqualTo("job.routed");
    assertThat(isolated.bindingKey("job.routed")).isEqualTo("job.routed.run42");
  }

  @Test
  void aProgressBatchThatOneStatementCannotHoldOrNoWaitStopsStartUp() {
    Duration wait = Duration.ofMillis(100);

    assertThat(new QueueProperties.Progress(QueueProperties.Progress.MAX_BATCH_SIZE, wait).batchSize()).isEqualTo(1000);
    assertThatThrownBy(() -> new QueueProperties.Progress(0, wait)).hasMessageContaining("batch-size");
    assertThatThrownBy(() -> new QueueProperties.Progress(10_000, wait)).hasMessageContaining("batch-size");
    assertThatThrownBy(() -> new QueueProperties.Progress(50, Duration.ZERO)).hasMessageContaining("batch-wait");
  }

  @Test
  void anIntakeBatchThatOneStatementCannotHoldNoWaitOrNoConsumerStopsStartUp() {
    Duration wait = Duration.ofMillis(2);

    assertThat(new QueueProperties.Intake(QueueProperties.Intake.MAX_BATCH_SIZE, wait, 1).batchSize()).isEqualTo(1000);
    assertThatThrownBy(() -> new QueueProperties.Intake(0, wait, 1)).hasMessageContaining("batch-size");
    assertThatThrownBy(() -> new QueueProperties.Intake(3_500, wait, 1)).hasMessageContaining("batch-size");
    assertThatThrownBy(() -> new QueueProperties.Intake(50, Duration.ZERO, 1)).hasMessageContaining("batch-wait");
    assertThatThrownBy(() -> new QueueProperties.Intake(50, wait, 0)).hasMessageContaining("consumers");
  }

  @Test
  void aFinishingBatchOfNoReportsMoreThanAnInsertHoldsOrNoWaitStopsStartUp() {
    Duration wait = Duration.ofMillis(2);

    assertThat(new QueueProperties.Finishing(QueueProperties.Finishing.MAX_BATCH_SIZE, wait).batchSize())
        .isEqualTo(1000);
    assertThatThrownBy(() -> new QueueProperties.Finishing(0, wait)).hasMessageContaining("finishing.batch-size");
    assertThatThrownBy(() -> new QueueProperties.Finishing(1001, wait)).hasMessageContaining("finishing.batch-size");
    assertThatThrownBy(() -> new QueueProperties.Finishing(50, Duration.ZERO))
        .hasMessageContaining("finishing.batch-wait");
  }
}

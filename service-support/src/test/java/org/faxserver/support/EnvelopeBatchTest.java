package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.messaging.Envelope;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

class EnvelopeBatchTest {

  private final EnvelopeMessageConverter converter = new EnvelopeMessageConverter();
  private final List<Message> parked = new ArrayList<>();
  private final MessageRecoverer parking = (message, cause) -> parked.add(message);
  private final List<List<UUID>> calls = new ArrayList<>();

  @Test
  void aFailedBatchIsHandledOneByOneAndOnlyTheOneThatFailsAloneIsParked() {
    Message first = cancel();
    Message poison = cancel();
    Message last = cancel();
    UUID poisonJob = jobOf(poison);

    EnvelopeBatch.read(List.of(first, poison, last), converter, JobCancel.class).handleTogetherOrAlone(batch -> {
      calls.add(batch.stream().map(e -> e.payload().jobId()).toList());
      if (batch.stream().anyMatch(e -> e.payload().jobId().equals(poisonJob))) {
        throw new IllegalStateException("cannot be stored");
      }
    }, parking);

    assertThat(calls).containsExactly(List.of(jobOf(first), poisonJob, jobOf(last)), List.of(jobOf(first)),
        List.of(poisonJob), List.of(jobOf(last)));
    assertThat(parked).containsExactly(poison);
  }

  @Test
  void aBatchOfUnreadableMessagesParksThemAndDoesNoWork() {
    Message garbage = new Message("{nope".getBytes(), new MessageProperties());

    EnvelopeBatch.read(List.of(garbage), converter, JobCancel.class)
        .handleTogetherOrAlone(batch -> calls.add(List.of()), parking);

    assertThat(calls).as("no work for an empty batch").isEmpty();
    assertThat(parked).containsExactly(garbage);
  }

  private Message cancel() {
    return converter.toMessage(Envelope.of(JobCancel.TYPE, 1, null,
        new JobCancel(UUID.randomUUID(), "t", null, null), Clock.systemUTC()), new MessageProperties());
  }

  private UUID jobOf(Message message) {
    return ((JobCancel) ((Envelope<?>) converter.fromMessage(message)).payload()).jobId();
  }
}

package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.Envelope;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.junit.jupiter.api.Test;

class EnvelopeMessageConverterTest {

  private final Envelope<JobStatusChanged> status =
      Envelope.of(JobStatusChanged.TYPE, 1, "c", new JobStatusChanged(UUID.randomUUID(), "t", JobStatus.QUEUED,
          0, null, null), Clock.systemUTC());

  @Test
  void writesPersistentJsonWithIdAndTypeAndReadsItBack() {
    EnvelopeMessageConverter converter = new EnvelopeMessageConverter();

    Message message = converter.toMessage(status, new MessageProperties());

    assertThat(message.getMessageProperties().getMessageId()).isEqualTo(status.messageId().toString());
    assertThat(message.getMessageProperties().getType()).isEqualTo("job.status");
    assertThat(message.getMessageProperties().getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
    assertThat(converter.fromMessage(message)).isEqualTo(status);
  }

  @Test
  void unknownTypeIsAConversionErrorUnlessRegisteredAsExtra() {
    String type = "test.not-in-shared-model"; // shared-model's registry must not know it
    Envelope<JobCancel> cancel =
        Envelope.of(type, 1, null, new JobCancel(UUID.randomUUID(), "t", null, null), Clock.systemUTC());
    Message message = new EnvelopeMessageConverter(Map.of(type, JobCancel.class))
        .toMessage(cancel, new MessageProperties());

    assertThatThrownBy(() -> new EnvelopeMessageConverter().fromMessage(message))
        .isInstanceOf(MessageConversionException.class)
        .hasMessageContaining(type);
    assertThat(new EnvelopeMessageConverter(Map.of(type, JobCancel.class)).fromMessage(message))
        .isEqualTo(cancel);
  }

  @Test
  void garbageIsAConversionError() {
    assertThatThrownBy(() -> new EnvelopeMessageConverter().fromMessage(new Message("{nope".getBytes())))
        .isInstanceOf(MessageConversionException.class);
  }
}

package org.faxserver.model.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.EndpointKind;
import org.junit.jupiter.api.Test;

class DeliveryMessagesTest {

  @Test
  void deliveredIsSuccessAndNotRetryable() {
    DeliveryFinished done =
        DeliveryFinished.delivered(UUID.randomUUID(), UUID.randomUUID(), "e", EndpointKind.WEBHOOK, 204);

    assertThat(done.success()).isTrue();
    assertThat(done.retryable()).isFalse();
  }

  @Test
  void successCannotBeRetryable() {
    assertThatThrownBy(
            () -> new DeliveryFinished(UUID.randomUUID(), UUID.randomUUID(), "e", EndpointKind.EMAIL,
                true, true, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emailNeedsARecipient() {
    assertThatThrownBy(
            () -> new DeliverEmail(UUID.randomUUID(), UUID.randomUUID(), "t", "e", List.of(),
                DocumentRef.tiff("d.tif"), null, PhoneNumber.ofE164("+15551234567"), 1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

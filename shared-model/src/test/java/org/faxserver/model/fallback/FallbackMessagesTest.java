package org.faxserver.model.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.CallKill;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.junit.jupiter.api.Test;

/** The commands and facts added for the send pipeline (decision 0004) survive a JSON round trip. */
class FallbackMessagesTest {

  private static final PhoneNumber NUMBER = PhoneNumber.ofE164("+442079460958");
  private static final Instant AT = Instant.parse("2026-11-26T07:00:00Z");

  @Test
  void fallbackChangeRoundTrips() {
    assertRoundTrip(FallbackChange.CHANGED_TYPE, FallbackChange.listed(NUMBER, AT), FallbackChange.class);
  }

  @Test
  void overrideChangeRoundTripsWithoutItsDerivedProperty() {
    OverrideChange change = new OverrideChange(NUMBER, "fax_enable_t38", "false");
    assertRoundTrip(OverrideChange.SET_TYPE, change, OverrideChange.class);
    assertThat(MessageJson.writeString(Envelope.of(OverrideChange.SET_TYPE, 1, null, change,
        java.time.Clock.systemUTC()))).doesNotContain("removal");
  }

  @Test
  void overrideValuesCannotBreakTheModDbPath() {
    assertThatThrownBy(() -> new OverrideChange(NUMBER, "fax_ident", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OverrideChange(NUMBER, "bad/var", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangeCannotCarryAnOverrideThatTakesTheCallOverButItsRemovalCanBeCarried() {
    assertThatThrownBy(() -> new OverrideChange(NUMBER, "execute_on_answer", "system rm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run commands");
    assertThatThrownBy(() -> new OverrideChange(NUMBER, "fax_ident", "${system(id)}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expand");
    assertThat(new OverrideChange(NUMBER, "execute_on_answer", null).isRemoval()).isTrue();
  }

  @Test
  void cancelAndKillRoundTrip() {
    UUID job = UUID.randomUUID();
    assertRoundTrip(JobCancel.TYPE, new JobCancel(job, "t-1", "u-1", "changed my mind"), JobCancel.class);
    assertRoundTrip(CallKill.TYPE, new CallKill(UUID.randomUUID(), job, "gw1", "deadline"), CallKill.class);
  }

  private static <T> void assertRoundTrip(String type, T payload, Class<T> payloadType) {
    Envelope<T> envelope = new Envelope<>(UUID.randomUUID(), type, 1, AT, null, payload);
    assertThat(MessageJson.read(MessageJson.write(envelope), payloadType)).isEqualTo(envelope);
  }
}

package org.faxserver.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.job.JobSubmitted;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private static final Instant NOW = Instant.parse("2026-11-26T07:00:00.123456789Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void ofStampsTheClockAndARandomMessageId() {
    Envelope<DirectoryChanged> first =
        Envelope.of(DirectoryChanged.TYPE, DirectoryChanged.VERSION, null, DirectoryChanged.reloadAll(), clock);
    Envelope<DirectoryChanged> second =
        Envelope.of(DirectoryChanged.TYPE, DirectoryChanged.VERSION, null, DirectoryChanged.reloadAll(), clock);

    assertThat(first.occurredAt()).isEqualTo(NOW);
    assertThat(first.type()).isEqualTo("directory.changed");
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.messageId()).isNotNull().isNotEqualTo(second.messageId());
  }

  @Test
  void refusesMissingTypeOrPayloadAndVersionBelowOne() {
    UUID id = UUID.randomUUID();
    Object payload = DirectoryChanged.reloadAll();

    assertThatThrownBy(() -> new Envelope<>(id, null, 1, NOW, null, payload))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Envelope<>(id, "x", 1, NOW, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Envelope<>(id, "x", 0, NOW, null, payload))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundTripsWithNanosecondInstantsAsIsoStrings() {
    Envelope<JobSubmitted> envelope =
        Envelope.of(JobSubmitted.TYPE, JobSubmitted.VERSION, "corr", MessageSamples.jobSubmitted(), clock);

    String json = MessageJson.writeString(envelope);

    assertThat(json).contains("\"occurredAt\":\"2026-11-26T07:00:00.123456789Z\"");
    assertThat(MessageJson.read(json, JobSubmitted.class)).isEqualTo(envelope);
    assertThat(MessageJson.read(json.getBytes(StandardCharsets.UTF_8), JobSubmitted.class))
        .isEqualTo(envelope);
  }

  @Test
  void typeOfReadsOnlyTheType() {
    byte[] json = MessageJson.write(
        Envelope.of(DirectoryChanged.TYPE, 1, null, DirectoryChanged.reloadAll(), clock));

    assertThat(MessageJson.typeOf(json)).isEqualTo("directory.changed");
    assertThat(MessageJson.typeOf("{\"payload\":{}}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(MessageJson.typeOf("[\"type\"]".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(MessageJson.typeOf(
        "{\"payload\":{\"type\":\"inner\",\"list\":[{\"type\":\"x\"}]},\"type\":\"job.routed\"}"
            .getBytes(StandardCharsets.UTF_8)))
        .as("the envelope's own field, wherever it is, not a payload's")
        .isEqualTo("job.routed");
  }

  @Test
  void unknownEnumValuesFromNewerProducersReadAsUnknown() {
    String json =
        "{\"success\":false,\"hangupCause\":\"SOME_FUTURE_CAUSE\",\"t38Status\":\"maybe\","
            + "\"pages\":[]}";

    FaxResult result = readPlain(json, FaxResult.class);

    assertThat(result.hangupCause()).isEqualTo(HangupCause.UNKNOWN);
    assertThat(result.t38Status()).isEqualTo(T38Status.UNKNOWN);
  }

  @Test
  void unknownJobStatusReadsAsUnknown() {
    String json =
        "{\"messageId\":\"" + UUID.randomUUID() + "\",\"type\":\"job.status\",\"version\":1,"
            + "\"occurredAt\":\"2026-11-26T07:00:00Z\",\"payload\":{\"jobId\":\"" + UUID.randomUUID()
            + "\",\"tenantId\":\"t\",\"status\":\"PAUSED\",\"attemptNumber\":1}}";

    assertThat(MessageJson.read(json, JobStatusChanged.class).payload().status())
        .isEqualTo(JobStatus.UNKNOWN);
  }

  @Test
  void payloadBreakingItsRulesIsAMessageJsonException() {
    // A JobSubmitted without jobId must be refused (parked), not half-read.
    String json =
        "{\"messageId\":\"" + UUID.randomUUID() + "\",\"type\":\"job.submitted\",\"version\":1,"
            + "\"occurredAt\":\"2026-11-26T07:00:00Z\",\"payload\":{\"tenantId\":\"t\"}}";

    assertThatThrownBy(() -> MessageJson.read(json, JobSubmitted.class))
        .isInstanceOf(MessageJsonException.class);
  }

  @Test
  void badPhoneNumberInPayloadIsAMessageJsonException() {
    String json = MessageJson.writeString(
            Envelope.of(JobSubmitted.TYPE, 1, null, MessageSamples.jobSubmitted(), clock))
        .replace("+442079460958", "4420712345");

    assertThatThrownBy(() -> MessageJson.read(json, JobSubmitted.class))
        .isInstanceOf(MessageJsonException.class);
  }

  @Test
  void readKnownRefusesUnknownTypes() {
    byte[] json = MessageJson.write(Envelope.of("job.teleported", 1, null, "x", clock));

    assertThatThrownBy(() -> MessageJson.readKnown(json))
        .isInstanceOf(MessageJsonException.class)
        .hasMessageContaining("job.teleported");
  }

  @Test
  void garbageIsAMessageJsonException() {
    byte[] json = "not json".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MessageJson.read(json, JobSubmitted.class))
        .isInstanceOf(MessageJsonException.class);
    assertThatThrownBy(() -> MessageJson.typeOf(json)).isInstanceOf(MessageJsonException.class);
  }

  private static <T> T readPlain(String json, Class<T> type) {
    try {
      return MessageJson.mapper().readValue(json, type);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.T38Policy;
import org.junit.jupiter.api.Test;

class OriginatePlannerTest {

  static final OriginatePlanner PLANNER = new OriginatePlanner(new OriginatePlanner.Settings(Duration.ofSeconds(45), true));

  static OriginateFax anOriginate(T38Policy t38) {
    return new OriginateFax(UUID.randomUUID(), UUID.randomUUID(), 1, "carrier1", PhoneNumber.ofE164("+15557654321"),
        PhoneNumber.ofE164("+15550100123"), "ACME", DocumentRef.tiff("t1/doc.tif"),
        new FaxSettings(t38, false, true, "+15550100123", "ACME fax"), Instant.parse("2026-11-26T09:00:00Z"));
  }

  @Test
  void commandDecisionsBecomeChannelVariables() {
    OriginateFax cmd = anOriginate(T38Policy.REQUEST);

    DialString d = PLANNER.plan(cmd, "/fs/docs/t1/doc.tif", DestinationSettings.none());

    assertThat(d.variables()).containsEntry("origination_uuid", cmd.attemptId().toString())
        .containsEntry("fax_enable_t38", "true").containsEntry("fax_enable_t38_request", "true")
        .containsEntry("fax_use_ecm", "false").containsEntry("fax_disable_v17", "true")
        .containsEntry("fax_ident", "+15550100123").containsEntry("fax_header", "ACME fax")
        .containsEntry("origination_caller_id_number", "15550100123")
        .containsEntry("origination_caller_id_name", "ACME").containsEntry("originate_timeout", "45")
        .containsEntry("fax_verbose", "true").containsEntry("faxserver_job_id", cmd.jobId().toString());
    assertThat(d.originateCommand()).endsWith("}sofia/gateway/carrier1/15557654321 &txfax(/fs/docs/t1/doc.tif)");
  }

  @Test
  void acceptOnlyAcceptsT38WithoutRequestingIt() {
    DialString d = PLANNER.plan(anOriginate(T38Policy.ACCEPT), "/f.tif", DestinationSettings.none());

    assertThat(d.variables()).containsEntry("fax_enable_t38", "true").containsEntry("fax_enable_t38_request", "false");
  }

  @Test
  void fallbackListHitTurnsT38Off() {
    DialString d = PLANNER.plan(anOriginate(T38Policy.REQUEST), "/f.tif", new DestinationSettings(true, Map.of()));

    assertThat(d.variables()).containsEntry("fax_enable_t38", "false").containsEntry("fax_enable_t38_request", "false");
  }

  @Test
  void modDbOverrideWinsOverTheFallbackAndTheCommand() {
    DialString d = PLANNER.plan(anOriginate(T38Policy.OFF), "/f.tif",
        new DestinationSettings(true, Map.of("fax_enable_t38", "true", "fax_use_ecm", "true")));

    assertThat(d.variables()).containsEntry("fax_enable_t38", "true").containsEntry("fax_use_ecm", "true");
  }

  @Test
  void storedOverridesInTheCommandApplyAndModDbWinsOverThem() {
    OriginateFax cmd = withOverrides(Map.of("absolute_codec_string", "PCMU", "fax_use_ecm", "true"));

    DialString d = PLANNER.plan(cmd, "/f.tif", new DestinationSettings(false, Map.of("fax_use_ecm", "false")));

    assertThat(d.variables()).containsEntry("absolute_codec_string", "PCMU").containsEntry("fax_use_ecm", "false");
  }

  @Test
  void overridesThatCouldTakeTheCallOverAreLeftOutWhereverTheyComeFrom() {
    DialString d = PLANNER.plan(withOverrides(Map.of("api_on_answer", "system id", "fax_use_ecm", "true")), "/f.tif",
        new DestinationSettings(false,
            Map.of("execute_on_answer", "system id", "fax_header", "${system(id)}", "fax_ident", "+4930123")));

    assertThat(d.variables()).containsEntry("fax_ident", "+4930123").containsEntry("fax_header", "ACME fax")
        .containsEntry("fax_use_ecm", "true").doesNotContainKeys("execute_on_answer", "api_on_answer");
    assertThat(d.ignoredOverrides()).containsExactlyInAnyOrder("api_on_answer", "execute_on_answer", "fax_header");
  }

  @Test
  void aModDbEntryThatIsLeftOutDoesNotHideTheStoredOverrideOfThatVariable() {
    DialString d = PLANNER.plan(withOverrides(Map.of("fax_ident", "+4930123")), "/f.tif",
        new DestinationSettings(false, Map.of("fax_ident", "${system(id)}")));

    assertThat(d.variables()).containsEntry("fax_ident", "+4930123");
    assertThat(d.ignoredOverrides()).containsExactly("fax_ident");
  }

  static OriginateFax withOverrides(Map<String, String> overrides) {
    OriginateFax base = anOriginate(T38Policy.REQUEST);
    return new OriginateFax(base.attemptId(), base.jobId(), base.attemptNumber(), base.gateway(),
        base.destination(), base.callerIdNumber(), base.callerIdName(), base.document(), base.fax(), base.deadline(),
        overrides);
  }
}

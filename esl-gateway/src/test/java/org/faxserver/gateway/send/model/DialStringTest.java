package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.faxserver.testkit.freeswitch.OriginateCommand;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DialStringTest {

  static final UUID ATTEMPT = UUID.fromString("5a128c5a-bd88-4a19-8d19-b789760b76fb");

  static DialString.Builder aFax() {
    return DialString.forAttempt(ATTEMPT)
        .faxIdent("+15550100")
        .faxHeader("ACME")
        .useEcm(true)
        .disableV17(false)
        .t38(true, true)
        .ignoreEarlyMedia()
        .callerIdNumber("15550100")
        .originateTimeoutSeconds(60)
        .faxVerbose(false)
        .target("toB", "1234", "/var/spool/fax/out/doc2.tif");
  }

  @Test
  void buildsTheOriginateOfTheCaptureInAFixedOrder() {
    assertThat(aFax().build().originateCommand()).isEqualTo("originate {origination_uuid=" + ATTEMPT
        + ",fax_ident=+15550100,fax_header=ACME,fax_use_ecm=true,fax_disable_v17=false,fax_enable_t38=true,"
        + "fax_enable_t38_request=true,ignore_early_media=true,origination_caller_id_number=15550100,"
        + "originate_timeout=60,fax_verbose=false}sofia/gateway/toB/1234 &txfax(/var/spool/fax/out/doc2.tif)");
  }

  @Test
  void orderDoesNotDependOnTheOrderOfTheSetters() {
    DialString reversed = DialString.forAttempt(ATTEMPT)
        .target("toB", "1234", "/var/spool/fax/out/doc2.tif")
        .faxVerbose(false).originateTimeoutSeconds(60).callerIdNumber("15550100").ignoreEarlyMedia()
        .t38(true, true).disableV17(false).useEcm(true).faxHeader("ACME").faxIdent("+15550100")
        .build();

    assertThat(reversed.originateCommand()).isEqualTo(aFax().build().originateCommand());
  }

  @Test
  void t38RequestIsNeverSentWithT38Disabled() {
    assertThat(aFax().t38(false, true).build().variables())
        .containsEntry("fax_enable_t38", "false").containsEntry("fax_enable_t38_request", "false");
  }

  @Test
  void nullValuesLeaveTheVariableOutSoFreeswitchDefaultsApply() {
    DialString d = aFax().faxIdent(null).callerIdName(null).build();

    assertThat(d.variables()).containsKey("fax_ident").doesNotContainKey("origination_caller_id_name");
    DialString bare = DialString.forAttempt(ATTEMPT).target("gw", "1", "/f.tif").build();
    assertThat(bare.originateCommand()).isEqualTo("originate {origination_uuid=" + ATTEMPT
        + "}sofia/gateway/gw/1 &txfax(/f.tif)");
  }

  @Nested
  class Escaping {

    @Test
    void commasQuotesAndBackslashesAreEscaped() {
      assertThat(DialString.quote("ACME, Inc.")).isEqualTo("'ACME\\, Inc.'");
      assertThat(DialString.quote("O'Brien")).isEqualTo("O\\'Brien");
      assertThat(DialString.quote("say \"hi\"")).isEqualTo("'say \\\"hi\\\"'");
      assertThat(DialString.quote("a\\b")).isEqualTo("a\\\\b");
    }

    @Test
    void lineBreaksAndBracesAreDroppedBecauseNothingCanEscapeThem() {
      // a newline would end the ESL command and let the rest run as a command of its own
      assertThat(DialString.quote("ACME\n\napi shutdown")).isEqualTo("'ACMEapi shutdown'");
      assertThat(DialString.quote("a}b{c")).isEqualTo("abc");
    }

    @Test
    void freeswitchsBracketParserReadsBackExactlyWhatWeMeant() {
      String header = "ACME, Inc. – O'Brien's \"fax\" a\\b";
      DialString d = aFax().faxHeader(header).callerIdName("Smith, John").build();

      // the stand-in's parser follows switch_event_create_brackets / switch_separate_string
      OriginateCommand parsed = OriginateCommand.parse(d.originateCommand().substring("originate ".length()));

      assertThat(parsed.variables()).containsEntry("fax_header", header)
          .containsEntry("origination_caller_id_name", "Smith, John")
          .containsEntry("origination_uuid", ATTEMPT.toString());
      assertThat(parsed.gateway()).isEqualTo("toB");
      assertThat(parsed.number()).isEqualTo("1234");
      assertThat(parsed.application()).isEqualTo("txfax");
      assertThat(parsed.applicationArg()).isEqualTo("/var/spool/fax/out/doc2.tif");
    }

    @Test
    void targetPartsThatCannotBeEscapedAreRejected() {
      assertThatThrownBy(() -> aFax().target("gw", "123 4", "/f.tif")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> aFax().target("gw", "1234", "/f(1).tif")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> aFax().target("g,w", "1234", "/f.tif")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Overrides {

    @Test
    void overrideReplacesAStandardVariableInPlace() {
      DialString d = aFax().overrides(Map.of("fax_enable_t38", "false", "fax_use_ecm", "false")).build();

      assertThat(d.variables()).containsEntry("fax_enable_t38", "false").containsEntry("fax_use_ecm", "false");
      assertThat(d.originateCommand()).contains("fax_use_ecm=false,fax_disable_v17=false,fax_enable_t38=false,")
          .doesNotContain("fax_enable_t38=true").doesNotContain("fax_use_ecm=true");
    }

    @Test
    void newVariablesFromOverridesComeLastSortedByName() {
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("absolute_codec_string", "PCMU");
      overrides.put("a_first", "one two");

      DialString d = aFax().variable("faxserver_job_id", "j1").overrides(overrides).build();

      assertThat(d.originateCommand()).contains(
          "fax_verbose=false,faxserver_job_id=j1,a_first='one two',absolute_codec_string=PCMU}");
    }

    @Test
    void ourCorrelationIdCannotBeOverridden() {
      DialString d = aFax().overrides(Map.of("origination_uuid", UUID.randomUUID().toString(),
          "bad}name", "x", "fax_ident", "+4930123")).build();

      assertThat(d.variables()).containsEntry("origination_uuid", ATTEMPT.toString())
          .containsEntry("fax_ident", "+4930123").doesNotContainKey("bad}name");
      assertThat(d.ignoredOverrides()).containsExactlyInAnyOrder("origination_uuid", "bad}name");
    }

    @Test
    void overridesThatRunCommandsOrThatFreeSwitchWouldExpandAreLeftOut() {
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("api_on_answer", "system touch /tmp/owned");
      overrides.put("session_in_hangup_hook", "true");
      overrides.put("fax_header", "${system(id)}");
      overrides.put("fax_ident", "a,b=c");

      DialString d = aFax().faxHeader("ACME").overrides(overrides).build();

      assertThat(d.variables()).doesNotContainKeys("api_on_answer", "session_in_hangup_hook")
          .containsEntry("fax_header", "ACME").doesNotContainValue("a,b=c");
      assertThat(d.originateCommand()).doesNotContain("system").doesNotContain("hook");
      assertThat(d.ignoredOverrides())
          .containsExactlyInAnyOrder("api_on_answer", "session_in_hangup_hook", "fax_header", "fax_ident");
    }
  }
}

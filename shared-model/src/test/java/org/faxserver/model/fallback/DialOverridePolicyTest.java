package org.faxserver.model.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialOverridePolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"fax_enable_t38", "absolute_codec_string", "sip_h_X-Account", "fax_ident", "a.b"})
  void plainVariablesWithPlainValuesAreAllowed(String variable) {
    assertThat(DialOverridePolicy.allows(variable, "PCMU")).isTrue();
    assertThat(DialOverridePolicy.allows(variable, "ACME Corp")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"origination_uuid", "ORIGINATION_UUID", "api_on_answer", "API_On_Answer", "api_hangup_hook",
      "execute_on_answer", "Exec_After_Bridge_App", "session_in_hangup_hook", "bridge_pre_execute_aleg_app",
      "transfer_after_bridge", "sip_invite_req_uri", "SIP_ROUTE_URI", "sip_network_destination", "1abc", "a b",
      "_x", "-x", "a,b", "a/b", "a=b", ""})
  void variablesThatAreNotPlainOrThatTakeTheCallOverAreRefused(String variable) {
    assertThat(DialOverridePolicy.variableProblem(variable)).isPresent();
    assertThat(DialOverridePolicy.allows(variable, "1")).isFalse();
  }

  @Test
  void theRefusalSaysWhetherTheVariableRunsSomethingOrSendsTheCallElsewhere() {
    assertThat(DialOverridePolicy.variableProblem("api_on_answer").orElseThrow()).contains("run commands");
    for (String redirecting : new String[] {"sip_route_uri", "SIP_INVITE_REQ_URI", "transfer_after_bridge"}) {
      assertThat(DialOverridePolicy.variableProblem(redirecting).orElseThrow()).as(redirecting)
          .contains("to another destination");
    }
  }

  @Test
  void anyPlainNameIsANameEvenOneThatCannotBeSet() {
    assertThat(DialOverridePolicy.nameProblem("api_on_answer")).isEmpty();
    assertThat(DialOverridePolicy.nameProblem("a/b")).isPresent();
    assertThat(DialOverridePolicy.nameProblem(null)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a,b", "PCMU,PCMA", "a}sofia/gateway/x/1{", "{x", "it's", "\"q\"", "back\\slash", "a/b", " lead",
      "trail ", "new\nline", "tab\there", "Büro", "", "${system(id)}", "^^:a", "[x]", "<sip:evil>", "a|b"})
  void valuesThatBreakTheDialStringOrModDbOrThatFreeSwitchExpandsAreRefused(String value) {
    assertThat(DialOverridePolicy.valueProblem(value)).isPresent();
    assertThat(DialOverridePolicy.allows("fax_ident", value)).isFalse();
  }

  @Test
  void valuesAreLimitedToWhatModDbCanReturn() {
    assertThat(DialOverridePolicy.valueProblem("x".repeat(255))).isEmpty();
    assertThat(DialOverridePolicy.valueProblem("x".repeat(256))).contains("must be at most 255 characters");
    assertThat(DialOverridePolicy.valueProblem(null)).isPresent();
  }
}

package org.faxserver.gateway.receive.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.model.PhoneNumber;
import org.junit.jupiter.api.Test;

class IncomingCallReaderTest {

  private static final String UUID_TEXT = "6f1c2b9e-5d7a-4c1e-9b0a-2f3e4d5c6b7a";

  private static ChannelEvent data(String... pairs) {
    Map<String, String> m = new HashMap<>();
    m.put("unique-id", UUID_TEXT);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i].toLowerCase(), pairs[i + 1]);
    }
    return name -> m.get(name.toLowerCase());
  }

  private final IncomingCallReader reader = new IncomingCallReader(false, "US");
  private final IncomingCallReader byDiversion = new IncomingCallReader(true, "US");

  @Test
  void readsRecipientCallerAndSource() {
    IncomingCall call = reader.read(data("variable_sip_to_user", "5550001001", "Caller-Caller-ID-Number",
        "+442079460958", "Caller-Caller-ID-Name", "Remote Ltd", "variable_sip_network_ip", "203.0.113.9",
        "variable_sip_gateway", "carrier1")).orElseThrow();

    assertThat(call.callId()).isEqualTo(UUID.fromString(UUID_TEXT));
    assertThat(call.recipient()).isEqualTo(PhoneNumber.ofE164("+15550001001"));
    assertThat(call.caller()).isEqualTo(PhoneNumber.ofE164("+442079460958"));
    assertThat(call.callerName()).isEqualTo("Remote Ltd");
    assertThat(call.sourceIp()).isEqualTo("203.0.113.9");
    assertThat(call.sourceGateway()).isEqualTo("carrier1");
    assertThat(call.toRequest().callee()).isEqualTo(call.recipient());
  }

  @Test
  void diversionNumberIsTheRecipientWhenConfiguredPlusSignIncluded() {
    ChannelEvent d = data("variable_sip_to_user", "5550009999",
        "variable_sip_h_Diversion", "<sip:+15550001001@carrier.example>;reason=unconditional");

    assertThat(byDiversion.read(d).orElseThrow().recipient()).isEqualTo(PhoneNumber.ofE164("+15550001001"));
    assertThat(reader.read(d).orElseThrow().recipient()).isEqualTo(PhoneNumber.ofE164("+15550009999"));
    assertThat(reader.read(d).orElseThrow().diversion()).isEqualTo(PhoneNumber.ofE164("+15550001001"));
  }

  @Test
  void diversionWithoutHeaderFallsBackToTheToUser() {
    assertThat(byDiversion.read(data("variable_sip_to_user", "5550001001")).orElseThrow().recipient())
        .isEqualTo(PhoneNumber.ofE164("+15550001001"));
  }

  @Test
  void malformedNumbersAreNullNotExceptions() {
    IncomingCall call = byDiversion.read(data("variable_sip_to_user", "fax", "Caller-Caller-ID-Number",
        "anonymous", "variable_sip_h_Diversion", "<sip:office@pbx>")).orElseThrow();

    assertThat(call.recipient()).isNull();
    assertThat(call.caller()).isNull();
    assertThat(call.recipientText()).isEqualTo("<sip:office@pbx>");
  }

  @Test
  void noUsableUniqueIdIsNoCall() {
    assertThat(reader.read(name -> name.equalsIgnoreCase("Unique-ID") ? "garbage" : null)).isEmpty();
  }
}

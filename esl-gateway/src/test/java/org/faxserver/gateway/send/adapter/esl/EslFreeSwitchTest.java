package org.faxserver.gateway.send.adapter.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parsing of FreeSWITCH's plain-text api outputs, with the texts of the captures. */
class EslFreeSwitchTest {

  @Test
  void dbListOfAnEmptyRealmIsNoKeys() {
    assertThat(EslFreeSwitch.keys("-ERR no reply\n")).isEmpty();
    assertThat(EslFreeSwitch.keys("15551234567")).containsExactly("15551234567");
    assertThat(EslFreeSwitch.keys("fax_use_ecm,fax_enable_t38")).containsExactly("fax_use_ecm", "fax_enable_t38");
  }

  @Test
  void dbSelectOfAMissingKeyIsNoValue() {
    assertThat(EslFreeSwitch.value("-ERR no reply\n")).isNull();
    assertThat(EslFreeSwitch.value("1732600000")).isEqualTo("1732600000");
  }

  @Test
  void showChannelsYieldsOutboundChannelsOnly() {
    UUID out = UUID.randomUUID();
    UUID in = UUID.randomUUID();
    String output = "uuid,direction,created,created_epoch,name,state,cid_name,cid_num\n"
        + out + ",outbound,2026-11-26 08:00:00,1764144000,sofia/external/1555,CS_EXECUTE,Smith, John,1555\n"
        + in + ",inbound,2026-11-26 08:00:00,1764144000,sofia/external/1666,CS_EXECUTE,,1666\n"
        + "\n2 total.\n";

    assertThat(EslFreeSwitch.outboundChannels(output)).containsExactly(out);
    assertThat(EslFreeSwitch.outboundChannels("\n0 total.\n")).isEmpty();
  }
}

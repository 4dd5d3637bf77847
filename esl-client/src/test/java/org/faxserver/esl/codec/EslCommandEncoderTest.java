package org.faxserver.esl.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.faxserver.esl.Captures;
import org.faxserver.esl.EslCommand;
import org.faxserver.esl.EventFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Encoded commands equal, byte for byte, what was written to FreeSWITCH 1.10.12 in the captures. */
class EslCommandEncoderTest {

  private static final List<String> SPANDSP_SUBCLASSES = List.of("spandsp::txfaxresult", "spandsp::rxfaxresult",
      "spandsp::txfaxpageresult", "spandsp::rxfaxpageresult", "spandsp::txfaxnegociateresult",
      "spandsp::rxfaxnegociateresult");

  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    channel = new EmbeddedChannel(EslCommandEncoder.INSTANCE);
  }

  @AfterEach
  void tearDown() {
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void inboundCommandsMatchTheCapture() {
    List<Captures.Block> c = Captures.clientBlocks("inbound-basics");
    assertEncodes(EslCommand.auth("ClueCon"), c.get(0));
    assertEncodes(EslCommand.api("status"), c.get(1));
    assertEncodes(EslCommand.api("db insert/fallback/15551234567/1732600000"), c.get(3));
    assertEncodes(EslCommand.event(EventFormat.PLAIN, List.of("HEARTBEAT"), List.of("spandsp::txfaxresult")), c.get(13));
    assertEncodes(EslCommand.filter("Unique-ID", "00000000-0000-0000-0000-000000000000"), c.get(14));
    assertEncodes(EslCommand.filterDelete("Unique-ID", "00000000-0000-0000-0000-000000000000"), c.get(15));
    assertEncodes(EslCommand.nixevent(List.of("HEARTBEAT"), List.of()), c.get(16));
    assertEncodes(EslCommand.noevents(), c.get(17));
    assertEncodes(EslCommand.log(7), c.get(18));
    assertEncodes(EslCommand.nolog(), c.get(20));
    assertEncodes(EslCommand.exit(), c.get(21));
  }

  @Test
  void subscriptionAndBgapiWithOurJobUuidMatchTheCapture() {
    List<Captures.Block> c = Captures.clientBlocks("send-hangup-midfax");
    assertEncodes(EslCommand.event(EventFormat.PLAIN, List.of("BACKGROUND_JOB", "CHANNEL_CREATE", "CHANNEL_ANSWER",
        "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE",
        "CHANNEL_DESTROY", "HEARTBEAT"), SPANDSP_SUBCLASSES), c.get(1));
    assertEncodes(EslCommand.bgapi("originate {origination_uuid=77e77110-c550-4bc4-ad93-2dfbcb7dc6eb,"
        + "fax_ident=+15550100,fax_header=ACME,fax_use_ecm=true,fax_enable_t38=true,fax_enable_t38_request=true,"
        + "ignore_early_media=true,origination_caller_id_number=15550100}sofia/gateway/toB/1234 "
        + "&txfax(/var/spool/fax/out/doc2.tif)", "93f1664b-6002-42bc-923a-1ba1de22dba5"), c.get(2));
    assertEncodes(EslCommand.bgapi("uuid_kill 77e77110-c550-4bc4-ad93-2dfbcb7dc6eb",
        "231b9c9e-743f-4e8a-b6da-2362ebb90fc4"), c.get(3));
  }

  @Test
  void jsonSubscriptionMatchesTheCapture() {
    assertEncodes(EslCommand.event(EventFormat.JSON, List.of("CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"),
        List.of("spandsp::txfaxresult")), Captures.clientBlocks("events-json").get(1));
  }

  @Test
  void outboundCommandsMatchTheCapture() {
    List<Captures.Block> c = Captures.clientBlocks("receive-outbound-socket");
    assertEncodes(EslCommand.connect(), c.get(0));
    assertEncodes(EslCommand.myevents(), c.get(1));
    assertEncodes(EslCommand.linger(10), c.get(2));
    assertEncodes(EslCommand.event(EventFormat.PLAIN, List.of(), List.of("spandsp::rxfaxresult",
        "spandsp::rxfaxpageresult", "spandsp::rxfaxnegociateresult")), c.get(3));
    assertEncodes(EslCommand.execute(null, "answer", null, true, "4e351a06-c363-4523-9c60-6c0326c799bd"), c.get(4));
    assertEncodes(EslCommand.execute(null, "set", "fax_ident=+15551230000", true,
        "8aa1298d-ed21-4a0e-b4e5-7bfe60a834cf"), c.get(5));
    assertEncodes(EslCommand.execute(null, "rxfax", "/var/spool/fax/in/ef53819f-f2b6-4ea8-89c6-752ae658a7dd.tif",
        true, "467eb760-6045-46e4-b4f9-0b14527b3b95"), c.get(6));
    assertEncodes(EslCommand.execute(null, "hangup", null, false, "bd9bb778-6ac2-48e2-a7dd-4ccb6089242f"), c.get(7));
  }

  @Test
  void rejectScenarioSendmsgMatchesTheCapture() {
    assertEncodes(EslCommand.execute(null, "respond", "404", false, null),
        Captures.clientBlocks("receive-outbound-reject").get(1));
  }

  @Test
  void customGoesLastEvenWhenListedFirst() {
    assertEncodes(EslCommand.event(EventFormat.PLAIN, List.of("CUSTOM", "heartbeat"), List.of("a::b")),
        "event plain HEARTBEAT CUSTOM a::b\n\n");
  }

  @Test
  void multiLineArgumentGoesIntoABodyWithContentLength() {
    assertEncodes(EslCommand.execute("u1", "set", "a\nb", false, null),
        "sendmsg u1\ncall-command: execute\nexecute-app-name: set\ncontent-type: text/plain\n"
            + "content-length: 3\n\na\nb");
  }

  @Test
  void hangupAndSimpleCommands() {
    assertEncodes(EslCommand.hangup(null, "NORMAL_CLEARING"), "sendmsg\ncall-command: hangup\nhangup-cause: NORMAL_CLEARING\n\n");
    assertEncodes(EslCommand.linger(), "linger\n\n");
    assertEncodes(EslCommand.myevents(EventFormat.JSON), "myevents json\n\n");
  }

  @Test
  void lineBreaksCannotInjectASecondCommand() {
    assertThatThrownBy(() -> EslCommand.api("status\n\nexit")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EslCommand.bgapi("status", "x\ny")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EslCommand.filter("Unique-ID", "a\r\nexit")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EslCommand.of("noevents").withHeader("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passwordIsNotPrinted() {
    assertThat(EslCommand.auth("ClueCon").toString()).doesNotContain("ClueCon");
  }

  private void assertEncodes(EslCommand cmd, Captures.Block expected) {
    assertThat(expected.fromServer()).isFalse();
    assertEncodes(cmd, expected.text());
  }

  private void assertEncodes(EslCommand cmd, String expected) {
    assertThat(channel.writeOutbound(cmd)).isTrue();
    ByteBuf out = channel.readOutbound();
    try {
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    } finally {
      out.release();
    }
  }
}

package org.faxserver.gateway.receive.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslFrame;
import org.faxserver.esl.codec.EslFrameDecoder;
import org.faxserver.gateway.send.model.FaxResultFold;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.junit.jupiter.api.Test;

/**
 * The real FreeSWITCH 1.10.12 receive capture ({@code captures/receive-outbound-socket.esl}, copied
 * from esl-client's): the CHANNEL_DATA of the connect reply read as a call, and the call's events
 * folded by the receive-side fold.
 */
class CapturedReceiveTest {

  private static final Pattern BLOCK = Pattern.compile("(>>> C|<<< S) (\\d+)");
  private static final String CALL = "ef53819f-f2b6-4ea8-89c6-752ae658a7dd";

  @Test
  void channelDataReadsAsACall() throws IOException {
    EslEvent data = frames().stream().filter(EslFrame::isConnectReply).findFirst().orElseThrow().event();

    IncomingCall call = new IncomingCallReader(false, "US").read(data::header).orElseThrow();

    assertThat(call.callId()).isEqualTo(UUID.fromString(CALL));
    assertThat(call.sourceIp()).isEqualTo("127.0.0.1");
    // the capture's lab numbers: To user "8084" and caller "15550199" are no possible US numbers
    assertThat(call.recipientText()).isEqualTo("8084");
    assertThat(call.recipient()).isNull();
    assertThat(call.caller()).isNull();
  }

  @Test
  void rxfaxEventsFoldIntoASuccessfulTwoPageReception() throws IOException {
    FaxResultFold fold = FaxResultFold.receiving();
    for (EslFrame f : frames()) {
      EslEvent e = f.event();
      if (e != null && !f.isConnectReply() && CALL.equals(e.uniqueId())) {
        fold.apply(e::header, Instant.ofEpochSecond(0, Long.parseLong(e.header("Event-Date-Timestamp")) * 1000));
      }
    }

    FaxResult r = fold.result();
    assertThat(fold.isCallOver()).isTrue();
    assertThat(fold.answeredAt()).isNotNull();
    assertThat(r.success()).isTrue();
    assertThat(r.resultCode()).isZero();
    assertThat(r.pagesTransferred()).isEqualTo(2);
    assertThat(r.pages()).hasSize(2);
    assertThat(r.remoteStationId()).isEqualTo("+15550199");
    assertThat(r.localStationId()).isEqualTo("+15551230000");
    assertThat(r.transferRate()).isEqualTo(14400);
    assertThat(r.negotiationCount()).isEqualTo(1);
    assertThat(r.hangupCause()).isEqualTo(HangupCause.NORMAL_CLEARING);
  }

  private static List<EslFrame> frames() throws IOException {
    byte[] data;
    try (InputStream in = CapturedReceiveTest.class.getResourceAsStream("/captures/receive-outbound-socket.esl")) {
      data = in.readAllBytes();
    }
    EmbeddedChannel channel = new EmbeddedChannel(new EslFrameDecoder());
    int i = 0;
    while (i < data.length) {
      int nl = i;
      while (data[nl] != '\n') {
        nl++;
      }
      Matcher m = BLOCK.matcher(new String(data, i, nl - i, StandardCharsets.US_ASCII));
      assertThat(m.matches()).as("block header at %d", i).isTrue();
      int n = Integer.parseInt(m.group(2));
      if (m.group(1).startsWith("<<<")) {
        channel.writeInbound(Unpooled.wrappedBuffer(data, nl + 1, n));
      }
      i = nl + 1 + n + 1;
    }
    List<EslFrame> frames = new ArrayList<>();
    for (Object frame; (frame = channel.readInbound()) != null; ) {
      frames.add((EslFrame) frame);
    }
    return frames;
  }
}

package org.faxserver.esl.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.esl.codec.CodecTestSupport.assertSameFrame;
import static org.faxserver.esl.codec.CodecTestSupport.buf;
import static org.faxserver.esl.codec.CodecTestSupport.bytes;
import static org.faxserver.esl.codec.CodecTestSupport.decodeOne;
import static org.faxserver.esl.codec.CodecTestSupport.readAll;
import static org.faxserver.esl.codec.CodecTestSupport.slice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faxserver.esl.Captures;
import org.faxserver.esl.Captures.Block;
import org.faxserver.esl.EslContentType;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EslFrameDecoderTest {

  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    channel = new EmbeddedChannel(new EslFrameDecoder());
  }

  @AfterEach
  void tearDown() {
    assertThat(channel.finish()).as("nothing left over").isFalse();
  }

  // ---------------------------------------------------------------- frame kinds

  @Test
  void rudeRejectionTemplateDecodes() {
    EslFrame f = decode(EslTestFrames.RUDE_REJECTION);
    assertThat(f.contentType()).isEqualTo(EslContentType.RUDE_REJECTION);
    assertThat(f.bodyAsString()).isEqualTo("Access Denied, go away.\n");
  }

  @Test
  void logDataKeepsItsHeadersIncludingAnEmptyValueAndTheBlankLineInItsText() {
    EslFrame f = decode(EslTestFrames.LOG_DATA);
    assertThat(f.contentType()).isEqualTo(EslContentType.LOG_DATA);
    assertThat(f.header("log-level")).isEqualTo("7");
    assertThat(f.header("User-Data")).isEmpty();
    assertThat(f.bodyAsString()).isEqualTo(EslTestFrames.LOG_TEXT);
  }

  @Test
  void blankLinesInsideABodySurvive() {
    EslFrame f = decode(EslTestFrames.API_BLANK_LINES);
    assertThat(f.bodyAsString()).isEqualTo(EslTestFrames.API_BLANK_BODY);
  }

  @Test
  void backgroundJobInnerBodyIsReadByLengthIncludingBlankLines() {
    EslFrame f = decode(EslTestFrames.BACKGROUND_JOB);
    EslEvent e = f.event();
    assertThat(e.eventName()).isEqualTo("BACKGROUND_JOB");
    assertThat(e.jobUuid()).isEqualTo("5c2e");
    assertThat(e.header("Job-Owner-UUID")).isEqualTo("_undef_");
    assertThat(e.header("Job-Command-Arg"))
        .isEqualTo("{origination_uuid=0a1b}sofia/gateway/gw1/15551234 &txfax(/var/spool/fax/out/a.tif)");
    assertThat(e.body()).isEqualTo(EslTestFrames.BACKGROUND_JOB_BODY);
    assertThat(e.header("Content-Length")).as("the inner length describes the body, not the event").isNull();
  }

  @Test
  void capturedBackgroundJobHasNoOwnerHeaderAndItsOutputAsBody() {
    Block block = Captures.serverBlocks("send-t38").stream()
        .filter(b -> b.text().contains("Event-Name: BACKGROUND_JOB")).findFirst().orElseThrow();
    EslEvent e = decodeOne(block.bytes()).event();
    assertThat(e.jobUuid()).isEqualTo("02c11dc1-81c7-4b48-a595-e3cc5e607853");
    assertThat(e.header("Job-Owner-UUID")).isNull();
    assertThat(e.body()).isEqualTo("+OK 5a128c5a-bd88-4a19-8d19-b789760b76fb\n");
  }

  @Test
  void jsonEventKeepsDuplicateKeysArraysAndBody() {
    EslEvent e = decode(EslTestFrames.JSON_EVENT).event();
    assertThat(e.subclass()).isEqualTo("spandsp::txfaxresult");
    assertThat(e.headerValues("hangup-cause")).containsExactly("A", "B");
    assertThat(e.headerValues("multi")).containsExactly("v1", "v2");
    assertThat(e.body()).isEqualTo("a\nb\n");
    assertThat(e.header("Content-Length")).isNull();
  }

  @Test
  void capturedJsonHangupCompleteKeepsBothHangupCauses() {
    Block block = Captures.serverBlocks("events-json").stream()
        .filter(b -> b.text().contains("\"Event-Name\":\"CHANNEL_HANGUP_COMPLETE\"")).findFirst().orElseThrow();
    EslEvent e = decodeOne(block.bytes()).event();
    assertThat(e.headerValues("Hangup-Cause")).containsExactly("NORMAL_CLEARING", "NORMAL_CLEARING");
    assertThat(e.header("FreeSWITCH-IPv6")).as("JSON values are not URL-encoded").isEqualTo("fd00::2");
  }

  @Test
  void percentEscapesAreDecodedPerByteThenAsUtf8AndPlusStaysPlus() {
    EslEvent e = decode(EslTestFrames.UTF8_EVENT).event();
    assertThat(e.header("Caller-Caller-ID-Name")).isEqualTo("René M+ller");
    assertThat(e.subclass()).isEqualTo("spandsp::rxfaxresult");
  }

  @Test
  void connectReplyHeadersAreUrlDecodedAndExposedAsChannelDataEvent() {
    Block reply = Captures.serverBlocks("receive-outbound-socket").get(0);
    EslFrame f = decode(reply.bytes());
    assertThat(f.contentType()).isEqualTo(EslContentType.COMMAND_REPLY);
    assertThat(f.isConnectReply()).isTrue();
    assertThat(f.replyText()).isEqualTo("+OK\n");
    assertThat(f.isOk()).isTrue();
    assertThat(f.header("socket-mode")).isEqualTo("async");
    assertThat(f.event().eventName()).isEqualTo("CHANNEL_DATA");
    assertThat(f.event().uniqueId()).isEqualTo("ef53819f-f2b6-4ea8-89c6-752ae658a7dd");
    assertThat(f.event().header("variable_current_application_data")).isEqualTo("127.0.0.1:8084 async full");
  }

  @Test
  void lingerNoticeKeepsTheRawChannelName() {
    Block linger = Captures.serverBlocks("receive-outbound-socket").stream()
        .filter(b -> b.text().contains("Content-Disposition: linger")).findFirst().orElseThrow();
    EslFrame f = decode(linger.bytes());
    assertThat(f.contentType()).isEqualTo(EslContentType.DISCONNECT_NOTICE);
    assertThat(f.header("Channel-Name")).isEqualTo("sofia/B/15550199@127.0.0.1");
    assertThat(f.header("Linger-Time")).isEqualTo("10");
    assertThat(f.bodyLength()).isZero();
  }

  @Test
  void userauthReplyKeepsItsRawHeaders() {
    EslFrame f = decode(EslTestFrames.USERAUTH_REPLY);
    assertThat(f.isOk()).isTrue();
    assertThat(f.header("Allowed-API")).isEqualTo("ALL");
  }

  @Test
  void crlfLineEndingsAndBlankLinesBetweenFramesAreTolerated() {
    channel.writeInbound(buf("\n\r\nContent-Type: command/reply\r\nReply-Text: +OK\r\n\r\n\n"
        + "Content-Type: auth/request\n\n"));
    List<EslFrame> frames = readAll(channel);
    assertThat(frames).extracting(EslFrame::contentType)
        .containsExactly(EslContentType.COMMAND_REPLY, EslContentType.AUTH_REQUEST);
    assertThat(frames.get(0).replyText()).isEqualTo("+OK");
  }

  // ---------------------------------------------------------------- splitting

  static Stream<Arguments> framesToSplit() {
    List<Arguments> out = new ArrayList<>();
    for (String scenario : Captures.SCENARIOS) {
      for (Block b : Captures.serverBlocks(scenario)) {
        // Every small frame (replies, notices, heartbeats, background jobs) is split at every
        // offset; the 2-11 KB channel events are covered by the samples below and the chunk tests.
        if (b.bytes().length < 1200) {
          out.add(Arguments.of(scenario + "#" + b.index(), b.bytes()));
        }
      }
    }
    out.add(Arguments.of("connect reply", Captures.serverBlocks("receive-outbound-socket").get(0).bytes()));
    out.add(Arguments.of("custom rxfaxresult", Captures.serverBlocks("receive-outbound-socket").stream()
        .filter(b -> b.text().contains("spandsp%3A%3Arxfaxresult")).findFirst().orElseThrow().bytes()));
    out.add(Arguments.of("json txfaxresult", Captures.serverBlocks("events-json").stream()
        .filter(b -> b.text().contains("\"spandsp::txfaxresult\"")).findFirst().orElseThrow().bytes()));
    for (String t : List.of(EslTestFrames.RUDE_REJECTION, EslTestFrames.LOG_DATA, EslTestFrames.BACKGROUND_JOB,
        EslTestFrames.JSON_EVENT, EslTestFrames.API_BLANK_LINES)) {
      out.add(Arguments.of("template " + t.substring(0, 30).replace('\n', ' '), bytes(t)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("framesToSplit")
  void frameSplitAtEveryByteGivesTheSameFrame(String name, byte[] frame) {
    EslFrame whole = decodeOne(frame);
    for (int i = 1; i < frame.length; i++) {
      EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
      assertThat(ch.writeInbound(buf(slice(frame, 0, i)))).as("incomplete at %d", i).isFalse();
      assertThat(ch.writeInbound(buf(slice(frame, i, frame.length)))).as("complete after %d", i).isTrue();
      assertSameFrame(ch.readInbound(), whole);
      assertThat(ch.finish()).isFalse();
    }
  }

  static List<String> scenarios() {
    return Captures.SCENARIOS;
  }

  /**
   * One byte per read presents every frame of every capture cut at every offset (the two-part
   * split above covers "the rest arrives at once"); the frames must equal the whole-block decodes.
   */
  @ParameterizedTest
  @MethodSource("scenarios")
  void everyCaptureFedOneByteAtATimeGivesTheSameFrames(String scenario) {
    byte[] stream = Captures.serverStream(scenario);
    List<Block> blocks = Captures.serverBlocks(scenario);
    for (int i = 0; i < stream.length; i++) {
      channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(stream, i, 1));
    }
    List<EslFrame> frames = readAll(channel);
    assertThat(frames).hasSameSizeAs(blocks);
    for (int i = 0; i < blocks.size(); i++) {
      assertSameFrame(frames.get(i), decodeOne(blocks.get(i).bytes()));
    }
  }

  @Test
  void twoFramesInOneBufferGiveTwoFrames() {
    channel.writeInbound(buf(EslTestFrames.BACKGROUND_JOB + EslTestFrames.RUDE_REJECTION));
    assertThat(readAll(channel)).extracting(EslFrame::contentType)
        .containsExactly(EslContentType.EVENT_PLAIN, EslContentType.RUDE_REJECTION);
  }

  // ---------------------------------------------------------------- malformed input

  @Test
  void headerLineWithoutColonIsAFatalFailedFrameAndTheRestIsDiscarded() {
    channel.writeInbound(buf("this is not esl\n\nContent-Type: auth/request\n\n"));
    List<EslFrame> frames = readAll(channel);
    assertThat(frames).hasSize(1);
    assertFatal(frames.get(0));
    channel.writeInbound(buf("Content-Type: auth/request\n\n"));
    assertThat(readAll(channel)).as("input after garbage is discarded").isEmpty();
  }

  @Test
  void nonNumericContentLengthIsFatal() {
    channel.writeInbound(buf("Content-Type: api/response\nContent-Length: 12x\n\n"));
    assertFatal(channel.readInbound());
  }

  @Test
  void conflictingContentLengthsAreFatal() {
    channel.writeInbound(buf("Content-Length: 3\nContent-Type: api/response\nContent-Length: 4\n\nabcd"));
    assertFatal(channel.readInbound());
  }

  @Test
  void contentLengthAboveTheLimitIsFatalBeforeAnyBodyIsBuffered() {
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(1024, 100));
    ch.writeInbound(buf("Content-Type: api/response\nContent-Length: 101\n\n"));
    assertFatal(ch.readInbound());
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void endlessHeaderLineIsCutOffAtTheHeaderLimitAndMemoryStaysBounded() {
    ExposedDecoder decoder = new ExposedDecoder(256, 1024);
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    byte[] chunk = new byte[100];
    java.util.Arrays.fill(chunk, (byte) 'a');
    for (int i = 0; i < 1000; i++) {
      ch.writeInbound(buf(chunk));
      assertThat(decoder.buffered()).as("bytes held after %d chunks", i).isLessThanOrEqualTo(256 + 100);
    }
    List<EslFrame> frames = readAll(ch);
    assertThat(frames).hasSize(1);
    assertFatal(frames.get(0));
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void manyShortHeaderLinesAreCutOffAtTheHeaderLimit() {
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(256, 1024));
    for (int i = 0; i < 100; i++) {
      ch.writeInbound(buf("X-Header-" + i + ": value\n"));
    }
    List<EslFrame> frames = readAll(ch);
    assertThat(frames).hasSize(1);
    assertFatal(frames.get(0));
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void badPercentEscapeFailsOnlyThatEventAndTheNextFrameDecodes() {
    channel.writeInbound(buf(EslTestFrames.eventPlain("Event-Name: CUSTOM\nBad: 100%zz\n\n")
        + EslTestFrames.RUDE_REJECTION));
    List<EslFrame> frames = readAll(channel);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).decoderResult().isFailure()).isTrue();
    assertThat(((EslDecoderException) frames.get(0).decoderResult().cause()).isFatal()).isFalse();
    assertThat(frames.get(1).decoderResult().isSuccess()).isTrue();
  }

  @Test
  void innerContentLengthBeyondTheFrameFailsOnlyThatEvent() {
    channel.writeInbound(buf(EslTestFrames.eventPlain("Event-Name: BACKGROUND_JOB\nContent-Length: 99\n\nshort")));
    EslFrame f = channel.readInbound();
    assertThat(f.decoderResult().isFailure()).isTrue();
    assertThat(((EslDecoderException) f.decoderResult().cause()).isFatal()).isFalse();
  }

  @Test
  void malformedJsonFailsOnlyThatEvent() {
    String body = "{\"Event-Name\": \"CUSTOM\"";
    channel.writeInbound(buf("Content-Length: " + body.length() + "\nContent-Type: text/event-json\n\n" + body));
    EslFrame f = channel.readInbound();
    assertThat(f.decoderResult().isFailure()).isTrue();
  }

  @Test
  void truncatedFramesProduceNothingAndNeverThrow() {
    for (Block b : Captures.serverBlocks("inbound-basics")) {
      for (int cut = 0; cut < b.bytes().length; cut += 7) {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
        ch.writeInbound(buf(slice(b.bytes(), 0, cut)));
        assertThat(readAll(ch)).isEmpty();
        ch.close(); // decodeLast on a partial frame must not throw either
        assertThat(ch.finish()).isFalse();
      }
    }
  }

  @Test
  void randomBytesNeverThrowAndNeverGrowTheBuffer() {
    java.util.Random rnd = new java.util.Random(42);
    for (int run = 0; run < 300; run++) {
      ExposedDecoder decoder = new ExposedDecoder(512, 4096);
      EmbeddedChannel ch = new EmbeddedChannel(decoder);
      for (int i = 0; i < 40; i++) {
        byte[] junk = new byte[1 + rnd.nextInt(200)];
        rnd.nextBytes(junk);
        if (rnd.nextInt(4) == 0) {
          junk[rnd.nextInt(junk.length)] = '\n'; // make line structure likely
        }
        ch.writeInbound(buf(junk));
        assertThat(decoder.buffered()).isLessThanOrEqualTo(512 + 4096 + 200);
      }
      readAll(ch);
      ch.close();
      assertThat(ch.finish()).isFalse();
    }
  }

  @Test
  void mutatedCaptureBytesNeverThrow() {
    byte[] stream = Captures.serverStream("receive-outbound-socket");
    java.util.Random rnd = new java.util.Random(7);
    for (int run = 0; run < 200; run++) {
      byte[] m = stream.clone();
      for (int k = 0; k < 5; k++) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
      int p = 0;
      while (p < m.length) {
        int n = Math.min(m.length - p, 1 + rnd.nextInt(4000));
        ch.writeInbound(buf(slice(m, p, p + n)));
        p += n;
      }
      List<EslFrame> frames = readAll(ch);
      assertThat(frames).isNotEmpty();
      ch.close();
      assertThat(ch.finish()).isFalse();
    }
  }

  @Test
  void garbageClosesTheConnectionThroughTheFailureHandler() {
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(), EslDecodeFailureHandler.INSTANCE);
    ch.writeInbound(buf("Content-Type: auth/request\n\n"));
    assertThat(((EslFrame) ch.readInbound()).contentType()).isEqualTo(EslContentType.AUTH_REQUEST);
    assertThat(ch.isOpen()).isTrue();
    ch.writeInbound(buf("\u0000\u0001garbage\n\n"));
    assertThat((Object) ch.readInbound()).as("the fatal frame is not passed on").isNull();
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void nonFatalFailuresPassTheFailureHandlerAndKeepTheConnection() {
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(), EslDecodeFailureHandler.INSTANCE);
    ch.writeInbound(buf(EslTestFrames.eventPlain("Event-Name: CUSTOM\nBad: %\n\n")));
    EslFrame f = ch.readInbound();
    assertThat(f.decoderResult().isFailure()).isTrue();
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void invalidLimitsAreRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EslFrameDecoder(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EslFrameDecoder(10, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- helpers

  private EslFrame decode(String s) {
    return decode(bytes(s));
  }

  private EslFrame decode(byte[] b) {
    assertThat(channel.writeInbound(buf(b))).isTrue();
    EslFrame f = channel.readInbound();
    assertThat(f.decoderResult().isSuccess()).as("%s", f).isTrue();
    assertThat((Object) channel.readInbound()).isNull();
    return f;
  }

  private static void assertFatal(EslFrame f) {
    assertThat(f).isNotNull();
    assertThat(f.decoderResult().isFailure()).isTrue();
    assertThat(f.decoderResult().cause()).isInstanceOf(EslDecoderException.class);
    assertThat(((EslDecoderException) f.decoderResult().cause()).isFatal()).isTrue();
  }

  /** Exposes the cumulation buffer so tests can assert memory stays bounded. */
  static final class ExposedDecoder extends EslFrameDecoder {
    ExposedDecoder(int maxHeader, int maxBody) {
      super(maxHeader, maxBody);
    }

    int buffered() {
      ByteBuf b = internalBuffer();
      return b.readableBytes();
    }
  }
}

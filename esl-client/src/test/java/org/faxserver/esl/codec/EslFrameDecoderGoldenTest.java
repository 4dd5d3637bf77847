package org.faxserver.esl.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.esl.codec.CodecTestSupport.assertSameFrame;
import static org.faxserver.esl.codec.CodecTestSupport.buf;
import static org.faxserver.esl.codec.CodecTestSupport.decodeOne;
import static org.faxserver.esl.codec.CodecTestSupport.readAll;
import static org.faxserver.esl.codec.CodecTestSupport.slice;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.faxserver.esl.Captures;
import org.faxserver.esl.Captures.Block;
import org.faxserver.esl.Captures.Summary;
import org.faxserver.esl.EslContentType;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every server block of every real capture decodes to exactly one frame that matches the summary
 * line written when the capture was taken: content type, event name and subclass, the channel,
 * and each key header the summary lists.
 */
class EslFrameDecoderGoldenTest {

  static List<String> scenarios() {
    return Captures.SCENARIOS;
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyCapturedServerBlockDecodesToTheFrameItsSummaryDescribes(String scenario) {
    Map<Integer, Summary> summaries = Captures.serverSummaries(scenario);
    List<Block> blocks = Captures.serverBlocks(scenario);
    assertThat(blocks).hasSameSizeAs(summaries.values());
    for (Block block : blocks) {
      Summary s = summaries.get(block.index());
      assertThat(s).as("summary for block %d", block.index()).isNotNull();
      assertThat(block.bytes()).hasSize(s.size());
      EslFrame frame = decodeOne(block.bytes());
      String where = scenario + " block " + block.index();
      assertThat(frame.decoderResult().isSuccess()).as(where).isTrue();
      assertThat(frame.contentType().wireName()).as(where).isEqualTo(s.contentType());
      assertMatches(where, frame, s);
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void wholeScenarioInOneReadGivesTheSameFramesInOrder(String scenario) {
    List<Block> blocks = Captures.serverBlocks(scenario);
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
    ch.writeInbound(buf(Captures.serverStream(scenario)));
    List<EslFrame> frames = readAll(ch);
    assertThat(frames).hasSameSizeAs(blocks);
    for (int i = 0; i < blocks.size(); i++) {
      assertSameFrame(frames.get(i), decodeOne(blocks.get(i).bytes()));
    }
    assertThat(ch.finish()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void scenarioFedInRandomChunksGivesTheSameFrames(String scenario) {
    byte[] stream = Captures.serverStream(scenario);
    List<Block> blocks = Captures.serverBlocks(scenario);
    Random rnd = new Random(scenario.hashCode());
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
    int p = 0;
    while (p < stream.length) {
      // Chunks from 1 byte to ~3 KiB: many reads per frame and many frames per read.
      int n = Math.min(stream.length - p, 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 3000));
      ch.writeInbound(buf(slice(stream, p, p + n)));
      p += n;
    }
    List<EslFrame> frames = readAll(ch);
    assertThat(frames).hasSameSizeAs(blocks);
    for (int i = 0; i < blocks.size(); i++) {
      assertSameFrame(frames.get(i), decodeOne(blocks.get(i).bytes()));
    }
    assertThat(ch.finish()).isFalse();
  }

  private static void assertMatches(String where, EslFrame frame, Summary s) {
    EslEvent event = frame.event();
    if (frame.contentType().isEvent()) {
      assertThat(event).as(where).isNotNull();
      assertThat(event.eventName()).as(where).isEqualTo(s.eventName());
      assertThat(event.subclass()).as(where).isEqualTo(s.subclass());
    }
    if (s.uniqueId() != null) {
      assertThat(event.uniqueId()).as(where).isEqualTo(s.uniqueId());
      assertThat(event.header("Channel-Name")).as(where).isEqualTo(s.channelName());
    }
    for (Map.Entry<String, String> kv : s.keys().entrySet()) {
      String key = kv.getKey();
      String expected = kv.getValue();
      String actual;
      if (key.equals("body") || key.equals("text")) {
        actual = frame.contentType().isEvent() ? event.body() : frame.bodyAsString();
      } else if (event != null && frame.contentType() != EslContentType.COMMAND_REPLY) {
        actual = event.header(key);
      } else {
        actual = frame.header(key);
      }
      assertThat(actual).as("%s %s", where, key).isNotNull();
      if (expected.endsWith("...")) {
        // The summary truncates long values.
        assertThat(actual).as("%s %s", where, key).startsWith(expected.substring(0, expected.length() - 3));
      } else {
        assertThat(actual).as("%s %s", where, key).isEqualTo(expected);
      }
    }
  }
}

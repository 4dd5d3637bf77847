package org.faxserver.esl.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.faxserver.esl.EslFrame;

/** Byte and channel helpers shared by the codec tests. */
final class CodecTestSupport {

  private CodecTestSupport() {}

  static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  static ByteBuf buf(byte[] b) {
    return Unpooled.wrappedBuffer(b);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] slice(byte[] b, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(b, from, out, 0, to - from);
    return out;
  }

  /** Drains every frame the channel produced so far. */
  static List<EslFrame> readAll(EmbeddedChannel ch) {
    List<EslFrame> out = new ArrayList<>();
    Object o;
    while ((o = ch.readInbound()) != null) {
      out.add((EslFrame) o);
    }
    return out;
  }

  /** Decodes {@code bytes} as exactly one frame in a fresh channel. */
  static EslFrame decodeOne(byte[] bytes) {
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
    assertThat(ch.writeInbound(buf(bytes))).as("a complete frame is emitted").isTrue();
    EslFrame f = ch.readInbound();
    assertThat((Object) ch.readInbound()).as("exactly one frame").isNull();
    assertThat(ch.finish()).isFalse();
    return f;
  }

  /** Asserts two frames decoded from the same bytes are identical in every decoded part. */
  static void assertSameFrame(EslFrame actual, EslFrame expected) {
    assertThat(actual.decoderResult().isSuccess()).isEqualTo(expected.decoderResult().isSuccess());
    assertThat(actual.headers()).isEqualTo(expected.headers());
    assertThat(actual.body()).isEqualTo(expected.body());
    if (expected.event() == null) {
      assertThat(actual.event()).isNull();
    } else {
      assertThat(actual.event().headers()).isEqualTo(expected.event().headers());
      assertThat(actual.event().bodyBytes()).isEqualTo(expected.event().bodyBytes());
    }
  }
}

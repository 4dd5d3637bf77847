package org.faxserver.esl.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import org.faxserver.esl.Captures;
import org.faxserver.esl.EslFrame;
import org.faxserver.esl.codec.EslFrameDecoder;

/**
 * Decode throughput on one thread: a real 2 KB {@code text/event-plain} CHANNEL_STATE frame from
 * the receive-outbound-socket capture, repeated, fed to {@link EslFrameDecoder} in 64 KiB reads
 * (like socket reads), with the event parsed and its name looked up for every frame.
 * Not a test; see docs/BENCHMARKS.md for the command.
 */
public final class DecodeBenchmark {

  private DecodeBenchmark() {}

  public static void main(String[] args) {
    byte[] frame = Captures.serverBlocks("receive-outbound-socket").stream()
        .filter(b -> b.text().contains("Event-Name: CHANNEL_STATE")).findFirst().orElseThrow().bytes();
    int framesPerStream = 512;
    byte[] stream = new byte[frame.length * framesPerStream];
    for (int i = 0; i < framesPerStream; i++) {
      System.arraycopy(frame, 0, stream, i * frame.length, frame.length);
    }
    System.out.printf("frame: %d bytes (CHANNEL_STATE, %d headers)%n", frame.length,
        countHeaders(new String(frame, java.nio.charset.StandardCharsets.UTF_8)));

    long[] counter = new long[1];
    EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        EslFrame f = (EslFrame) msg;
        if (f.event() == null || f.event().eventName() == null) {
          throw new IllegalStateException("bad decode: " + f);
        }
        counter[0]++;
      }
    });

    run(ch, stream, counter, 3_000); // warm-up
    int rounds = 5;
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double[] rate = run(ch, stream, counter, 2_000);
      wall[r] = rate[0];
      cpu[r] = rate[1];
      System.out.printf("round %d: %,.0f events/s wall-clock, %,.0f events per CPU-second (%.0f MB/s)%n", r + 1,
          wall[r], cpu[r], cpu[r] * frame.length / 1e6);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("decode text/event-plain %d B on one thread: median %,.0f events/s wall-clock, "
        + "median %,.0f events per CPU-second (best %,.0f)%n", frame.length, wall[rounds / 2], cpu[rounds / 2],
        cpu[rounds - 1]);
    ch.finishAndReleaseAll();
  }

  /** Returns {events per wall-clock second, events per CPU second of this thread}. */
  private static double[] run(EmbeddedChannel ch, byte[] stream, long[] counter, long millis) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = mx.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    long before = counter[0];
    int chunk = 64 * 1024;
    while (System.nanoTime() < end) {
      for (int off = 0; off < stream.length; off += chunk) {
        ch.writeInbound(Unpooled.wrappedBuffer(stream, off, Math.min(chunk, stream.length - off)));
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpuSecs = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long n = counter[0] - before;
    return new double[] {n / secs, n / cpuSecs};
  }

  private static int countHeaders(String frame) {
    String body = frame.substring(frame.indexOf("\n\n") + 2);
    return (int) body.lines().filter(l -> l.contains(": ")).count();
  }
}

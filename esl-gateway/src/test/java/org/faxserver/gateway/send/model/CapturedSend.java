package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.faxserver.model.fax.HangupCause;

/**
 * One real FreeSWITCH 1.10.12 send capture ({@code src/test/resources/captures/send-*.esl}, copied
 * from the shared captures), decoded with esl-client's frame decoder, replayed into a fold the way
 * the gateway routes events: channel events by {@code Unique-ID} = origination_uuid, the originate's
 * BACKGROUND_JOB by our {@code Job-UUID}. B-leg events, heartbeats and replies are skipped.
 */
final class CapturedSend {

  private static final Pattern BLOCK = Pattern.compile("(>>> C|<<< S) (\\d+)");
  private static final Pattern ORIGINATION_UUID = Pattern.compile("origination_uuid=([0-9a-f-]{36})");
  private static final Pattern JOB_UUID = Pattern.compile("Job-UUID: ([0-9a-f-]{36})");

  final String scenario;
  final UUID attemptId;
  final String jobUuid;
  final List<EslEvent> events;

  private CapturedSend(String scenario, UUID attemptId, String jobUuid, List<EslEvent> events) {
    this.scenario = scenario;
    this.attemptId = attemptId;
    this.jobUuid = jobUuid;
    this.events = events;
  }

  static CapturedSend load(String scenario) {
    byte[] data = resource("/captures/" + scenario + ".esl");
    EmbeddedChannel channel = new EmbeddedChannel(new EslFrameDecoder());
    UUID attempt = null;
    String job = null;
    int i = 0;
    while (i < data.length) {
      int nl = indexOf(data, i);
      Matcher m = BLOCK.matcher(new String(data, i, nl - i, StandardCharsets.US_ASCII));
      if (!m.matches()) {
        throw new IllegalStateException(scenario + ": bad block header at " + i);
      }
      int n = Integer.parseInt(m.group(2));
      if (m.group(1).startsWith("<<<")) {
        channel.writeInbound(Unpooled.wrappedBuffer(data, nl + 1, n));
      } else {
        String command = new String(data, nl + 1, n, StandardCharsets.UTF_8);
        if (command.startsWith("bgapi originate")) {
          Matcher u = ORIGINATION_UUID.matcher(command);
          Matcher j = JOB_UUID.matcher(command);
          assertThat(u.find() && j.find()).as("originate in " + scenario).isTrue();
          attempt = UUID.fromString(u.group(1));
          job = j.group(1);
        }
      }
      i = nl + 1 + n + 1;
    }
    List<EslEvent> events = new ArrayList<>();
    for (Object frame; (frame = channel.readInbound()) != null; ) {
      EslFrame f = (EslFrame) frame;
      assertThat(f.decoderResult().isSuccess()).as(scenario + " frame decodes").isTrue();
      if (f.event() != null) {
        events.add(f.event());
      }
    }
    assertThat(channel.finish()).as("nothing left over").isFalse();
    return new CapturedSend(scenario, attempt, job, events);
  }

  /** Replays the call's events into a fresh fold, collecting its progress steps. */
  Replay replay() {
    FaxResultFold fold = new FaxResultFold();
    List<FaxProgress> progress = new ArrayList<>();
    for (EslEvent e : events) {
      Instant at = eventTime(e);
      if (e.is("BACKGROUND_JOB") && jobUuid.equals(e.jobUuid())) {
        String body = e.body().strip();
        if (body.startsWith("+OK")) {
          fold.originateSucceeded(at).ifPresent(progress::add);
        } else {
          fold.originateFailed(HangupCause.fromFreeSwitch(body.substring(body.indexOf(' ') + 1)));
        }
      } else if (attemptId.toString().equals(e.uniqueId())) {
        fold.apply(e::header, at).ifPresent(progress::add);
      }
    }
    return new Replay(fold, progress);
  }

  /** The fold after the whole capture and the progress it reported. */
  record Replay(FaxResultFold fold, List<FaxProgress> progress) {}

  /** Event-Date-Timestamp (µs since the epoch), so replays are deterministic. */
  static Instant eventTime(EslEvent e) {
    long micros = Long.parseLong(e.header("Event-Date-Timestamp"));
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
  }

  private static byte[] resource(String name) {
    try (InputStream in = CapturedSend.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing capture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] d, int from) {
    for (int i = from; i < d.length; i++) {
      if (d[i] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("no newline after " + from);
  }
}

package org.faxserver.esl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the real FreeSWITCH 1.10.12 captures copied to {@code src/test/resources/captures}: the
 * {@code .esl} block format ({@code >>> C n} / {@code <<< S n}, n raw bytes, one separator
 * newline) and the one-line-per-block {@code .txt} summaries.
 */
public final class Captures {

  /** Every scenario recorded. */
  public static final List<String> SCENARIOS = List.of(
      "events-json", "inbound-bad-auth", "inbound-basics", "receive-outbound-reject",
      "receive-outbound-socket", "send-busy", "send-filtered", "send-g711", "send-hangup-midfax",
      "send-missing-file", "send-t38", "send-unallocated");

  private static final Pattern BLOCK_HEADER = Pattern.compile("(>>> C|<<< S) (\\d+)");
  private static final Pattern SUMMARY_LINE =
      Pattern.compile("^\\s*(\\d+)\\s+[\\d.]+\\s+([SC])\\s+(\\d+)\\s+[SC] (.*)$");
  private static final Pattern LEG = Pattern.compile("\\[leg\\d+ (\\S+) (\\S+)\\]");
  private static final Pattern KEY_SPLIT = Pattern.compile(" (?=[A-Za-z][A-Za-z0-9_-]*=)");

  private Captures() {}

  /** One block: direction ({@code true} = from FreeSWITCH), the raw bytes and its 1-based index. */
  public record Block(int index, boolean fromServer, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** One parsed summary line of a server block. */
  public record Summary(int index, int size, String contentType, String eventName, String subclass,
      String uniqueId, String channelName, Map<String, String> keys) {}

  public static List<Block> blocks(String scenario) {
    byte[] d = resource(scenario + ".esl");
    List<Block> out = new ArrayList<>();
    int i = 0;
    int idx = 1;
    while (i < d.length) {
      int nl = indexOf(d, (byte) '\n', i);
      String header = new String(d, i, nl - i, StandardCharsets.US_ASCII);
      Matcher m = BLOCK_HEADER.matcher(header);
      if (!m.matches()) {
        throw new IllegalStateException(scenario + ": bad block header '" + header + "' at " + i);
      }
      int n = Integer.parseInt(m.group(2));
      byte[] data = new byte[n];
      System.arraycopy(d, nl + 1, data, 0, n);
      out.add(new Block(idx++, m.group(1).startsWith("<<<"), data));
      i = nl + 1 + n + 1;
    }
    return out;
  }

  public static List<Block> serverBlocks(String scenario) {
    return blocks(scenario).stream().filter(Block::fromServer).toList();
  }

  public static List<Block> clientBlocks(String scenario) {
    return blocks(scenario).stream().filter(b -> !b.fromServer()).toList();
  }

  /** All server blocks of a scenario concatenated, as one TCP stream would deliver them. */
  public static byte[] serverStream(String scenario) {
    List<Block> bs = serverBlocks(scenario);
    int total = bs.stream().mapToInt(b -> b.bytes().length).sum();
    byte[] all = new byte[total];
    int p = 0;
    for (Block b : bs) {
      System.arraycopy(b.bytes(), 0, all, p, b.bytes().length);
      p += b.bytes().length;
    }
    return all;
  }

  /** Summary lines of the server blocks, keyed by block index. */
  public static Map<Integer, Summary> serverSummaries(String scenario) {
    String txt = new String(resource(scenario + ".txt"), StandardCharsets.UTF_8);
    Map<Integer, Summary> out = new LinkedHashMap<>();
    for (String line : txt.split("\n")) {
      Matcher m = SUMMARY_LINE.matcher(line);
      if (!m.matches() || !m.group(2).equals("S")) {
        continue;
      }
      out.put(Integer.parseInt(m.group(1)), parseSummary(Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(3)), m.group(4)));
    }
    return out;
  }

  private static Summary parseSummary(int index, int size, String rest) {
    String contentType = rest.substring(0, rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' '));
    String tail = rest.substring(contentType.length()).replace("(CHANNEL_DATA as connect reply)", "");
    String uniqueId = null;
    String channel = null;
    Matcher leg = LEG.matcher(tail);
    if (leg.find()) {
      uniqueId = leg.group(1);
      channel = leg.group(2);
      tail = tail.substring(0, leg.start()) + tail.substring(leg.end());
    }
    tail = tail.strip();
    String eventName = null;
    String subclass = null;
    // Leading bare tokens (no '=') are the event name and the subclass.
    while (!tail.isEmpty()) {
      int sp = tail.indexOf(' ');
      String tok = sp < 0 ? tail : tail.substring(0, sp);
      if (tok.contains("=")) {
        break;
      }
      if (tok.contains("::")) {
        subclass = tok;
      } else {
        eventName = tok;
      }
      tail = sp < 0 ? "" : tail.substring(sp + 1).strip();
    }
    Map<String, String> keys = new LinkedHashMap<>();
    if (!tail.isEmpty()) {
      for (String kv : KEY_SPLIT.split(tail)) {
        int eq = kv.indexOf('=');
        keys.put(kv.substring(0, eq), unquote(kv.substring(eq + 1)));
      }
    }
    return new Summary(index, size, contentType, eventName, subclass, uniqueId, channel, keys);
  }

  /** Strips the quotes of {@code 'x'} and turns the summary's {@code \n}/{@code \\n} escapes into newlines. */
  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      v = v.substring(1, v.length() - 1);
    }
    return v.replace("\\\\n", "\n").replace("\\n", "\n").replace("\\\\t", "\t").replace("\\t", "\t");
  }

  public static byte[] resource(String name) {
    try (InputStream in = Captures.class.getResourceAsStream("/captures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing capture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] d, byte c, int from) {
    for (int i = from; i < d.length; i++) {
      if (d[i] == c) {
        return i;
      }
    }
    throw new IllegalStateException("no newline after " + from);
  }
}

package org.faxserver.gateway.send.adapter.esl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.faxserver.esl.ConnectionState;
import org.faxserver.esl.EslCommand;
import org.faxserver.esl.EslCommandException;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.send.application.FreeSwitch;
import org.faxserver.gateway.send.model.DestinationSettings;
import org.faxserver.model.fallback.DialOverridePolicy;

/**
 * {@link FreeSwitch} over one {@link EslInboundClient}: the api commands the sending side uses and
 * the parsing of their plain-text replies. FreeSWITCH reports "nothing" as an empty api output, which
 * mod_event_socket turns into {@code -ERR no reply}; that is an answer here, not a failure.
 */
public final class EslFreeSwitch implements FreeSwitch {

  /** mod_event_socket's replacement for an empty api output. */
  static final String NO_REPLY = "-ERR no reply";

  private final EslInboundClient client;

  public EslFreeSwitch(EslInboundClient client) {
    this.client = client;
  }

  @Override
  public boolean isReady() {
    return client.state() == ConnectionState.READY;
  }

  @Override
  public CompletableFuture<DestinationSettings> destinationSettings(String dialledNumber) {
    String number = requireKey(dialledNumber);
    CompletableFuture<Boolean> fallback = client.api("db exists/fallback/" + number)
        .thenApply(out -> "true".equals(out.strip()));
    CompletableFuture<Map<String, String>> overrides = client.api("db list/override-" + number)
        // only channel variable names are selected: no other key could be applied, nor safely put in a command
        .thenCompose(list -> selectAll("override-" + number, keys(list).stream()
            .filter(key -> DialOverridePolicy.nameProblem(key).isEmpty()).toList()));
    return fallback.thenCombine(overrides, DestinationSettings::new);
  }

  private CompletableFuture<Map<String, String>> selectAll(String realm, List<String> keys) {
    Map<String, String> values = new LinkedHashMap<>();
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (String key : keys) {
      all = all.thenCompose(v -> client.api("db select/" + realm + "/" + key)).thenAccept(out -> {
        String value = value(out);
        if (value != null) {
          values.put(key, value);
        }
      });
    }
    return all.thenApply(v -> values);
  }

  /** Keys of {@code db list}: comma separated, or "no reply" for an empty or unknown realm. */
  static List<String> keys(String listOutput) {
    String out = listOutput == null ? "" : listOutput.strip();
    List<String> keys = new ArrayList<>();
    if (out.isEmpty() || out.startsWith("-ERR") || out.startsWith("!err!")) {
      return keys;
    }
    for (String k : out.split(",")) {
      if (!k.isBlank() && k.indexOf('/') < 0) {
        keys.add(k.strip());
      }
    }
    return keys;
  }

  /** A {@code db select} value, or null when missing ("no reply") or refused. */
  static String value(String selectOutput) {
    if (selectOutput == null || selectOutput.startsWith(NO_REPLY) || selectOutput.startsWith("!err!")) {
      return null;
    }
    return selectOutput.strip();
  }

  @Override
  public CompletableFuture<Void> originate(String originateCommand, String jobUuid) {
    // sendCommand rather than client.bgapi: we want FreeSWITCH's acceptance (the command/reply), and the
    // BACKGROUND_JOB reaches the call through the event listener, matched by our Job-UUID.
    return client.sendCommand(EslCommand.bgapi(originateCommand, jobUuid)).thenAccept(reply -> {
      if (!reply.isOk()) {
        throw new EslCommandException("bgapi originate", String.valueOf(reply.replyText()));
      }
    });
  }

  @Override
  public CompletableFuture<Boolean> kill(UUID channel) {
    return client.api("uuid_kill " + channel).thenApply(out -> out.startsWith("+OK"));
  }

  @Override
  public CompletableFuture<Boolean> exists(UUID channel) {
    return client.api("uuid_exists " + channel).thenApply(out -> "true".equals(out.strip()));
  }

  @Override
  public CompletableFuture<List<UUID>> outboundChannels() {
    return client.api("show channels").thenApply(EslFreeSwitch::outboundChannels);
  }

  /**
   * Parses {@code show channels}: a CSV header, one row per channel, a blank line and "N total.". Only
   * the first two columns (uuid, direction) are read: later ones (caller names) may contain commas,
   * which FreeSWITCH does not quote.
   */
  static List<UUID> outboundChannels(String output) {
    List<UUID> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] cols = line.split(",", 3);
      if (cols.length < 2 || !"outbound".equals(cols[1].strip())) {
        continue;
      }
      try {
        out.add(UUID.fromString(cols[0].strip()));
      } catch (IllegalArgumentException notAUuid) {
        // a header or a channel not originated with a uuid of ours: not our business
      }
    }
    return out;
  }

  @Override
  public CompletableFuture<String> variable(UUID channel, String name) {
    return client.api("uuid_getvar " + channel + " " + requireKey(name)).thenApply(out -> {
      String v = out.strip();
      return v.isEmpty() || v.equals("_undef_") || v.startsWith("-ERR") ? null : v;
    });
  }

  @Override
  public CompletableFuture<Void> learnFallback(String dialledNumber, long unixTime) {
    return client.api("db insert/fallback/" + requireKey(dialledNumber) + "/" + unixTime).thenAccept(out -> {
      if (!out.startsWith("+OK")) {
        throw new EslCommandException("db insert/fallback", out.strip());
      }
    });
  }

  /** mod_db splits on '/' and strips quotes and backslashes, and an api line ends at a newline. */
  private static String requireKey(String key) {
    if (key == null || key.isBlank() || !key.matches("[A-Za-z0-9_+.\\-]+")) {
      throw new IllegalArgumentException("not usable as a mod_db key or variable name: " + key);
    }
    return key;
  }
}

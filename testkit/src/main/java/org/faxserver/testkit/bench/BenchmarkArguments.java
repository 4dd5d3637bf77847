package org.faxserver.testkit.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark main class's {@code key=value} arguments. */
public final class BenchmarkArguments {

  private BenchmarkArguments() {
  }

  /** The arguments by key; one without {@code =} is refused with its text, so a typo never passes silently. */
  public static Map<String, String> parse(String[] args) {
    Map<String, String> parsed = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("arguments are key=value, got " + arg);
      }
      parsed.put(kv[0], kv[1]);
    }
    return parsed;
  }
}

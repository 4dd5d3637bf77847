package org.faxserver.systemtest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real local HTTP receiver for notifier-service's webhooks (JDK {@link HttpServer} on 127.0.0.1): records
 * every request and answers each path with the statuses scripted for it ({@link #script}), then 200.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived, and the status it was answered with. */
  record Hit(String path, Map<String, String> headers, byte[] body, int answered) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether {@code X-Fax-Signature} is {@code v1=} hex HMAC-SHA256(secret, "timestamp.body"). */
    boolean signatureVerifies(String secret) {
      String ts = header("X-Fax-Timestamp");
      String sig = header("X-Fax-Signature");
      if (ts == null || sig == null || !sig.startsWith("v1=")) {
        return false;
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(sig.substring(3)));
      } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
        return false;
      }
    }
  }

  private final HttpServer server;
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Integer> steady = new ConcurrentHashMap<>();

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "e2e-webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      String path = exchange.getRequestURI().getPath();
      int status;
      synchronized (this) {
        Deque<Integer> d = scripts.get(path);
        Integer next = d == null ? null : d.poll();
        status = next != null ? next : steady.getOrDefault(path, 200);
      }
      hits.add(new Hit(path, headers, body, status));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  /** The URL of a path on this receiver. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests to {@code path} are answered with these statuses, in order; then the steady status. */
  synchronized void script(String path, Integer... statuses) {
    scripts.put(path, new ArrayDeque<>(List.of(statuses)));
  }

  /** Every request to {@code path} is answered with {@code status} (after any script). */
  void always(String path, int status) {
    steady.put(path, status);
  }

  List<Hit> hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

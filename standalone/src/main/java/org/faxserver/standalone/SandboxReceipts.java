package org.faxserver.standalone;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandbox only: a local webhook receiver for the sandbox tenant's receipts, so a new user sees the
 * receipt of their test fax without a mail server. Every receipt is written to
 * {@code data/sandbox/receipts/<n>-<event>.json} and logged.
 */
final class SandboxReceipts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SandboxReceipts.class);
  static final String PATH = "/receipts";

  private final HttpServer server;
  private final Path dir;
  private final AtomicInteger count = new AtomicInteger();

  private SandboxReceipts(HttpServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  static SandboxReceipts start(Path dir) {
    try {
      Files.createDirectories(dir);
      HttpServer server = bind(dir.resolve(".port"));
      SandboxReceipts receipts = new SandboxReceipts(server, dir);
      try (var existing = Files.list(dir)) {
        // Numbering goes on after the receipts of earlier runs instead of overwriting them.
        receipts.count.set((int) existing.filter(f -> f.getFileName().toString().endsWith(".json")).count());
      }
      server.createContext(PATH, exchange -> {
        try (exchange) {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String event = String.valueOf(exchange.getRequestHeaders().getFirst("X-Fax-Event"));
          Path file = dir.resolve(String.format("%04d-%s.json", receipts.count.incrementAndGet(),
              event.replaceAll("[^A-Za-z0-9._-]", "_")));
          Files.write(file, body);
          log.info("SANDBOX receipt {} received: {}", event, file);
          exchange.sendResponseHeaders(204, -1);
        }
      });
      server.start();
      return receipts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox receipt receiver", e);
    }
  }

  /**
   * The port of the previous run when it is free: receipts planned before a restart (and retried) are
   * addressed to it.
   */
  private static HttpServer bind(Path portFile) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    HttpServer server = null;
    if (Files.exists(portFile)) {
      try {
        server = HttpServer.create(new InetSocketAddress(loopback, Integer.parseInt(Files.readString(portFile).strip())), 0);
      } catch (IOException | NumberFormatException e) {
        log.info("sandbox receipts: the previous port is not available ({}); taking another", e.toString());
      }
    }
    if (server == null) {
      server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    }
    Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
    return server;
  }

  /** The webhook URL the sandbox tenant's receipts go to. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  Path directory() {
    return dir;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

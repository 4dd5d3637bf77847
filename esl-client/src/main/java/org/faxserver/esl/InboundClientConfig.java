package org.faxserver.esl;

import java.time.Duration;
import java.util.Objects;
import org.faxserver.esl.codec.EslFrameDecoder;

/**
 * Settings of an {@link EslInboundClient}. Start from {@link #defaults(String, int, String)} and
 * adjust with the {@code with*} methods.
 *
 * @param host FreeSWITCH host
 * @param port event socket port (FreeSWITCH default 8021)
 * @param password the {@code event_socket.conf.xml} password
 * @param connectTimeout TCP connect timeout (default 5 s)
 * @param replyTimeout how long {@code api} and other commands wait for their reply (default 30 s).
 *     {@code api} runs synchronously inside FreeSWITCH, so use {@code bgapi} for anything slow.
 * @param jobTimeout how long a {@code bgapi} waits for its BACKGROUND_JOB (default 5 min)
 * @param readIdleTimeout with no bytes read for this long a probe command is sent, and after a
 *     second idle period the connection is considered dead and re-established (default 45 s;
 *     FreeSWITCH sends HEARTBEAT every 20 s and the client always subscribes to it)
 * @param reconnectInitialDelay first reconnect delay; doubled per failed attempt (default 500 ms)
 * @param reconnectMaxDelay upper bound of the reconnect delay (default 30 s)
 * @param eventQueueCapacity events waiting for the listener before new ones are dropped; reading
 *     pauses at half of it (default 10 000; see {@link EslInboundClient})
 * @param maxHeaderSize decoder limit for one header block (default 64 KiB)
 * @param maxBodySize decoder limit for one body (default 16 MiB, FreeSWITCH's own limit)
 */
public record InboundClientConfig(
    String host,
    int port,
    String password,
    Duration connectTimeout,
    Duration replyTimeout,
    Duration jobTimeout,
    Duration readIdleTimeout,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    int eventQueueCapacity,
    int maxHeaderSize,
    int maxBodySize) {

  /** Validates every setting. */
  public InboundClientConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(password, "password");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(replyTimeout, "replyTimeout");
    requirePositive(jobTimeout, "jobTimeout");
    requirePositive(readIdleTimeout, "readIdleTimeout");
    requirePositive(reconnectInitialDelay, "reconnectInitialDelay");
    requirePositive(reconnectMaxDelay, "reconnectMaxDelay");
    if (eventQueueCapacity < 4) {
      throw new IllegalArgumentException("eventQueueCapacity must be >= 4");
    }
    if (maxHeaderSize <= 0 || maxBodySize < 0) {
      throw new IllegalArgumentException("invalid decoder limits");
    }
  }

  /** Defaults as documented on the components. */
  public static InboundClientConfig defaults(String host, int port, String password) {
    return new InboundClientConfig(host, port, password, Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofMinutes(5), Duration.ofSeconds(45), Duration.ofMillis(500), Duration.ofSeconds(30), 10_000,
        EslFrameDecoder.DEFAULT_MAX_HEADER_SIZE, EslFrameDecoder.DEFAULT_MAX_BODY_SIZE);
  }

  /** Returns a copy with other reconnect delays. */
  public InboundClientConfig withReconnectDelays(Duration initial, Duration max) {
    return new InboundClientConfig(host, port, password, connectTimeout, replyTimeout, jobTimeout, readIdleTimeout,
        initial, max, eventQueueCapacity, maxHeaderSize, maxBodySize);
  }

  /** Returns a copy with another read-idle timeout. */
  public InboundClientConfig withReadIdleTimeout(Duration timeout) {
    return new InboundClientConfig(host, port, password, connectTimeout, replyTimeout, jobTimeout, timeout,
        reconnectInitialDelay, reconnectMaxDelay, eventQueueCapacity, maxHeaderSize, maxBodySize);
  }

  /** Returns a copy with other reply and job timeouts. */
  public InboundClientConfig withTimeouts(Duration reply, Duration job) {
    return new InboundClientConfig(host, port, password, connectTimeout, reply, job, readIdleTimeout,
        reconnectInitialDelay, reconnectMaxDelay, eventQueueCapacity, maxHeaderSize, maxBodySize);
  }

  /** Returns a copy with another event queue capacity. */
  public InboundClientConfig withEventQueueCapacity(int capacity) {
    return new InboundClientConfig(host, port, password, connectTimeout, replyTimeout, jobTimeout, readIdleTimeout,
        reconnectInitialDelay, reconnectMaxDelay, capacity, maxHeaderSize, maxBodySize);
  }

  static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  @Override
  public String toString() {
    // The password stays out of logs.
    return "InboundClientConfig[" + host + ":" + port + ", replyTimeout=" + replyTimeout + ", jobTimeout="
        + jobTimeout + ", readIdleTimeout=" + readIdleTimeout + ", reconnect=" + reconnectInitialDelay + ".."
        + reconnectMaxDelay + ", eventQueueCapacity=" + eventQueueCapacity + "]";
  }
}

package org.faxserver.esl;

import java.time.Duration;
import java.util.Objects;
import org.faxserver.esl.codec.EslFrameDecoder;

/**
 * Settings of an {@link EslOutboundServer}. Start from {@link #defaults(String, int)}.
 *
 * @param bindHost address to listen on, for example {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port port FreeSWITCH's {@code socket host:port async full} dials (default 8084; 0 picks a free one)
 * @param connectReplyTimeout how long to wait for the CHANNEL_DATA reply to {@code connect} before
 *     dropping the socket (default 10 s)
 * @param replyTimeout how long commands wait for their reply (default 30 s)
 * @param sessionEventQueueCapacity events per session waiting for its listener before new ones are
 *     dropped; reading pauses at half of it (default 1 000)
 * @param ioThreads Netty worker threads; 0 means Netty's default (2 × cores)
 * @param maxHeaderSize decoder limit for one header block (default 64 KiB)
 * @param maxBodySize decoder limit for one body (default 16 MiB)
 */
public record OutboundServerConfig(
    String bindHost,
    int port,
    Duration connectReplyTimeout,
    Duration replyTimeout,
    int sessionEventQueueCapacity,
    int ioThreads,
    int maxHeaderSize,
    int maxBodySize) {

  /** Validates every setting. */
  public OutboundServerConfig {
    Objects.requireNonNull(bindHost, "bindHost");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    InboundClientConfig.requirePositive(connectReplyTimeout, "connectReplyTimeout");
    InboundClientConfig.requirePositive(replyTimeout, "replyTimeout");
    if (sessionEventQueueCapacity < 4) {
      throw new IllegalArgumentException("sessionEventQueueCapacity must be >= 4");
    }
    if (ioThreads < 0 || maxHeaderSize <= 0 || maxBodySize < 0) {
      throw new IllegalArgumentException("invalid ioThreads or decoder limits");
    }
  }

  /** Defaults as documented on the components. */
  public static OutboundServerConfig defaults(String bindHost, int port) {
    return new OutboundServerConfig(bindHost, port, Duration.ofSeconds(10), Duration.ofSeconds(30), 1_000, 0,
        EslFrameDecoder.DEFAULT_MAX_HEADER_SIZE, EslFrameDecoder.DEFAULT_MAX_BODY_SIZE);
  }

  /** Returns a copy with another number of I/O threads. */
  public OutboundServerConfig withIoThreads(int threads) {
    return new OutboundServerConfig(bindHost, port, connectReplyTimeout, replyTimeout, sessionEventQueueCapacity,
        threads, maxHeaderSize, maxBodySize);
  }

  /** Returns a copy with other timeouts. */
  public OutboundServerConfig withTimeouts(Duration connectReply, Duration reply) {
    return new OutboundServerConfig(bindHost, port, connectReply, reply, sessionEventQueueCapacity, ioThreads,
        maxHeaderSize, maxBodySize);
  }
}

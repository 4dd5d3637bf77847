package org.faxserver.esl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.faxserver.esl.codec.EslFrameDecoder;

/**
 * Settings of an {@link EslOutboundServer}. Start from {@link #defaults(String, int)} and adjust
 * with the {@code with*} methods.
 *
 * <p><b>Security.</b> Whoever can reach the outbound-socket port is talking to the application as
 * if it were FreeSWITCH, including the CHANNEL_DATA it claims (caller number,
 * {@code variable_sip_network_ip}, ...). So bind {@link #bindHost()} to the address FreeSWITCH dials
 * (loopback when it runs on the same host, otherwise a private interface), not {@code 0.0.0.0}, and
 * set {@link #allowedPeers()} to FreeSWITCH's address(es). {@link #maxSessions()} and the 1 MiB
 * default body limit bound the memory an unexpected peer can tie up.
 *
 * @param bindHost address to listen on; prefer the interface FreeSWITCH dials (for example
 *     {@code 127.0.0.1}) over {@code 0.0.0.0}
 * @param port port FreeSWITCH's {@code socket host:port async full} dials (default 8084; 0 picks a free one)
 * @param connectReplyTimeout how long to wait for the CHANNEL_DATA reply to {@code connect} before
 *     dropping the socket (default 10 s)
 * @param replyTimeout how long commands wait for their reply (default 30 s)
 * @param sessionEventQueueCapacity events per session waiting for its listener before new ones are
 *     dropped; reading pauses at half of it (default 1 000)
 * @param ioThreads Netty worker threads; 0 means Netty's default (2 × cores)
 * @param maxHeaderSize decoder limit for one header block (default 64 KiB)
 * @param maxBodySize decoder limit for one body (default 1 MiB, {@link #DEFAULT_MAX_BODY_SIZE}; a
 *     CHANNEL_DATA reply or channel event is ~10 KiB)
 * @param allowedPeers IP addresses and CIDR blocks (IPv4 or IPv6 literals, like {@code 10.0.0.5} or
 *     {@code 10.0.0.0/24}) that may connect; any other peer is closed at once, before
 *     {@code connect} is sent. <b>Empty (the default) allows every peer.</b>
 * @param maxSessions most call sockets open at once; further connections are closed at once
 *     (default {@value #DEFAULT_MAX_SESSIONS})
 */
public record OutboundServerConfig(
    String bindHost,
    int port,
    Duration connectReplyTimeout,
    Duration replyTimeout,
    int sessionEventQueueCapacity,
    int ioThreads,
    int maxHeaderSize,
    int maxBodySize,
    List<String> allowedPeers,
    int maxSessions) {

  /** Default {@link #maxBodySize()}: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

  /** Default {@link #maxSessions()}. */
  public static final int DEFAULT_MAX_SESSIONS = 1_000;

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
    allowedPeers = List.copyOf(Objects.requireNonNull(allowedPeers, "allowedPeers"));
    PeerAllowList.parse(allowedPeers); // fails on anything but IP literals and CIDR blocks
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be >= 1: " + maxSessions);
    }
  }

  /**
   * The settings of earlier versions: every peer allowed, {@value #DEFAULT_MAX_SESSIONS} sessions.
   * Prefer {@link #defaults(String, int)} with the {@code with*} methods.
   */
  public OutboundServerConfig(String bindHost, int port, Duration connectReplyTimeout, Duration replyTimeout,
      int sessionEventQueueCapacity, int ioThreads, int maxHeaderSize, int maxBodySize) {
    this(bindHost, port, connectReplyTimeout, replyTimeout, sessionEventQueueCapacity, ioThreads, maxHeaderSize,
        maxBodySize, List.of(), DEFAULT_MAX_SESSIONS);
  }

  /** Defaults as documented on the components (every peer allowed: set {@link #withAllowedPeers}). */
  public static OutboundServerConfig defaults(String bindHost, int port) {
    return new OutboundServerConfig(bindHost, port, Duration.ofSeconds(10), Duration.ofSeconds(30), 1_000, 0,
        EslFrameDecoder.DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_BODY_SIZE, List.of(), DEFAULT_MAX_SESSIONS);
  }

  /** Returns a copy with another number of I/O threads. */
  public OutboundServerConfig withIoThreads(int threads) {
    return new OutboundServerConfig(bindHost, port, connectReplyTimeout, replyTimeout, sessionEventQueueCapacity,
        threads, maxHeaderSize, maxBodySize, allowedPeers, maxSessions);
  }

  /** Returns a copy with other timeouts. */
  public OutboundServerConfig withTimeouts(Duration connectReply, Duration reply) {
    return new OutboundServerConfig(bindHost, port, connectReply, reply, sessionEventQueueCapacity, ioThreads,
        maxHeaderSize, maxBodySize, allowedPeers, maxSessions);
  }

  /**
   * Returns a copy that accepts connections only from these IP addresses and CIDR blocks (for
   * example {@code List.of("10.0.0.5", "192.168.10.0/24", "::1")}); an empty list allows every peer.
   */
  public OutboundServerConfig withAllowedPeers(List<String> peers) {
    return new OutboundServerConfig(bindHost, port, connectReplyTimeout, replyTimeout, sessionEventQueueCapacity,
        ioThreads, maxHeaderSize, maxBodySize, peers, maxSessions);
  }

  /** Returns a copy with another cap on simultaneously open call sockets. */
  public OutboundServerConfig withMaxSessions(int max) {
    return new OutboundServerConfig(bindHost, port, connectReplyTimeout, replyTimeout, sessionEventQueueCapacity,
        ioThreads, maxHeaderSize, maxBodySize, allowedPeers, max);
  }

  /** Returns a copy with other decoder limits. */
  public OutboundServerConfig withDecoderLimits(int headerSize, int bodySize) {
    return new OutboundServerConfig(bindHost, port, connectReplyTimeout, replyTimeout, sessionEventQueueCapacity,
        ioThreads, headerSize, bodySize, allowedPeers, maxSessions);
  }
}

package org.faxserver.gateway.receive.adapter.esl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.EslOutboundServer;
import org.faxserver.esl.OutboundServerConfig;
import org.faxserver.gateway.receive.application.ReceivingFaxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The outbound-socket server FreeSWITCH's {@code socket <host>:<port> async full} connects to, one
 * session per call, each handed to {@link ReceivingFaxes}.
 *
 * <ul>
 *   <li>If the port is taken (for example by the instance this one replaces on the same host), the
 *       gateway still starts (sending works), logs an error and retries the bind every
 *       {@code bindRetry};
 *   <li>on stop, new calls get {@code respond 503} while calls in flight get up to {@code drain} to
 *       finish; then every call socket is closed.
 * </ul>
 */
public final class InboundSocketServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboundSocketServer.class);

  private final OutboundServerConfig config;
  private final ReceivingFaxes receiving;
  private final int lingerSeconds;
  private final ScheduledExecutorService timer;
  private final Duration bindRetry;
  private final Duration drain;
  private EslOutboundServer server; // guarded by this
  private boolean running; // guarded by this
  private volatile boolean listening;
  private int bindFailures; // guarded by this

  public InboundSocketServer(OutboundServerConfig config, ReceivingFaxes receiving, int lingerSeconds,
      ScheduledExecutorService timer, Duration bindRetry, Duration drain) {
    this.config = Objects.requireNonNull(config);
    this.receiving = Objects.requireNonNull(receiving);
    this.lingerSeconds = lingerSeconds;
    this.timer = Objects.requireNonNull(timer);
    this.bindRetry = Objects.requireNonNull(bindRetry);
    this.drain = Objects.requireNonNull(drain);
  }

  @Override
  public synchronized void start() {
    running = true;
    receiving.takeCalls();
    server = EslOutboundServer.builder(config,
        session -> receiving.onCall(new EslCallChannel(session, lingerSeconds))).build();
    bind();
  }

  private synchronized void bind() {
    if (server == null || !running) {
      return;
    }
    try {
      server.start();
      listening = true;
      log.info("Receiving faxes on {}:{}{}", config.bindHost(), server.localAddress().getPort(),
          bindFailures > 0 ? " after " + bindFailures + " failed attempt(s)" : "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) { // Netty rethrows the BindException without declaring it
      bindFailures++;
      log.error("Cannot listen on {}:{} for FreeSWITCH's inbound calls (attempt {}): {}; NO FAX IS RECEIVED until"
          + " it can, retrying in {}", config.bindHost(), config.port(), bindFailures, e.toString(), bindRetry);
      timer.schedule(this::bind, bindRetry.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (server == null) {
      return;
    }
    receiving.stopTakingCalls();
    long end = System.nanoTime() + drain.toNanos();
    while (receiving.callsInFlight() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (receiving.callsInFlight() > 0) {
      log.warn("Closing the inbound socket with {} call(s) in flight", receiving.callsInFlight());
    }
    listening = false;
    server.close();
    server = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  /** Whether the socket is bound and taking calls. */
  public boolean isListening() {
    return listening;
  }

  /** Failed binds so far. */
  public synchronized int bindFailures() {
    return bindFailures;
  }
}

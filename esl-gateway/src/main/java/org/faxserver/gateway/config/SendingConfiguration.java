package org.faxserver.gateway.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.InboundClientConfig;
import org.faxserver.gateway.send.adapter.amqp.ConsumerGate;
import org.faxserver.gateway.metrics.MeteredAttemptEvents;
import org.faxserver.gateway.send.adapter.amqp.RabbitAttemptEvents;
import org.faxserver.gateway.send.application.AttemptEvents;
import org.faxserver.observability.FaxMetrics;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.faxserver.gateway.send.adapter.document.StoreDocumentLocator;
import org.faxserver.gateway.send.adapter.esl.EslEventRouter;
import org.faxserver.gateway.send.adapter.esl.EslFreeSwitch;
import org.faxserver.gateway.send.adapter.health.FreeSwitchHealthIndicator;
import org.faxserver.gateway.send.application.SendingFaxes;
import org.faxserver.gateway.send.model.CallWatchdog;
import org.faxserver.gateway.send.model.OriginatePlanner;
import org.faxserver.gateway.send.model.SoftmodemFallbackRule;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the sending side with plain constructors: the ESL client and its router, the FreeSWITCH port,
 * the model's rules, the use case, the publisher, and the timers that drive them.
 */
@Configuration(proxyBeanMethods = false)
class SendingConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Runs the reconciliation after a (re)connect, which waits for FreeSWITCH's replies. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService eslWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "esl-reconcile");
      t.setDaemon(true);
      return t;
    });
  }

  @Bean
  EslEventRouter eslEventRouter(ExecutorService eslWorker) {
    return new EslEventRouter(eslWorker);
  }

  @Bean
  EslInboundClient eslClient(FreeSwitchProperties fs, EslEventRouter router) {
    InboundClientConfig config = InboundClientConfig.defaults(fs.host(), fs.port(), fs.password())
        .withReconnectDelays(fs.reconnectInitialDelay(), fs.reconnectMaxDelay())
        .withTimeouts(fs.commandTimeout(), Duration.ofMinutes(5));
    EslInboundClient client = EslInboundClient.builder(config).eventListener(router).connectionListener(router).build();
    client.subscribe(EslEventRouter.EVENTS, EslEventRouter.SUBCLASSES);
    return client;
  }

  /**
   * Phase of the ESL connection and the watchdog: they start before, and stop after, the
   * {@link #shutdownDrain drain} (default phase), so calls are still followed while it waits.
   */
  private static final int CALL_FOLLOWING_PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

  /** Connects after every bean exists (FreeSWITCH may be down: the client keeps retrying). */
  @Bean
  SmartLifecycle eslConnection(EslInboundClient client) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public int getPhase() {
        return CALL_FOLLOWING_PHASE;
      }

      @Override
      public void start() {
        running = true;
        client.start();
      }

      @Override
      public void stop() {
        running = false;
        client.close();
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  @Bean
  EslFreeSwitch freeSwitch(EslInboundClient client) {
    return new EslFreeSwitch(client);
  }

  @Bean
  FileSystemDocumentStore documentStore(DocumentsProperties documents) throws IOException {
    return new FileSystemDocumentStore(documents.root());
  }

  @Bean
  StoreDocumentLocator documentLocator(DocumentStore store, FreeSwitchProperties fs) {
    Path freeswitchRoot = fs.documentRoot() == null || fs.documentRoot().isBlank() ? null : Path.of(fs.documentRoot());
    return new StoreDocumentLocator(store, freeswitchRoot);
  }

  @Bean
  RabbitAttemptEvents attemptEvents(RabbitTemplate rabbitTemplate, Clock clock, GatewayProperties gateway) {
    return new RabbitAttemptEvents(rabbitTemplate, clock, gateway.publishConfirmTimeout(), gateway.publishRetryDelay());
  }

  @Bean
  SendingFaxes sendingFaxes(EslFreeSwitch freeSwitch, RabbitAttemptEvents rabbitEvents, StoreDocumentLocator documents,
      FreeSwitchProperties fs, GatewayProperties gateway, Clock clock, EslEventRouter router, FaxMetrics metrics) {
    AttemptEvents events = new MeteredAttemptEvents(rabbitEvents, metrics, clock);
    GatewayProperties.Watchdog w = gateway.watchdog();
    SendingFaxes sending = new SendingFaxes(freeSwitch, events, documents,
        new OriginatePlanner(new OriginatePlanner.Settings(fs.originateTimeout(), fs.faxVerbose())),
        new CallWatchdog(new CallWatchdog.Settings(w.answerTimeout(), w.trainingTimeout(), w.pageTimeout(),
            w.hangupAfterFax(), w.hangupAfterKill())),
        new SoftmodemFallbackRule(fs.softmodemFallback()), clock,
        new SendingFaxes.Settings(fs.commandTimeout(), fs.maxChannels(), gateway.finishedMemory()));
    router.deliverTo(sending);
    metrics.activeCalls(FaxMetrics.Direction.SENT, sending::callsInFlight);
    return sending;
  }

  /** On shutdown: stop taking commands, then give the calls in flight a while to end. */
  @Bean
  SmartLifecycle shutdownDrain(SendingFaxes sending, GatewayProperties gateway) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        running = true;
      }

      @Override
      public void stop() {
        running = false;
        sending.stopTakingWork();
        long end = System.nanoTime() + gateway.shutdownDrain().toNanos();
        while (sending.callsInFlight() > 0 && System.nanoTime() < end) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (sending.callsInFlight() > 0) {
          org.slf4j.LoggerFactory.getLogger(SendingFaxes.class).warn(
              "shutting down with {} call(s) in flight; the next start reconciles them", sending.callsInFlight());
        }
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  @Bean
  FreeSwitchHealthIndicator freeSwitchHealthIndicator(EslInboundClient eslClient, SendingFaxes sending,
      ConsumerGate originateGate) {
    return new FreeSwitchHealthIndicator(eslClient, sending, originateGate);
  }

  /** Runs the watchdog rounds. */
  @Bean
  SmartLifecycle watchdogTimer(SendingFaxes sending, GatewayProperties gateway) {
    return new SmartLifecycle() {
      private ScheduledExecutorService timer;

      @Override
      public int getPhase() {
        return CALL_FOLLOWING_PHASE;
      }

      @Override
      public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "call-watchdog");
          t.setDaemon(true);
          return t;
        });
        long every = gateway.watchdog().interval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
          try {
            sending.watch();
          } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SendingFaxes.class).error("watchdog round failed", e);
          }
        }, every, every, TimeUnit.MILLISECONDS);
      }

      @Override
      public synchronized void stop() {
        if (timer != null) {
          timer.shutdownNow();
          timer = null;
        }
      }

      @Override
      public synchronized boolean isRunning() {
        return timer != null;
      }
    };
  }
}

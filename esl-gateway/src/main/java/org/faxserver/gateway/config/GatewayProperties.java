package org.faxserver.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.gateway.*}: how this gateway takes work and watches calls.
 *
 * @param originateQueue  the durable work queue shared by every esl-gateway, bound to
 *                        {@code fax.commands} with {@code originate-routing-key}
 * @param originateRoutingKey the binding key of that queue; {@code fax.originate} (the contract).
 *                        Another key only serves to isolate a test or a node from the shared flow.
 * @param prefetch        unacked originate commands per consumer; all consumers together hold at most the node's
 *                        channel limit
 * @param consumers       originate commands taken at a time: each waits for FreeSWITCH's replies (mod_db lookups,
 *                        the originate's acceptance), so one consumer caps a node at one command per round trip;
 *                        at most the channel limit
 * @param finishedMemory  finished attempt ids remembered against redelivered commands
 * @param publishConfirmTimeout how long to wait for the broker's confirm of a published fact
 * @param publishRetryDelay     pause between attempts to publish an unconfirmed {@code attempt.finished}
 * @param shutdownDrain   on shutdown, how long to wait for calls in flight to end after the intake
 *                        closed; calls still up then are left to the next start's reconciliation
 * @param watchdog        the call limits
 */
@ConfigurationProperties("faxserver.gateway")
public record GatewayProperties(
    @DefaultValue("esl-gateway.fax.originate") String originateQueue,
    @DefaultValue("fax.originate") String originateRoutingKey,
    @DefaultValue("1") int prefetch,
    @DefaultValue("4") int consumers,
    @DefaultValue("10000") int finishedMemory,
    @DefaultValue("10s") Duration publishConfirmTimeout,
    @DefaultValue("2s") Duration publishRetryDelay,
    @DefaultValue("60s") Duration shutdownDrain,
    @DefaultValue Watchdog watchdog) {

  public GatewayProperties {
    if (prefetch < 1) {
      throw new IllegalArgumentException("faxserver.gateway.prefetch must be at least 1");
    }
    if (consumers < 1) {
      throw new IllegalArgumentException("faxserver.gateway.consumers must be at least 1");
    }
  }

  /**
   * {@code faxserver.gateway.watchdog.*}: limits of a sending call (see {@code CallWatchdog}).
   *
   * @param interval        how often calls are checked
   * @param answerTimeout   originate → answer (a backstop behind {@code originate-timeout})
   * @param trainingTimeout answer → fax negotiated
   * @param pageTimeout     negotiation or page → next page
   * @param hangupAfterFax  txfax finished → call gone
   * @param hangupAfterKill uuid_kill → call gone; then the attempt is reported anyway
   */
  public record Watchdog(
      @DefaultValue("1s") Duration interval,
      @DefaultValue("90s") Duration answerTimeout,
      @DefaultValue("120s") Duration trainingTimeout,
      @DefaultValue("5m") Duration pageTimeout,
      @DefaultValue("30s") Duration hangupAfterFax,
      @DefaultValue("15s") Duration hangupAfterKill) {}
}

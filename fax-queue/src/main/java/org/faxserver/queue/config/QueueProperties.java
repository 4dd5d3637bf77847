package org.faxserver.queue.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.queue.*}: scheduler, per-gateway call limits and circuit breakers.
 *
 * @param scheduler      how due jobs and stuck attempts are looked for
 * @param gateways       concurrent call limits
 * @param circuitBreaker per-gateway breaker settings (resilience4j)
 * @param progress       how {@code attempt.progress} reports are gathered into one statement
 * @param intake         how {@code job.routed} is consumed (in batches)
 * @param finishing      how {@code attempt.finished} is consumed (in batches)
 * @param bindingSuffix  empty (the default): fax-queue's queues are bound to the exchanges with the plain routing
 *                       keys ({@code job.routed}, ...). Otherwise they are bound with {@code <key>.<suffix>}, so
 *                       only messages published with that key (or sent straight to the queues) reach this
 *                       instance: test isolation on a shared broker, never set in production
 */
@ConfigurationProperties("faxserver.queue")
public record QueueProperties(
    @DefaultValue Scheduler scheduler, @DefaultValue Gateways gateways, @DefaultValue CircuitBreaker circuitBreaker,
    @DefaultValue Progress progress, @DefaultValue Intake intake, @DefaultValue Finishing finishing,
    String bindingSuffix) {

  /** The routing key fax-queue binds its queue for {@code routingKey} with. */
  public String bindingKey(String routingKey) {
    return bindingSuffix == null || bindingSuffix.isBlank() ? routingKey : routingKey + "." + bindingSuffix;
  }

  /**
   * @param pollInterval         pause between scheduler runs
   * @param batchSize            jobs started per run at most (the default lets all {@code concurrency} transactions
   *                             start their 50)
   * @param busyGatewayWait      a job whose gateway is at its limit looks again after this
   * @param unhealthyGatewayWait a job whose remaining gateways are all unhealthy waits this long
   * @param concurrency          start transactions at a time (each with its own R2DBC connection), each starting up
   *                             to 50 jobs
   */
  public record Scheduler(
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("200") int batchSize,
      @DefaultValue("2s") Duration busyGatewayWait,
      @DefaultValue("30s") Duration unhealthyGatewayWait,
      @DefaultValue("4") int concurrency) {}

  /**
   * @param defaultMaxCalls concurrent calls per gateway unless listed in {@code maxCalls}
   * @param maxCalls        gateway name → its limit
   */
  public record Gateways(@DefaultValue("10") int defaultMaxCalls, @DefaultValue Map<String, Integer> maxCalls) {

    public int limitOf(String gateway) {
      return maxCalls == null ? defaultMaxCalls : maxCalls.getOrDefault(gateway, defaultMaxCalls);
    }
  }

  /**
   * @param failureRateThreshold percentage of failing originates that opens the breaker
   * @param minimumCalls         calls recorded before the rate counts
   * @param slidingWindow        calls the rate is computed over
   * @param openWait             how long an open breaker skips its gateway before trying it again
   */
  public record CircuitBreaker(
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("10") int slidingWindow,
      @DefaultValue("60s") Duration openWait) {}

  /**
   * @param batchSize reports written with one statement at most
   * @param batchWait how long after a batch's first report the rest are gathered to share its statement: the
   *                  longest the views lag behind
   */
  public record Progress(@DefaultValue("50") int batchSize, @DefaultValue("100ms") Duration batchWait) {

    /** A batch is one statement with 7 parameters per report (PostgreSQL takes at most 65,535). */
    public static final int MAX_BATCH_SIZE = 1000;

    public Progress {
      requireBatch("progress", batchSize, MAX_BATCH_SIZE, batchWait);
    }
  }

  /**
   * {@code job.routed}: the jobs a consumer finds waiting are stored by one transaction.
   *
   * @param batchSize jobs stored by one transaction at most, and each consumer's prefetch
   * @param batchWait how long after a batch's first job the rest are gathered before the consumer stores them: what
   *                  each job waits when they come one at a time
   * @param consumers consumers of {@code job.routed}, each storing its batches in its own transaction
   */
  public record Intake(@DefaultValue("50") int batchSize, @DefaultValue("2ms") Duration batchWait,
      @DefaultValue("1") int consumers) {

    /** A job is one row of 19 parameters in the statement that stores a batch (PostgreSQL takes at most 65,535). */
    public static final int MAX_BATCH_SIZE = 1000;

    public Intake {
      requireBatch("intake", batchSize, MAX_BATCH_SIZE, batchWait);
      if (consumers < 1) {
        throw new IllegalArgumentException("faxserver.queue.intake.consumers must be at least 1, was " + consumers);
      }
    }
  }

  /**
   * {@code attempt.finished}: the reports a consumer finds waiting are handled by one transaction; its consumers are
   * {@code faxserver.queue.consumers}.
   *
   * @param batchSize reports handled by one transaction at most, and each consumer's prefetch
   * @param batchWait how long after a batch's first report the rest are gathered before the consumer handles them:
   *                  what each report waits when they come one at a time
   */
  public record Finishing(@DefaultValue("50") int batchSize, @DefaultValue("10ms") Duration batchWait) {

    /** Each report adds up to two outbox rows to the transaction's one insert (PostgreSQL takes 65,535 parameters). */
    public static final int MAX_BATCH_SIZE = 1000;

    public Finishing {
      requireBatch("finishing", batchSize, MAX_BATCH_SIZE, batchWait);
    }
  }

  /** A batch of 1 to {@code max} (what one statement holds) gathered for a positive time, or start-up stops. */
  private static void requireBatch(String name, int batchSize, int max, Duration batchWait) {
    if (batchSize < 1 || batchSize > max) {
      throw new IllegalArgumentException("faxserver.queue." + name + ".batch-size must be 1 to " + max
          + ", was " + batchSize);
    }
    if (batchWait == null || batchWait.isNegative() || batchWait.isZero()) {
      throw new IllegalArgumentException("faxserver.queue." + name + ".batch-wait must be positive, was " + batchWait);
    }
  }
}

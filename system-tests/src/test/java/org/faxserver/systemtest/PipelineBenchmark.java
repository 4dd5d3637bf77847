package org.faxserver.systemtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.faxserver.document.DocumentSource;
import org.faxserver.document.FaxDocumentConverter;
import org.faxserver.systemtest.CallWatcher.SeenCall;
import org.faxserver.systemtest.FaxSystem.Tenant;
import org.faxserver.testkit.bench.BenchmarkArguments;
import org.faxserver.testkit.freeswitch.Scenario;

/**
 * The send pipeline's throughput and latency (not a test; run it as a main class, see docs/BENCHMARKS.md).
 *
 * <p>Everything as in the end-to-end tests — api-service, fax-router, fax-queue and esl-gateway as four
 * Spring contexts in this JVM, the real PostgreSQL and RabbitMQ, durable queues, persistent messages, outboxes
 * with publisher confirms, committed transactions — but the stand-in answers every call with a scripted 1-page
 * fax (no T.30 engine). Each job is a 1-page TIFF-F uploaded with {@code POST /fax/send} (multipart, the
 * tenant's API key), so api-service checks, converts and stores it as for any client ({@code api=false}
 * publishes {@code job.submitted} for a stored TIFF instead, to measure the pipeline behind the API alone).
 * Latency is submit (just before the HTTP request) → the stand-in received the originate ({@link CallWatcher}
 * stamps each call as the stand-in creates it). The harness's forwarder (one extra broker hop and a PostgreSQL
 * lookup for each job.routed, fax.originate and attempt report, see {@link RunForwarder}) is inside that figure
 * unless {@code dedicated-broker=true} (only when no other run uses the broker: see {@link FaxSystem.Options#dedicatedBroker}).
 *
 * <p>Phase 1 submits at a fixed rate (open loop: requests are sent at their due time whether or not earlier
 * ones were answered); phase 2 submits a batch as fast as {@code threads} closed-loop clients can and reports
 * completed jobs per second. Arguments (all optional, {@code key=value}): {@code rate=50 seconds=20 burst=1000
 * hold-ms=200 threads=8 api=true tuned=false}. {@code tuned=true} shortens fax-queue's poll intervals and raises
 * its batch sizes (configuration only; durability unchanged).
 */
public final class PipelineBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchmarkArguments.parse(args);
    int rate = Integer.parseInt(a.getOrDefault("rate", "50"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
    int burst = Integer.parseInt(a.getOrDefault("burst", "1000"));
    Duration hold = Duration.ofMillis(Long.parseLong(a.getOrDefault("hold-ms", "200")));
    int threads = Integer.parseInt(a.getOrDefault("threads", "8"));
    boolean api = Boolean.parseBoolean(a.getOrDefault("api", "true"));
    boolean tuned = Boolean.parseBoolean(a.getOrDefault("tuned", "false"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "300"));
    // the warm-up's and the settling's rate: through the API, 100/s is more than this machine takes
    int warmupRate = Integer.parseInt(a.getOrDefault("warmup-rate", "100"));
    // then an unmeasured burst: a JVM compiles a path with C2 only after thousands of calls, and a burst's paths
    // (batches of 50, the queues full) are not the fixed rate's, so without it a burst measures a JVM still compiling
    int warmupBurst = Integer.parseInt(a.getOrDefault("warmup-burst", "0"));
    // then warm-up rounds of 10 s at the warm-up rate until the JIT compiled for at most this share of two rounds in
    // a row (in percent; 0: no such rounds): on a slow VM the single C2 thread still has a backlog after 10,000 jobs,
    // so the phases would measure a JVM still compiling, which a service that has run for a while is not
    int jitQuiet = Integer.parseInt(a.getOrDefault("jit-quiet", "0"));
    int jitQuietMaxSeconds = Integer.parseInt(a.getOrDefault("jit-quiet-max-seconds", "900"));
    if (jitQuiet > 0 && warmupRate <= 0) {
      throw new IllegalArgumentException("jit-quiet needs a warmup-rate above 0: its rounds run at that rate");
    }
    boolean dedicated = Boolean.parseBoolean(a.getOrDefault("dedicated-broker", "false"));
    boolean vacuum = Boolean.parseBoolean(a.getOrDefault("vacuum", "true"));
    int settle = Integer.parseInt(a.getOrDefault("settle", "1000"));
    // the settling jobs lead into the fixed-rate phase at its rate without a pause; false: the phase starts once
    // they are all final (as up to session 13)
    boolean leadIn = Boolean.parseBoolean(a.getOrDefault("lead-in", "true"));

    FaxSystem.Options options = FaxSystem.options().withoutNativeFax().serviceLogLevel("WARN")
        // concurrency limits sized for the load (the defaults, 10 calls, would cap it at 10 / hold)
        .queue("faxserver.queue.gateways.default-max-calls", 1000)
        .gateway("faxserver.freeswitch.max-channels", 1000)
        .gateway("faxserver.gateway.prefetch", 250)
        // fax-queue's own defaults (application.yml), not the end-to-end tests' shorter poll
        .queue("faxserver.queue.scheduler.poll-interval", "1s")
        .api("faxserver.documents.conversion-queue", 1000);
    if (dedicated) {
      options.dedicatedBroker();
    }
    if (a.containsKey("router-consumers")) {
      options.router("faxserver.messaging.consumers", a.get("router-consumers"));
    }
    if (a.containsKey("conversion-threads")) {
      options.api("faxserver.documents.conversion-threads", a.get("conversion-threads"));
    }
    if (tuned) {
      options.queue("faxserver.queue.scheduler.poll-interval", "20ms")
          .queue("faxserver.queue.scheduler.batch-size", 500);
    }
    System.out.printf("pipeline benchmark: rate=%d/s for %d s, burst=%d, hold=%s, threads=%d, api=%s, tuned=%s, "
        + "dedicated-broker=%s, warm-up %d at %d/s then a burst of %d, jit-quiet=%d, cores=%d%n", rate, seconds, burst,
        hold, threads, api, tuned, dedicated, warmup, warmupRate, warmupBurst, jitQuiet,
        Runtime.getRuntime().availableProcessors());
    try (FaxSystem system = FaxSystem.start(options)) {
      system.standIn().defaultScenario(Scenario.scripted(1, 0, hold));
      Tenant tenant = system.createTenant("bench", "+12125550100");
      system.createGlobalGateway("gw1", 10);
      system.settleDirectory();
      String key = "bench/one-page.tif";
      // a TIFF-F as the issue defines it (one strip per page), which api-service keeps as it is
      byte[] tiff = new FaxDocumentConverter().convert(DocumentSource.of(Files.readAllBytes(system.storeTiff(key, 1))))
          .orElseThrow().tiff();
      system.awaitNoForeignRouter();
      // no check per submission (a broker round trip each); a background check counts foreign routers instead
      system.guardAgainstForeignRouters(false);
      system.watchForeignRouters(Duration.ofMillis(250));
      Submitter submitter = api ? new ApiSubmitter(system, tenant, tiff) : new DirectSubmitter(system, tenant, key);

      // This machine's PostgreSQL runs without autovacuum (a CI setting); a deployment's has it. Without it the
      // tables keep every dead row version and are never analysed, which no long-running server sees.
      boolean autovacuum = "on".equals(system.query("SHOW autovacuum", rs -> rs.next() ? rs.getString(1) : null));
      System.out.printf("PostgreSQL autovacuum: %s%s%n", autovacuum ? "on" : "off",
          autovacuum || vacuum ? "" : " (vacuum=false: the tables are left as they are)");
      run(system, submitter, warmupRate, 0, warmup, threads, "warm-up", false);
      if (warmupBurst > 0) {
        run(system, submitter, 0, 0, warmupBurst, threads, "warm-up burst", false);
      }
      if (jitQuiet > 0) {
        warmUntilJitQuiet(system, submitter, warmupRate, threads, jitQuiet, jitQuietMaxSeconds);
      }
      boolean vacuumBetweenPhases = vacuum && !autovacuum;
      // the settling jobs as the phase's lead: at most 2 minutes of them, however low the rate
      int lead = vacuumBetweenPhases && leadIn ? Math.min(settle, rate * 120) : 0;
      if (vacuumBetweenPhases) {
        vacuum(system, leadIn ? lead : settle);
        if (!leadIn) {
          settle(system, submitter, settle, warmupRate, threads);
        }
      }
      run(system, submitter, rate, lead, rate * seconds, threads, "fixed rate " + rate + "/s"
          + (lead > 0 ? " (after " + lead + " unmeasured jobs at that rate)" : ""), true);
      if (burst > 0) {
        if (vacuumBetweenPhases) {
          vacuum(system, settle);
          settle(system, submitter, settle, warmupRate, threads);
        }
        run(system, submitter, 0, 0, burst, threads, "as fast as possible (" + threads + " clients)", true);
      }
    }
    System.exit(0);
  }

  /**
   * VACUUM (ANALYZE) of every table; the caller then runs {@code settle} unmeasured jobs: new statistics invalidate
   * every session's cached plans, and the first seconds after the vacuum (re-planning on ~40 connections, pages it
   * dirtied) are a transient of the harness's own making, not the steady state a phase measures.
   */
  private static void vacuum(FaxSystem system, int settle) {
    long t0 = System.nanoTime();
    system.vacuumAnalyze();
    System.out.printf("VACUUM (ANALYZE) in autovacuum's place before the next phase (%d ms), then %d jobs to settle%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), settle);
  }

  /**
   * Warm-up rounds of 10 s until the JIT compiled for at most {@code percent} of each of two rounds in a row (one quiet
   * round between busy ones happens), or {@code maxSeconds}. The JVM counts compile time summed over its compiler
   * threads, so a round can show more than its own length.
   */
  private static void warmUntilJitQuiet(FaxSystem system, Submitter submitter, int rate, int threads, int percent,
      int maxSeconds) throws Exception {
    long start = System.nanoTime();
    int quietRounds = 0;
    for (int round = 1; ; round++) {
      ThreadCpu before = ThreadCpu.now();
      long roundStart = System.nanoTime();
      run(system, submitter, rate, 0, rate * 10, threads, "warm-up round " + round, false);
      double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
      double compiledSeconds = ThreadCpu.now().since(before).compilingMillis() / 1e3;
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf("warm-up round %d (%.0f s of rounds so far): the JIT compiled for %.1f s of %.1f s%n", round,
          elapsed, compiledSeconds, roundSeconds);
      quietRounds = compiledSeconds <= roundSeconds * percent / 100 ? quietRounds + 1 : 0;
      if (quietRounds == 2) {
        return;
      }
      if (elapsed >= maxSeconds) {
        System.out.printf("the JIT is still compiling after %d s of rounds; measuring anyway%n", maxSeconds);
        return;
      }
    }
  }

  /** Runs {@code settle} unmeasured jobs at {@code rate} after a vacuum and waits until they are all final. */
  private static void settle(FaxSystem system, Submitter submitter, int settle, int rate, int threads)
      throws Exception {
    if (settle > 0) {
      run(system, submitter, rate, 0, settle, threads, "settle after the vacuum", false);
    }
  }

  /** Submits job {@code i} to {@code to}; returns its job id (null when refused). */
  interface Submitter {
    CompletableFuture<UUID> submit(String to);

    /** The refusals since {@link #forgetFailures()}. */
    default String describeFailures() {
      return "";
    }

    /** Starts a new count of refusals (each phase reports its own). */
    default void forgetFailures() {
    }
  }

  static final class DirectSubmitter implements Submitter {
    private final FaxSystem system;
    private final Tenant tenant;
    private final String key;

    DirectSubmitter(FaxSystem system, Tenant tenant, String key) {
      this.system = system;
      this.tenant = tenant;
      this.key = key;
    }

    @Override
    public CompletableFuture<UUID> submit(String to) {
      UUID id = UUID.randomUUID();
      system.submitStored(id, tenant, to, key, 1);
      return CompletableFuture.completedFuture(id);
    }
  }

  static final class ApiSubmitter implements Submitter {
    private final FaxSystem system;
    private final Tenant tenant;
    private final byte[] tiff;
    /** Replaced, not cleared, by {@link #forgetFailures()}: a request answered later counts where it was sent. */
    private volatile Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();

    ApiSubmitter(FaxSystem system, Tenant tenant, byte[] tiff) {
      this.system = system;
      this.tenant = tenant;
      this.tiff = tiff;
    }

    @Override
    public CompletableFuture<UUID> submit(String to) {
      Map<Integer, AtomicInteger> refused = this.refused;
      return system.http().sendAsync(system.sendRequest(tenant, to, tiff, "image/tiff", null),
          HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e != null || r.statusCode() != 202) {
              refused.computeIfAbsent(e != null ? -1 : r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
              return null;
            }
            try {
              return UUID.fromString(JSON.readTree(r.body()).get("job_id").asText());
            } catch (Exception ex) {
              refused.computeIfAbsent(-2, k -> new AtomicInteger()).incrementAndGet();
              return null;
            }
          });
    }

    @Override
    public String describeFailures() {
      return refused.isEmpty() ? "" : "; refused by status (-1 = I/O error): " + refused;
    }

    @Override
    public void forgetFailures() {
      refused = new ConcurrentHashMap<>();
    }
  }

  private static int destination;

  /**
   * Submits {@code lead + jobs} jobs and reports on the last {@code jobs}: at a fixed {@code rate} (open loop), the
   * first {@code lead} lead into the measured ones without a pause; {@code rate} 0 runs {@code threads} closed-loop
   * clients (no lead).
   */
  static void run(FaxSystem system, Submitter submitter, int rate, int lead, int jobs, int threads, String label,
      boolean print) throws Exception {
    if (rate <= 0 && lead > 0) {
      throw new IllegalArgumentException("a lead needs a fixed rate");
    }
    List<String> tos = new ArrayList<>();
    for (int i = 0; i < lead + jobs; i++) {
      tos.add(String.format("+1646%07d", destination++ % 10_000_000));
    }
    submitter.forgetFailures();
    // indexed by job, the lead's included; what is measured starts at index `lead`
    long[] submittedAt = new long[lead + jobs];
    long[] answeredAt = new long[lead + jobs];
    long[] submittedWall = new long[lead + jobs];
    UUID[] ids = new UUID[lead + jobs];
    int callsBefore = system.calls().all().size();
    ThreadCpu threads0 = ThreadCpu.now();
    Map<String, Long> servers0 = serverCpuTicks();
    long foreign0 = system.foreignRouterSightings();
    long t0 = System.nanoTime();
    long start = t0;
    List<CompletableFuture<?>> pending = new ArrayList<>();
    if (rate > 0) {
      // open loop: each request leaves at its due time
      for (int i = 0; i < lead + jobs; i++) {
        long due = t0 + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (i == lead && lead > 0) {
          // the measured part begins: counters from here
          threads0 = ThreadCpu.now();
          servers0 = serverCpuTicks();
          foreign0 = system.foreignRouterSightings();
          start = System.nanoTime();
          submitter.forgetFailures();
        }
        int n = i;
        submittedAt[n] = System.nanoTime();
        submittedWall[n] = System.currentTimeMillis();
        pending.add(submitter.submit(tos.get(n)).thenAccept(id -> {
          ids[n] = id;
          answeredAt[n] = System.nanoTime();
        }));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    } else {
      AtomicInteger client = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads),
          r -> new Thread(r, "bench-client-" + client.incrementAndGet()));
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < Math.max(1, threads); t++) {
        pool.execute(() -> {
          for (int n = next.getAndIncrement(); n < jobs; n = next.getAndIncrement()) {
            submittedAt[n] = System.nanoTime();
            submittedWall[n] = System.currentTimeMillis();
            try {
              ids[n] = submitter.submit(tos.get(n)).get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
              ids[n] = null;
            }
            answeredAt[n] = System.nanoTime();
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
    }
    long submittedNs = System.nanoTime() - start;

    Map<String, Integer> index = new ConcurrentHashMap<>();
    List<UUID> accepted = new ArrayList<>();
    for (int i = lead; i < lead + jobs; i++) {
      if (ids[i] != null) {
        index.put(ids[i].toString(), i);
        accepted.add(ids[i]);
      }
    }
    // every accepted job final
    String in = accepted.isEmpty() ? "NULL"
        : "'" + String.join("','", accepted.stream().map(UUID::toString).toList()) + "'";
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    long done = 0;
    while (System.nanoTime() < deadline) {
      Long n = system.query("SELECT count(*) FROM queue.job WHERE status IN ('SUCCEEDED','FAILED','CANCELLED') "
          + "AND job_id IN (" + in + ")", rs -> rs.next() ? rs.getLong(1) : 0L);
      done = n == null ? 0 : n;
      if (done >= accepted.size()) {
        break;
      }
      Thread.sleep(250);
    }
    long allDoneNs = System.nanoTime() - start;
    ThreadCpu.Split split = ThreadCpu.now().since(threads0);
    Map<String, Long> servers1 = serverCpuTicks();
    long foreign = system.foreignRouterSightings() - foreign0;
    Long ok = system.query("SELECT count(*) FROM queue.job WHERE status = 'SUCCEEDED' AND job_id IN (" + in + ")",
        rs -> rs.next() ? rs.getLong(1) : 0L);

    // submit -> originate per job (the call's faxserver_job_id variable names the job)
    List<SeenCall> calls = system.calls().all();
    long[] latency = new long[jobs];
    long[] originateMs = new long[lead + jobs];
    long[] http = new long[jobs];
    int n = 0;
    long lastOriginate = 0;
    for (SeenCall c : calls.subList(callsBefore, calls.size())) {
      Integer i = index.get(String.valueOf(c.variables().get("faxserver_job_id")));
      if (i != null && n < jobs) {
        http[n] = answeredAt[i] - submittedAt[i];
        latency[n++] = c.seenNanos() - submittedAt[i];
        if (originateMs[i] == 0) { // attempt 1's call, as in the stages
          originateMs[i] = (c.seenNanos() - submittedAt[i]) / 1_000_000;
        }
        lastOriginate = Math.max(lastOriginate, c.seenNanos() - start);
      }
    }
    long[] l = Arrays.copyOf(latency, n);
    Arrays.sort(l);
    long[] h = Arrays.copyOf(http, n);
    Arrays.sort(h);
    if (!print) {
      return;
    }
    // where the time goes (wall-clock ms, as each service stamped its rows):
    // submit -> api.submission row, -> fax-queue stored the routed job, -> attempt 1 started
    List<Stages> stages = system.query("SELECT j.job_id, s.created_at, j.created_at, a.started_at FROM queue.job j "
        + "JOIN queue.attempt a ON a.job_id = j.job_id AND a.number = 1 "
        + "LEFT JOIN api.submission s ON s.job_id = j.job_id WHERE j.job_id IN (" + in + ")", rs -> {
          List<Stages> out = new ArrayList<>();
          while (rs.next()) {
            long sub = submittedWall[index.get(rs.getString(1))];
            long api = rs.getTimestamp(2) == null ? sub : rs.getTimestamp(2).getTime();
            long stored = rs.getTimestamp(3).getTime() - api;
            long started = rs.getTimestamp(4).getTime() - rs.getTimestamp(3).getTime();
            out.add(new Stages(api - sub, stored, started, originateMs[index.get(rs.getString(1))],
                sub - submittedWall[lead]));
          }
          return out;
        });
    Map<String, Long> failures = system.query("SELECT coalesce(error_code, status) AS why, count(*) FROM queue.job_view "
        + "WHERE status <> 'SUCCEEDED' AND job_id IN (" + in + ") GROUP BY 1", rs -> {
          Map<String, Long> out = new java.util.TreeMap<>();
          while (rs.next()) {
            out.put(rs.getString(1), rs.getLong(2));
          }
          return out;
        });
    long wall0 = submittedWall[lead];
    long[] relay = system.query("SELECT extract(epoch FROM sent_at - created_at) * 1000 AS ms FROM queue.outbox "
        + "WHERE routing_key = 'fax.originate' AND sent_at IS NOT NULL AND created_at >= to_timestamp(" + wall0
        + " / 1000.0)", rs -> {
          List<Long> out = new ArrayList<>();
          while (rs.next()) {
            out.add((long) rs.getDouble(1));
          }
          return out.stream().mapToLong(Long::longValue).sorted().toArray();
        });
    long[] toApi = stages.stream().mapToLong(Stages::toApi).sorted().toArray();
    long[] toQueue = stages.stream().mapToLong(Stages::toStored).sorted().toArray();
    long[] toStart = stages.stream().mapToLong(Stages::toStarted).sorted().toArray();
    // fax-queue stamps both from its clock, a few ms apart when the accepting transaction starts the job itself
    long startedAtOnce = stages.stream().filter(x -> x.toStarted() < 10).count();
    System.out.printf("%s: %d jobs submitted in %.2f s (%.1f/s), %d accepted%s; %d final (%d succeeded) after %.2f s "
            + "-> %.1f jobs/s completed; originates %d (%.1f/s)%n", label, jobs, submittedNs / 1e9,
        jobs / (submittedNs / 1e9), accepted.size(), submitter.describeFailures(), done, ok, allDoneNs / 1e9,
        done / (allDoneNs / 1e9), n, n / (lastOriginate / 1e9));
    System.out.printf("  not succeeded: %s; another fax-router on the shared job.submitted queue seen %d time(s) "
        + "(it takes and rejects some of this run's jobs); this JVM's CPU %.1f s = %.1f CPU-ms per job "
        + "(PostgreSQL and RabbitMQ not included)%n", failures, foreign, split.process() / 1e9,
        split.process() / 1e6 / Math.max(1, done));
    long finished = Math.max(1, done);
    Map<String, Long> serversAtStart = servers0;
    Map<String, Long> serverTicks = SERVERS.keySet().stream().collect(Collectors.toMap(name -> name,
        name -> servers1.get(name) - serversAtStart.get(name), (x, y) -> x, LinkedHashMap::new));
    System.out.printf("  CPU per job on this machine besides the JVM:%s%n", serverTicks.entrySet().stream()
        .map(e -> String.format(" %s %.1f ms", e.getKey(), e.getValue() * 1000.0 / CLOCK_TICKS / finished))
        .collect(Collectors.joining(";")));
    long serversMs = serverTicks.values().stream().mapToLong(Long::longValue).sum() * 1000 / CLOCK_TICKS;
    System.out.printf("  this JVM's CPU per job by thread: services %.1f ms, harness (load generator, stand-in) "
            + "%.1f ms, the JVM's own threads (JIT compilers, GC) %.1f ms; without the harness, with PostgreSQL and "
            + "RabbitMQ: %.1f ms per job; the JIT compiled for %.1f s and GC pauses took %.1f s of the phase's %.1f s%n",
        split.services() / 1e6 / finished, split.harness() / 1e6 / finished, split.jvm() / 1e6 / finished,
        ((split.services() + split.jvm()) / 1e6 + serversMs) / finished, split.compilingMillis() / 1e3,
        split.collectingMillis() / 1e3, allDoneNs / 1e9);
    System.out.printf("  submit->originate p50 %d ms, p99 %d ms, max %d ms; HTTP answer p50 %d ms, p99 %d ms%n",
        pct(l, 50), pct(l, 99), l.length == 0 ? -1 : l[l.length - 1] / 1_000_000, pct(h, 50), pct(h, 99));
    System.out.printf("  stages p50/p99 (ms): submit->api.submission %d/%d; ->job stored by fax-queue %d/%d; "
        + "->attempt 1 started %d/%d; fax.originate in fax-queue's outbox (commit->marked sent) %d/%d%n",
        pctMs(toApi, 50), pctMs(toApi, 99), pctMs(toQueue, 50), pctMs(toQueue, 99), pctMs(toStart, 50),
        pctMs(toStart, 99), pctMs(relay, 50), pctMs(relay, 99));
    System.out.printf("  attempt 1 started within 10 ms of the job being stored: %d of %d%n", startedAtOnce,
        stages.size());
    // the slowest 1 %: which stage made them slow (means over those jobs)
    long p99 = pct(l, 99);
    List<Stages> slowest = stages.stream().filter(x -> x.toOriginate() >= p99).toList();
    System.out.printf("  the %d jobs at or above p99, mean ms: ->stored %.0f; ->attempt 1 started %.0f; "
            + "->originate seen (outbox relay, esl-gateway) %.0f%n", slowest.size(),
        slowest.stream().mapToLong(x -> x.toApi() + x.toStored()).average().orElse(0),
        slowest.stream().mapToLong(Stages::toStarted).average().orElse(0),
        slowest.stream().mapToLong(Stages::startToOriginate).average().orElse(0));
    System.out.printf("  (the phase started at %d ms since the epoch) they were submitted at (s into the phase): %s%n",
        wall0, slowest.stream().mapToLong(Stages::submittedIntoPhase)
        .sorted().mapToObj(ms -> String.format("%.1f", ms / 1000.0)).collect(Collectors.joining(" ")));
  }

  /**
   * One job's way to its first call, in ms: submit → api.submission row → stored by fax-queue → attempt 1 started, and
   * submit → originate seen by the stand-in; {@code submittedIntoPhase} places it in its phase.
   */
  record Stages(long toApi, long toStored, long toStarted, long toOriginate, long submittedIntoPhase) {
    /** What is left after the start: fax-queue's outbox relay, RabbitMQ and esl-gateway. */
    long startToOriginate() {
      return toOriginate - toApi - toStored - toStarted;
    }
  }

  /** Processes outside this JVM that do each job's work too, by command name ({@code /proc/<pid>/stat}). */
  private static final Map<String, String> SERVERS = new LinkedHashMap<>();

  static {
    SERVERS.put("PostgreSQL", "postgres");
    SERVERS.put("RabbitMQ", "beam.smp");
  }
  /** USER_HZ: Linux reports process times in 1/100 s on every platform this runs on. */
  private static final int CLOCK_TICKS = 100;

  /** utime + stime of all processes of each server, in clock ticks (0 where /proc is unreadable). */
  static Map<String, Long> serverCpuTicks() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    SERVERS.keySet().forEach(name -> ticks.put(name, 0L));
    File[] procs = new File("/proc").listFiles(f -> f.getName().chars().allMatch(Character::isDigit));
    for (File proc : procs == null ? new File[0] : procs) {
      try {
        String stat = Files.readString(proc.toPath().resolve("stat"));
        String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        SERVERS.forEach((name, comm) -> {
          if (comm.equals(command)) {
            ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
          }
        });
      } catch (IOException | RuntimeException gone) {
        // the process ended between the listing and the read
      }
    }
    return ticks;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long pctMs(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1_000_000;
  }
}

package org.faxserver.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.systemtest.CallWatcher.SeenCall;
import org.faxserver.systemtest.FaxSystem.AttemptRow;
import org.faxserver.systemtest.FaxSystem.JobRow;
import org.faxserver.systemtest.FaxSystem.Tenant;
import org.faxserver.testkit.freeswitch.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fax-queue runs as its own process and is killed with SIGKILL ({@code Process.destroyForcibly()}) while
 * some jobs wait for a retry and others have a call in flight. While it is down, the due retries pass
 * and the in-flight calls end (esl-gateway reports them into fax-queue's durable queue). After a restart
 * every job must finish, and no fax may be transmitted twice.
 */
class CrashRecoveryEndToEndTest {

  static FaxSystem system;
  static Tenant tenant;

  @BeforeAll
  static void start() {
    system = FaxSystem.start(FaxSystem.options().queueAsProcess()
        .queue("faxserver.faxing.retry-attempts", 3)
        .queue("faxserver.faxing.retry-delay", "2s"));
    tenant = system.createTenant("crash", "+12125550300");
    system.createGlobalGateway("gw1", 10);
    system.settleDirectory();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void killedWhileJobsWaitForARetryAndWhileCallsAreInFlightEveryJobFinishesOnce() {
    Map<UUID, String> waiting = new LinkedHashMap<>();
    Map<UUID, String> inFlight = new LinkedHashMap<>();
    for (int i = 0; i < 2; i++) {
      String busy = "+1646555" + (8100 + i);
      system.standIn().scenario(busy.substring(1), Scenario.busy());
      waiting.put(system.submitTiff(tenant, busy, 1), busy);
      String slow = "+1646555" + (8200 + i);
      // answered after 2 s, then the real T.30 exchange: the call is up for several seconds
      system.standIn().scenario(slow.substring(1), Scenario.slowAnswer(Duration.ofSeconds(2)));
      inFlight.put(system.submitTiff(tenant, slow, 1), slow);
    }

    // the busy ones failed once and wait for their retry; the slow ones are ringing
    waiting.forEach((job, to) -> system.awaitStatus(job, "WAITING_RETRY", Duration.ofSeconds(30)));
    inFlight.values().forEach(to -> system.calls().await(to, 1, Duration.ofSeconds(30)));
    List<SeenCall> live = new ArrayList<>();
    inFlight.values().forEach(to -> live.add(system.calls().to(to).get(0)));
    assertThat(live).allMatch(c -> c.endedNanos() == 0);

    system.killQueueProcess();

    waiting.values().forEach(to -> system.standIn().scenario(to.substring(1), Scenario.success()));
    live.forEach(c -> system.calls().awaitEnded(c, Duration.ofSeconds(60)));
    FaxSystem.sleep(2500); // the retries fall due while fax-queue is down

    system.startQueueProcess();

    Map<UUID, String> all = new LinkedHashMap<>(waiting);
    all.putAll(inFlight);
    all.forEach((job, to) -> {
      JobRow done = system.awaitFinal(job, Duration.ofSeconds(90));
      assertThat(done.status()).as(system.describe(job)).isEqualTo("SUCCEEDED");
    });
    FaxSystem.sleep(3000); // nothing more may happen
    all.forEach((job, to) -> {
      List<SeenCall> calls = system.calls().to(to);
      assertThat(calls.stream().filter(SeenCall::remoteSuccess).count())
          .as("successful transmissions of job " + job + ": " + system.describe(job)).isEqualTo(1);
      assertThat(system.attempts(job).stream().filter(a -> Boolean.TRUE.equals(a.success())).count()).isEqualTo(1);
    });
    inFlight.forEach((job, to) -> assertThat(system.calls().to(to)).as("in-flight call not re-sent").hasSize(1));
    waiting.forEach((job, to) -> {
      assertThat(system.calls().to(to)).as("one busy call, one retry").hasSize(2);
      assertThat(system.attempts(job)).extracting(AttemptRow::success).containsExactly(false, true);
    });
  }
}

package org.faxserver.gateway.send.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.faxserver.gateway.send.model.CallWatchdog;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.gateway.send.model.OriginatePlanner;
import org.faxserver.gateway.send.model.SoftmodemFallbackRule;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.testkit.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The use case with a fake FreeSWITCH and a settable clock. */
class SendingFaxesTest {

  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  final FakeFreeSwitch fs = new FakeFreeSwitch();
  final List<AttemptFinished> finished = new CopyOnWriteArrayList<>();
  final List<String> learned = new CopyOnWriteArrayList<>();
  final List<AttemptProgress> progress = new CopyOnWriteArrayList<>();
  final MutableClock clock = new MutableClock(T0);
  SendingFaxes sending;

  @BeforeEach
  void setUp() {
    sending = gateway(2);
  }

  SendingFaxes gateway(int maxChannels) {
    AttemptEvents events = new AttemptEvents() {
      @Override
      public void progress(AttemptProgress p) {
        progress.add(p);
      }

      @Override
      public void finished(AttemptFinished f, String learnedFallback) {
        finished.add(f);
        if (learnedFallback != null) {
          learned.add(learnedFallback);
        }
      }
    };
    DocumentLocator documents = ref -> ref.key().startsWith("missing") ? Optional.empty()
        : Optional.of("/fs/" + ref.key());
    SendingFaxes s = new SendingFaxes(fs, events, documents,
        new OriginatePlanner(new OriginatePlanner.Settings(Duration.ofSeconds(60), false)),
        new CallWatchdog(new CallWatchdog.Settings(Duration.ofSeconds(90), Duration.ofSeconds(60),
            Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10))),
        new SoftmodemFallbackRule(true), clock, new SendingFaxes.Settings(Duration.ofSeconds(1), maxChannels, 100));
    s.connected();
    return s;
  }

  static OriginateFax aFax(String document) {
    return new OriginateFax(UUID.randomUUID(), UUID.randomUUID(), 1, "gw1", PhoneNumber.ofE164("+15557654321"), null,
        null, DocumentRef.tiff(document), FaxSettings.defaults(), T0.plus(Duration.ofHours(1)));
  }

  static ChannelEvent event(String... pairs) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m::get;
  }

  static ChannelEvent negotiated() {
    return event("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::txfaxnegociateresult", "fax-transfer-rate", "9600",
        "fax-ecm-used", "off", "fax-t38-status", "off");
  }

  @Test
  void failedFaxThatRetrainedTeachesTheFallbackAndSaysSo() {
    OriginateFax cmd = aFax("doc.tif");
    assertThat(sending.originate(cmd)).isEqualTo(SendingFaxes.Intake.ACCEPTED);
    UUID call = cmd.attemptId();

    sending.onChannelEvent(call, event("Event-Name", "CHANNEL_ANSWER"));
    sending.onChannelEvent(call, negotiated());
    sending.onChannelEvent(call, negotiated());
    sending.onChannelEvent(call, event("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::txfaxresult",
        "fax-success", "0", "fax-result-code", "48", "fax-result-text", "Disconnected after permitted retries"));
    sending.onChannelEvent(call, event("Event-Name", "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING"));

    assertThat(finished).singleElement().satisfies(f -> {
      assertThat(f.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
      assertThat(f.result().negotiationCount()).isEqualTo(2);
      assertThat(f.detail()).contains("softmodem fallback learned for 15557654321");
    });
    assertThat(learned).containsExactly("15557654321");
    assertThat(fs.fallbackList).containsEntry("15557654321", Long.toString(T0.getEpochSecond()));
  }

  @Test
  void theNextCallToALearnedNumberRunsWithT38Off() {
    fs.fallbackList.put("15557654321", "1764140000");

    sending.originate(aFax("doc.tif"));

    assertThat(fs.originates).singleElement().asString()
        .contains("fax_enable_t38=false,fax_enable_t38_request=false");
  }

  @Test
  void commandPastItsDeadlineIsReportedWithoutACall() {
    clock.set(T0.plus(Duration.ofHours(2)));
    OriginateFax cmd = aFax("doc.tif");

    assertThat(sending.originate(cmd)).isEqualTo(SendingFaxes.Intake.REPORTED);

    assertThat(fs.originates).isEmpty();
    assertThat(finished).singleElement().extracting(AttemptFinished::end).isEqualTo(AttemptEnd.WATCHDOG);
    assertThat(sending.originate(cmd)).isEqualTo(SendingFaxes.Intake.DUPLICATE);
  }

  @Test
  void copiesOfACommandPastItsDeadlineTakenAtOnceAreReportedOnce() throws Exception {
    clock.set(T0.plus(Duration.ofHours(2)));
    ExecutorService consumers = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 100; round++) {
        OriginateFax cmd = aFax("doc.tif");
        CyclicBarrier together = new CyclicBarrier(4);
        List<Future<SendingFaxes.Intake>> intakes = new ArrayList<>();
        for (int consumer = 0; consumer < 4; consumer++) {
          intakes.add(consumers.submit(() -> {
            together.await();
            return sending.originate(cmd);
          }));
        }
        List<SendingFaxes.Intake> answers = new ArrayList<>();
        for (Future<SendingFaxes.Intake> intake : intakes) {
          answers.add(intake.get(10, TimeUnit.SECONDS));
        }
        assertThat(answers).filteredOn(SendingFaxes.Intake.REPORTED::equals).hasSize(1);
        assertThat(finished).filteredOn(f -> f.attemptId().equals(cmd.attemptId())).hasSize(1);
      }
    } finally {
      consumers.shutdownNow();
    }
  }

  @Test
  void missingDocumentIsAnEarlyErrorWithoutACall() {
    assertThat(sending.originate(aFax("missing.tif"))).isEqualTo(SendingFaxes.Intake.REPORTED);

    assertThat(fs.originates).isEmpty();
    assertThat(finished).singleElement().extracting(AttemptFinished::end).isEqualTo(AttemptEnd.EARLY_ERROR);
  }

  @Test
  void unreachableFreeswitchPutsTheCommandBack() {
    fs.ready = false;

    assertThat(sending.originate(aFax("doc.tif"))).isEqualTo(SendingFaxes.Intake.RETRY_LATER);
    assertThat(sending.acceptsWork()).isFalse();
    assertThat(finished).isEmpty();
  }

  @Test
  void fullNodePutsTheCommandBack() {
    sending = gateway(1);
    assertThat(sending.originate(aFax("doc.tif"))).isEqualTo(SendingFaxes.Intake.ACCEPTED);

    assertThat(sending.acceptsWork()).isFalse();
    assertThat(sending.originate(aFax("doc.tif"))).isEqualTo(SendingFaxes.Intake.RETRY_LATER);
    assertThat(fs.originates).hasSize(1);
  }

  @Test
  void unconfirmedOriginateIsStillFollowedAndEndsWhenFreeswitchTurnsOutNotToHaveIt() {
    fs.originateFails = true;
    OriginateFax cmd = aFax("doc.tif");

    assertThat(sending.originate(cmd)).isEqualTo(SendingFaxes.Intake.ACCEPTED);
    assertThat(sending.callsInFlight()).isEqualTo(1);

    sending.disconnected();
    sending.connected(); // FreeSWITCH has no such channel

    assertThat(finished).singleElement().satisfies(f -> {
      assertThat(f.attemptId()).isEqualTo(cmd.attemptId());
      assertThat(f.end()).isEqualTo(AttemptEnd.CALL_DROPPED);
    });
  }

  @Test
  void watchdogKillsAndThenGivesUpOnACallThatNeverEnds_reportingItOnce() {
    OriginateFax cmd = aFax("doc.tif");
    sending.originate(cmd);
    fs.channels.put(cmd.attemptId(), Map.of());

    clock.set(T0.plusSeconds(90));
    sending.watch();
    assertThat(fs.kills).containsExactly(cmd.attemptId());
    assertThat(finished).isEmpty();

    clock.set(T0.plusSeconds(100));
    sending.watch();
    assertThat(finished).singleElement().extracting(AttemptFinished::end).isEqualTo(AttemptEnd.WATCHDOG);

    // FreeSWITCH's late events change nothing
    sending.onChannelEvent(cmd.attemptId(), event("Event-Name", "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "X"));
    sending.watch();
    assertThat(finished).hasSize(1);
  }

  @Test
  void reconciliationKillsAndReportsOrphansButLeavesOtherCallsAlone() {
    UUID orphan = UUID.randomUUID();
    UUID job = UUID.randomUUID();
    UUID foreign = UUID.randomUUID();
    fs.channels.put(orphan, Map.of("faxserver_job_id", job.toString(), "sip_gateway_name", "gw9"));
    fs.channels.put(foreign, Map.of());

    sending.connected();

    assertThat(fs.kills).containsExactly(orphan);
    assertThat(finished).singleElement().satisfies(f -> {
      assertThat(f.attemptId()).isEqualTo(orphan);
      assertThat(f.jobId()).isEqualTo(job);
      assertThat(f.gateway()).isEqualTo("gw9");
      assertThat(f.end()).isEqualTo(AttemptEnd.CALL_DROPPED);
    });
    assertThat(sending.originate(new OriginateFax(orphan, job, 1, "gw9", PhoneNumber.ofE164("+15557654321"), null,
        null, DocumentRef.tiff("doc.tif"), null, T0.plusSeconds(600)))).isEqualTo(SendingFaxes.Intake.DUPLICATE);
  }

  @Test
  void callReportedWhileFreeswitchWasUnreachableIsKilledSilentlyAfterTheReconnect() {
    OriginateFax cmd = aFax("doc.tif");
    sending.originate(cmd);
    sending.disconnected();
    clock.set(T0.plusSeconds(90));
    sending.watch(); // kill fails to reach anyone in reality; the fake just records it
    clock.set(T0.plusSeconds(100));
    sending.watch(); // gives up and reports
    assertThat(finished).hasSize(1);
    fs.kills.clear();
    fs.channels.put(cmd.attemptId(), Map.of("faxserver_job_id", cmd.jobId().toString()));

    sending.connected();

    assertThat(fs.kills).containsExactly(cmd.attemptId());
    assertThat(finished).hasSize(1);
  }

  @Test
  void shuttingDownStopsTheIntakeButKeepsFollowingCalls() {
    OriginateFax cmd = aFax("doc.tif");
    sending.originate(cmd);

    sending.stopTakingWork();

    assertThat(sending.acceptsWork()).isFalse();
    assertThat(sending.originate(aFax("doc.tif"))).isEqualTo(SendingFaxes.Intake.RETRY_LATER);
    sending.onChannelEvent(cmd.attemptId(), event("Event-Name", "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "USER_BUSY"));
    assertThat(finished).singleElement().extracting(AttemptFinished::end).isEqualTo(AttemptEnd.ORIGINATE_FAILED);
    assertThat(sending.callsInFlight()).isZero();
  }

  @Test
  void reconciliationInterruptedByADisconnectDoesNotOpenTheIntake() {
    fs.onShowChannels = () -> sending.disconnected();

    assertThat(sending.connected()).isTrue();

    assertThat(sending.acceptsWork()).isFalse();
    fs.onShowChannels = () -> { };
    sending.connected();
    assertThat(sending.acceptsWork()).isTrue();
  }

  @Test
  void callKillIsOnlyForOurCalls() {
    OriginateFax cmd = aFax("doc.tif");
    sending.originate(cmd);

    assertThat(sending.kill(UUID.randomUUID(), "call.kill")).isFalse();
    assertThat(sending.kill(cmd.attemptId(), "call.kill")).isTrue();
    assertThat(sending.kill(cmd.attemptId(), "call.kill")).isFalse();
    assertThat(fs.kills).containsExactly(cmd.attemptId());
  }
}

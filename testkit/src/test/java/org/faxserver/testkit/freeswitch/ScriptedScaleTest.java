package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scripted mode: a thousand calls up at once without the T.30 engine (no thread or process per call). */
class ScriptedScaleTest {

    @Test
    void thousandCallsHeldConcurrently() {
        int calls = 1000;
        try (FreeSwitchStandIn fs = FreeSwitchStandIn.start(StandInConfig.defaults().withoutNativeFax())
                .defaultScenario(Scenario.scripted(2, 0, Duration.ofSeconds(5)));
             EslTestClient c = EslTestClient.login(fs)) {
            c.command("event plain CHANNEL_HANGUP_COMPLETE");
            // pipelined, as a busy client would: all commands first, then the 1000 replies
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < calls; i++) {
                batch.append("bgapi originate {origination_uuid=").append(UUID.randomUUID()).append("}sofia/gateway/gw/")
                        .append(20000 + i).append(" &txfax(/scripted/doc.tif)\n\n");
            }
            c.send(batch.toString());
            for (int i = 0; i < calls; i++) {
                assertThat(c.nextReply(Duration.ofSeconds(10)).reply()).startsWith("+OK Job-UUID: ");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int peak = 0;
            while (System.nanoTime() < deadline && peak < calls) {
                peak = Math.max(peak, fs.activeChannels());
                FreeSwitchStandIn.sleep(5);
            }
            assertThat(peak).as("channels up at once").isEqualTo(calls);
            assertThat(c.api("show channels")).as("show channels").endsWith("\n" + calls + " total.\n");
            // no thread per call: the stand-in's own pools stay small while 1000 calls are up (2 for socket I/O, 2 timers,
            // a couple of workers)
            long standInThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("fs-standin-")).count();
            assertThat(standInThreads).as("stand-in threads").isLessThanOrEqualTo(6);
            for (int i = 0; i < calls; i++) {
                c.awaitEvent(f -> "CHANNEL_HANGUP_COMPLETE".equals(f.eventName()), Duration.ofSeconds(15));
            }
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fs.activeChannels() > 0 && System.nanoTime() < end) {
                FreeSwitchStandIn.sleep(10); // CHANNEL_DESTROY follows HANGUP_COMPLETE
            }
            assertThat(fs.activeChannels()).as("channels left").isZero();
            assertThat(fs.calls()).hasSize(calls).allSatisfy(r -> {
                assertThat(r.localResult()).containsEntry("code", "0").containsEntry("pages", "2");
                assertThat(r.hangupCause()).isEqualTo("NORMAL_CLEARING");
            });
        }
    }

    @Test
    void scriptedFailureCodeIsReported() {
        try (FreeSwitchStandIn fs = FreeSwitchStandIn.start(StandInConfig.defaults())
                .scenario("100", Scenario.scripted(1, 48, Duration.ofMillis(100)));
             EslTestClient c = EslTestClient.login(fs)) {
            c.command("event plain CUSTOM spandsp::txfaxresult");
            c.command("bgapi originate sofia/gateway/gw/100 &txfax(/scripted/doc.tif)");
            var r = c.awaitEvent(f -> true, Duration.ofSeconds(5)).event();
            assertThat(r).containsEntry("fax-success", "0").containsEntry("fax-result-code", "48")
                    .containsEntry("fax-result-text", "Disconnected after permitted retries")
                    .containsEntry("fax-document-transferred-pages", "1");
        }
    }

    @Test
    void scriptedLineFaultsReportBadRowsAndRepeatedTraining() {
        try (FreeSwitchStandIn fs = FreeSwitchStandIn.start(StandInConfig.defaults().withoutNativeFax())
                .scenario("101", Scenario.scripted(2, 48, Duration.ofMillis(100)).withBadRowsPerPage(7).withNegotiations(3));
             EslTestClient c = EslTestClient.login(fs)) {
            c.command("event plain CUSTOM spandsp::txfaxnegociateresult spandsp::txfaxpageresult spandsp::txfaxresult");
            c.command("bgapi originate sofia/gateway/gw/101 &txfax(/scripted/doc.tif)");
            var result = c.awaitEvent(f -> "spandsp::txfaxresult".equals(f.event().get("Event-Subclass")),
                    Duration.ofSeconds(5)).event();
            assertThat(result).containsEntry("fax-success", "0").containsEntry("fax-bad-rows", "7");
            long negotiations = c.allEvents.stream()
                    .filter(f -> "spandsp::txfaxnegociateresult".equals(f.event().get("Event-Subclass"))).count();
            assertThat(negotiations).isEqualTo(3);
            assertThat(c.allEvents.stream().filter(f -> "spandsp::txfaxpageresult".equals(f.event().get("Event-Subclass"))))
                    .isNotEmpty().allSatisfy(f -> assertThat(f.event()).containsEntry("fax-bad-rows", "7"));
        }
    }
}

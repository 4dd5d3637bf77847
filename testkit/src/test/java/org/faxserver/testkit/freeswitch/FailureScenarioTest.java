package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-number scenarios: rejections, mid-fax drop (49), noisy line, missing file, uuid_kill, slow answer. */
class FailureScenarioTest {

    @TempDir
    static Path dir;
    static Path doc;
    static FreeSwitchStandIn fs;

    @BeforeAll
    static void start() {
        doc = TestFaxDocuments.create(dir.resolve("doc3.tif"), 3);
        fs = FreeSwitchStandIn.start(StandInConfig.defaults().withWorkDir(dir))
                .scenario("486", Scenario.busy())
                .scenario("404", Scenario.unallocatedNumber())
                .scenario("603", Scenario.callRejected())
                .scenario("480", Scenario.noAnswer().withAnswerDelay(Duration.ofMillis(200)))
                .scenario("4901", Scenario.hangupAfterPages(1))
                .scenario("5555", Scenario.noisyLine())
                .scenario("4100", Scenario.fileMissing())
                .scenario("7777", Scenario.neverHangsUp())
                .scenario("3838", Scenario.t38Refused())
                .scenario("2000", Scenario.slowAnswer(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        fs.close();
    }

    /** Originates to {@code number} and waits for the A leg's CHANNEL_DESTROY (or the given event). */
    static List<EslTestClient.Frame> send(EslTestClient c, String uuid, String number, String vars, String until) {
        c.command(SendFaxTest.SUBSCRIBE.replace("CUSTOM", "CHANNEL_PROGRESS CUSTOM"));
        c.send("bgapi originate {origination_uuid=" + uuid + ",fax_ident=+15550100" + vars + "}sofia/gateway/gw1/" + number
                + " &txfax(" + doc + ")\nJob-UUID: " + UUID.randomUUID() + "\n\n");
        c.nextReply(Duration.ofSeconds(5));
        c.awaitEvent(f -> until.equals(f.eventName()) && uuid.equals(f.event().get("Unique-ID")), Duration.ofSeconds(20));
        return c.allEvents;
    }

    /** The BACKGROUND_JOB of the originate for this uuid. */
    static Map<String, String> job(List<EslTestClient.Frame> events, String uuid) {
        return events.stream().map(EslTestClient.Frame::event)
                .filter(e -> "BACKGROUND_JOB".equals(e.get("Event-Name")) && e.getOrDefault("Job-Command-Arg", "").contains(uuid))
                .findFirst().orElseThrow();
    }

    @Test
    void rejectedCallsFailTheOriginateWithTheCause() {
        for (String[] t : new String[][] {{"486", "USER_BUSY"}, {"404", "UNALLOCATED_NUMBER"}, {"603", "CALL_REJECTED"},
                {"480", "NO_ANSWER"}}) {
            String uuid = UUID.randomUUID().toString();
            try (EslTestClient c = EslTestClient.login(fs)) {
                List<EslTestClient.Frame> ev = send(c, uuid, t[0], "", "CHANNEL_DESTROY");
                // capture send-busy: CREATE, HANGUP, HANGUP_COMPLETE, BACKGROUND_JOB(-ERR), DESTROY; never answered
                List<String> names = ev.stream().filter(f -> uuid.equals(f.event().get("Unique-ID"))
                        || f.event().getOrDefault("Job-Command-Arg", "").contains(uuid)).map(EslTestClient.Frame::eventName).toList();
                // NO_ANSWER rings first (its scenario has an answer delay)
                List<String> expected = "480".equals(t[0])
                        ? List.of("CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "BACKGROUND_JOB", "CHANNEL_DESTROY")
                        : List.of("CHANNEL_CREATE", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "BACKGROUND_JOB", "CHANNEL_DESTROY");
                assertThat(names).isEqualTo(expected);
                assertThat(job(ev, uuid)).containsEntry("_body", "-ERR " + t[1] + "\n");
                assertThat(SendFaxTest.find(ev, "CHANNEL_HANGUP_COMPLETE", uuid)).containsEntry("Hangup-Cause", t[1])
                        .containsEntry("variable_hangup_cause", t[1]);
            }
        }
    }

    @Test
    void synchronousApiOriginateRepliesWithTheOutcome() {
        try (EslTestClient c = EslTestClient.login(fs)) {
            assertThat(c.api("originate sofia/gateway/gw1/486 &txfax(" + doc + ")")).isEqualTo("-ERR USER_BUSY\n");
            String uuid = UUID.randomUUID().toString();
            assertThat(c.api("originate {origination_uuid=" + uuid + "}sofia/gateway/gw1/7777 &txfax(" + doc + ")"))
                    .isEqualTo("+OK " + uuid + "\n");
            assertThat(c.api("uuid_kill " + uuid)).isEqualTo("+OK\n");
            assertThat(c.api("originate sofia/gateway/gw1/486")).startsWith("-USAGE");
        }
    }

    @Test
    void hangupAfterOnePageGivesCode49AndAPartialFile() {
        String uuid = UUID.randomUUID().toString();
        try (EslTestClient c = EslTestClient.login(fs)) {
            List<EslTestClient.Frame> ev = send(c, uuid, "4901", "", "CHANNEL_DESTROY");
            assertThat(SendFaxTest.find(ev, "spandsp::txfaxresult", uuid)).containsEntry("fax-success", "0")
                    .containsEntry("fax-result-code", "49").containsEntry("fax-result-text", "The call dropped prematurely")
                    .containsEntry("fax-document-transferred-pages", "1").containsEntry("fax-document-total-pages", "3");
            assertThat(SendFaxTest.find(ev, "CHANNEL_EXECUTE_COMPLETE", uuid)).containsEntry("variable_fax_success", "0");
        }
        assertThat(TestFaxDocuments.pageCount(fs.receivedTiff(uuid))).isEqualTo(1);
        assertThat(fs.call(uuid).remoteResult()).containsEntry("code", "49");
    }

    @Test
    void noisyLineFailsDuringTraining() {
        String uuid = UUID.randomUUID().toString();
        try (EslTestClient c = EslTestClient.login(fs)) {
            List<EslTestClient.Frame> ev = send(c, uuid, "5555", ",fax_enable_t38=false", "CHANNEL_DESTROY");
            Map<String, String> r = SendFaxTest.find(ev, "spandsp::txfaxresult", uuid);
            assertThat(r).containsEntry("fax-success", "0").containsEntry("fax-document-transferred-pages", "0");
            assertThat(r.get("fax-result-code")).isNotIn("0", "49");
        }
    }

    @Test
    void missingFileIsAnEarlyErrorWithoutFaxVariables() {
        String uuid = UUID.randomUUID().toString();
        try (EslTestClient c = EslTestClient.login(fs)) {
            List<EslTestClient.Frame> ev = send(c, uuid, "4100", "", "CHANNEL_DESTROY");
            // capture send-missing-file: EXECUTE_COMPLETE right away, then HANGUP; no spandsp event at all
            assertThat(EslTestClient.namesFor(ev, uuid)).containsExactly("CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_EXECUTE",
                    "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY");
            Map<String, String> done = SendFaxTest.find(ev, "CHANNEL_EXECUTE_COMPLETE", uuid);
            assertThat(done).containsEntry("Application-Response", "Cannot send non-existant fax file")
                    .doesNotContainKey("variable_fax_success");
            assertThat(job(ev, uuid)).containsEntry("_body", "+OK " + uuid + "\n");
        }
    }

    @Test
    void callThatNeverHangsUpEndsOnlyWithUuidKill() {
        String uuid = UUID.randomUUID().toString();
        try (EslTestClient c = EslTestClient.login(fs)) {
            send(c, uuid, "7777", "", "CHANNEL_EXECUTE_COMPLETE");
            FreeSwitchStandIn.sleep(300);
            assertThat(c.api("uuid_exists " + uuid)).isEqualTo("true");
            assertThat(c.api("show channels")).contains(uuid).endsWith("\n1 total.\n");
            assertThat(EslTestClient.namesFor(c.allEvents, uuid)).doesNotContain("CHANNEL_HANGUP");
            assertThat(c.api("uuid_kill " + uuid)).isEqualTo("+OK\n");
            c.awaitEvent(f -> "CHANNEL_DESTROY".equals(f.eventName()), Duration.ofSeconds(5));
            assertThat(EslTestClient.namesFor(c.allEvents, uuid)).endsWith("CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP",
                    "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY");
            assertThat(c.api("uuid_kill " + uuid)).isEqualTo("-ERR No such channel!\n");
            assertThat(c.api("uuid_exists " + uuid)).isEqualTo("false");
        }
    }

    @Test
    void uuidKillDuringAPacedFaxGivesCode49AfterTheHangup() {
        String uuid = UUID.randomUUID().toString();
        // paced at 10x real time: page 1 after ~2.7 s, page 2 ~1.7 s later, so the kill lands in between
        fs.scenario("9000", Scenario.success().withPace(10));
        try (EslTestClient c = EslTestClient.login(fs)) {
            send(c, uuid, "9000", "", "spandsp::txfaxpageresult");
            String job = UUID.randomUUID().toString();
            c.send("bgapi uuid_kill " + uuid + "\nJob-UUID: " + job + "\n\n");
            c.awaitEvent(f -> "CHANNEL_DESTROY".equals(f.eventName()), Duration.ofSeconds(20));
            // capture send-hangup-midfax: HANGUP -> BACKGROUND_JOB(+OK) -> txfaxresult(49) -> EXECUTE_COMPLETE
            List<String> names = c.allEvents.stream()
                    .filter(f -> uuid.equals(f.event().get("Unique-ID")) || job.equals(f.event().get("Job-UUID")))
                    .map(EslTestClient.Frame::eventName).toList();
            assertThat(names.subList(names.indexOf("CHANNEL_HANGUP"), names.size())).containsExactly("CHANNEL_HANGUP",
                    "BACKGROUND_JOB", "spandsp::txfaxresult", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP_COMPLETE",
                    "CHANNEL_DESTROY");
            Map<String, String> r = SendFaxTest.find(c.allEvents, "spandsp::txfaxresult", uuid);
            assertThat(r).containsEntry("fax-result-code", "49").containsEntry("fax-document-transferred-pages", "1");
        }
        assertThat(TestFaxDocuments.pageCount(fs.receivedTiff(uuid))).isEqualTo(1);
    }

    @Test
    void t38RefusedFallsBackToAudio() {
        String uuid = UUID.randomUUID().toString();
        try (EslTestClient c = EslTestClient.login(fs)) {
            List<EslTestClient.Frame> ev = send(c, uuid, "3838", ",fax_enable_t38=true,fax_enable_t38_request=true", "CHANNEL_DESTROY");
            assertThat(SendFaxTest.find(ev, "spandsp::txfaxresult", uuid)).containsEntry("fax-success", "1")
                    .containsEntry("fax-t38-status", "refused");
        }
    }

    @Test
    void slowAnswerRingsFirst() {
        String uuid = UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        try (EslTestClient c = EslTestClient.login(fs)) {
            List<EslTestClient.Frame> ev = send(c, uuid, "2000", "", "CHANNEL_ANSWER");
            assertThat(System.nanoTime() - t0).isGreaterThan(Duration.ofMillis(300).toNanos());
            assertThat(EslTestClient.namesFor(ev, uuid)).startsWith("CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_ANSWER");
        }
    }
}

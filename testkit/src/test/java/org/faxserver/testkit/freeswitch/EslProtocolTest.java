package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound ESL replies, byte for byte as in captures inbound-basics and inbound-bad-auth. */
class EslProtocolTest {

    FreeSwitchStandIn fs;

    @BeforeEach
    void start() {
        fs = FreeSwitchStandIn.start(StandInConfig.defaults().withHeartbeat(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        fs.close();
    }

    @Test
    void authRequestAcceptedAndExit() {
        try (EslTestClient c = EslTestClient.connect(fs.host(), fs.port())) {
            assertThat(c.nextReply(Duration.ofSeconds(5)).raw()).isEqualTo("Content-Type: auth/request\n\n");
            assertThat(c.command("api status").raw()).isEqualTo("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n");
            assertThat(c.command("auth ClueCon").raw()).isEqualTo("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
            assertThat(c.command("exit").raw()).isEqualTo("Content-Type: command/reply\nReply-Text: +OK bye\n\n");
            assertThat(c.nextReply(Duration.ofSeconds(5)).raw()).isEqualTo("Content-Type: text/disconnect-notice\nContent-Length: 67\n\n"
                    + "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
            assertThat(c.closedByPeer(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void wrongPasswordIsRejectedAndDisconnected() {
        try (EslTestClient c = EslTestClient.connect(fs.host(), fs.port())) {
            c.nextReply(Duration.ofSeconds(5));
            assertThat(c.command("auth WrongPassword").reply()).isEqualTo("-ERR invalid");
            assertThat(c.nextReply(Duration.ofSeconds(5)).type()).isEqualTo("text/disconnect-notice");
            assertThat(c.closedByPeer(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void apiRepliesAndUnknownCommands() {
        try (EslTestClient c = EslTestClient.login(fs)) {
            assertThat(c.api("status")).startsWith("UP 0 years, 0 days").contains("is ready\n");
            assertThat(c.command("api nosuchcommand").raw())
                    .isEqualTo("Content-Type: api/response\nContent-Length: 38\n\n-ERR nosuchcommand Command not found!\n");
            assertThat(c.api("uuid_exists 00000000-0000-0000-0000-000000000000")).isEqualTo("false");
            assertThat(c.api("show channels")).isEqualTo("\n0 total.\n");
            assertThat(c.api("sofia status gateway toB")).contains("Name    \ttoB\n").contains("Status  \tUP\n");
            assertThat(c.command("bogus").reply()).isEqualTo("-ERR command not found");
        }
    }

    @Test
    void configuredGatewaysAreTheOnlyValidOnes() {
        try (FreeSwitchStandIn strict = FreeSwitchStandIn.start(StandInConfig.defaults().withGateways(java.util.Set.of("gw1")));
             EslTestClient c = EslTestClient.login(strict)) {
            assertThat(c.api("sofia status gateway gw1")).contains("Status  \tUP\n");
            assertThat(c.api("sofia status gateway other")).isEqualTo("Invalid Gateway!\n");
            assertThat(c.api("originate sofia/gateway/other/123 &txfax(/x.tif)")).isEqualTo("-ERR INVALID_GATEWAY\n");
        }
    }

    @Test
    void eventSubscriptionFilterAndNixReplies() {
        try (EslTestClient c = EslTestClient.login(fs)) {
            assertThat(c.command("event plain HEARTBEAT CUSTOM spandsp::txfaxresult").raw())
                    .isEqualTo("Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n");
            EslTestClient.Frame hb = c.awaitEvent(f -> true, Duration.ofSeconds(5));
            assertThat(hb.type()).isEqualTo("text/event-plain");
            assertThat(hb.raw()).startsWith("Content-Length: " + hb.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + "\nContent-Type: text/event-plain\n\nEvent-Name: HEARTBEAT\nCore-UUID: ");
            assertThat(hb.event()).containsEntry("Event-Info", "System Ready").containsKey("Event-Sequence");
            assertThat(hb.body()).contains("Event-Info: System%20Ready\n").endsWith("\n\n");
            String uuid = "00000000-0000-0000-0000-000000000000";
            assertThat(c.command("filter Unique-ID " + uuid).reply()).isEqualTo("+OK filter added. [Unique-ID]=[" + uuid + "]");
            assertThat(c.command("filter delete Unique-ID " + uuid).reply()).isEqualTo("+OK filter deleted. [Unique-ID][" + uuid + "]");
            assertThat(c.command("nixevent HEARTBEAT").reply()).isEqualTo("+OK events nixed");
            assertThat(c.command("noevents").reply()).isEqualTo("+OK no longer listening for events");
            assertThat(c.command("noevents").reply()).isEqualTo("-ERR not listening for events");
            assertThat(c.command("event plain").reply()).isEqualTo("-ERR no keywords supplied");
            assertThat(c.command("log 7").reply()).isEqualTo("+OK log level 7 [7]");
            assertThat(c.command("nolog").reply()).isEqualTo("+OK no longer logging");
            assertThat(c.command("linger").reply()).isEqualTo("-ERR not controlling a session");
            assertThat(c.command("myevents 1234").reply()).isEqualTo("-ERR invalid uuid");
        }
    }

    @Test
    void filterDropsEventsWithoutTheHeader() {
        try (EslTestClient c = EslTestClient.login(fs)) {
            c.command("event plain HEARTBEAT BACKGROUND_JOB");
            c.command("filter Unique-ID 00000000-0000-0000-0000-000000000000");
            // HEARTBEAT and BACKGROUND_JOB carry no Unique-ID: dropped (capture send-filtered)
            c.command("bgapi status");
            FreeSwitchStandIn.sleep(800);
            assertThat(c.allEvents).isEmpty();
            c.command("filter Event-Name BACKGROUND_JOB");
            c.command("bgapi status");
            assertThat(c.awaitEvent(f -> true, Duration.ofSeconds(5)).eventName()).isEqualTo("BACKGROUND_JOB");
        }
    }

    @Test
    void bgapiHonoursClientJobUuidAndDeliversBackgroundJob() {
        try (EslTestClient c = EslTestClient.login(fs)) {
            c.command("event plain BACKGROUND_JOB");
            String job = "5c2e0000-0000-4000-8000-000000000001";
            c.send("bgapi db insert/r/k/v\nJob-UUID: " + job + "\n\n");
            assertThat(c.nextReply(Duration.ofSeconds(5)).raw())
                    .isEqualTo("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job + "\n\n");
            EslTestClient.Frame f = c.awaitEvent(e -> true, Duration.ofSeconds(5));
            Map<String, String> e = f.event();
            assertThat(e).containsEntry("Event-Name", "BACKGROUND_JOB").containsEntry("Job-UUID", job)
                    .containsEntry("Job-Command", "db").containsEntry("Job-Command-Arg", "insert/r/k/v")
                    .containsEntry("Content-Length", "3").containsEntry("_body", "+OK").doesNotContainKey("Job-Owner-UUID");
            assertThat(f.body()).endsWith("Job-Command-Arg: insert/r/k/v\nContent-Length: 3\n\n+OK");
            // without a client Job-UUID the stand-in picks one
            String reply = c.command("bgapi status").reply();
            assertThat(reply).matches("\\+OK Job-UUID: [0-9a-f-]{36}");
        }
    }

    @Test
    void jsonEventsAreCompactAndUnencoded() {
        try (EslTestClient c = EslTestClient.login(fs)) {
            assertThat(c.command("event json BACKGROUND_JOB").reply()).isEqualTo("+OK event listener enabled json");
            c.command("bgapi db insert/r/k/a b");
            EslTestClient.Frame f = c.awaitEvent(e -> true, Duration.ofSeconds(5));
            assertThat(f.type()).isEqualTo("text/event-json");
            assertThat(f.body()).startsWith("{\"Event-Name\":\"BACKGROUND_JOB\",").contains("\"FreeSWITCH-IPv6\":\"::1\"")
                    .contains("\"Job-Command-Arg\":\"insert/r/k/a b\"").endsWith("\"Content-Length\":\"3\",\"_body\":\"+OK\"}");
        }
    }
}

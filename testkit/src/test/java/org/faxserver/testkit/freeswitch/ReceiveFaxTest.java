package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound calls: the stand-in dials a tiny outbound-socket server (this test), which answers and
 * runs rxfax like capture receive-outbound-socket; plus the reject case and the loopback gateway.
 */
class ReceiveFaxTest {

    @TempDir
    Path dir;
    ServerSocket app;
    FreeSwitchStandIn fs;
    Path doc;

    @BeforeEach
    void start() throws IOException {
        doc = TestFaxDocuments.create(dir.resolve("remote3.tif"), 3);
        app = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        app.setSoTimeout(10_000);
        fs = FreeSwitchStandIn.start(StandInConfig.defaults().withWorkDir(dir)
                .withOutboundSocket(new InetSocketAddress("127.0.0.1", app.getLocalPort())));
    }

    @AfterEach
    void stop() throws IOException {
        fs.close();
        app.close();
    }

    /** What our receive handler does: connect, subscribe, answer + set + rxfax (event-lock) + hangup. */
    static List<EslTestClient.Frame> receive(EslTestClient session, Path rxFile, String rxEventUuid) {
        EslTestClient.Frame connect = session.command("connect");
        assertThat(connect.headers()).containsEntry("Event-Name", "CHANNEL_DATA").containsEntry("Reply-Text", "%2BOK%0A")
                .containsEntry("Socket-Mode", "async").containsEntry("Control", "full");
        assertThat(session.command("myevents").reply()).isEqualTo("+OK Events Enabled");
        assertThat(session.command("linger 10").reply()).isEqualTo("+OK will linger 10 seconds");
        assertThat(session.command("event plain CUSTOM spandsp::rxfaxresult spandsp::rxfaxpageresult "
                + "spandsp::rxfaxnegociateresult").reply()).isEqualTo("+OK event listener enabled plain");
        session.send("sendmsg\ncall-command: execute\nexecute-app-name: answer\nevent-lock: true\nEvent-UUID: "
                + UUID.randomUUID() + "\n\n");
        session.send("sendmsg\ncall-command: execute\nexecute-app-name: set\nexecute-app-arg: fax_ident=+15551230000\n"
                + "event-lock: true\nEvent-UUID: " + UUID.randomUUID() + "\n\n");
        session.send("sendmsg\ncall-command: execute\nexecute-app-name: rxfax\nexecute-app-arg: " + rxFile
                + "\nevent-lock: true\nEvent-UUID: " + rxEventUuid + "\n\n");
        session.send("sendmsg\ncall-command: execute\nexecute-app-name: hangup\nEvent-UUID: " + UUID.randomUUID() + "\n\n");
        for (int i = 0; i < 4; i++) {
            assertThat(session.nextReply(Duration.ofSeconds(5)).reply()).isEqualTo("+OK");
        }
        EslTestClient.Frame linger = session.nextReply(Duration.ofSeconds(20));
        assertThat(linger.headers()).containsEntry("Content-Type", "text/disconnect-notice")
                .containsEntry("Content-Disposition", "linger").containsEntry("Linger-Time", "10");
        return session.allEvents;
    }

    @Test
    void stand_inDialsTheAppWhichReceivesThreePages() throws IOException {
        CallRecord call = fs.dialInbound(InboundCallSpec.from("15550199").to("15551230000")
                .diversion("<sip:15550001@carrier.example>;reason=unconditional").gateway("carrier1")
                .networkIp("192.0.2.10").document(doc));
        Path rx = dir.resolve("in.tif");
        String rxEvent = UUID.randomUUID().toString();
        try (EslTestClient session = new EslTestClient(app.accept())) {
            List<EslTestClient.Frame> events = receive(session, rx, rxEvent);
            assertThat(EslTestClient.names(events)).containsExactly("CHANNEL_EXECUTE", "CHANNEL_ANSWER",
                    "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_EXECUTE",
                    "spandsp::rxfaxnegociateresult", "spandsp::rxfaxpageresult", "spandsp::rxfaxpageresult",
                    "spandsp::rxfaxpageresult", "spandsp::rxfaxresult", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_EXECUTE",
                    "CHANNEL_HANGUP", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_UNPARK", "CHANNEL_EXECUTE_COMPLETE",
                    "CHANNEL_STATE", "CHANNEL_STATE", "CHANNEL_HANGUP_COMPLETE");
            Map<String, String> rxDone = events.get(11).event();
            assertThat(rxDone).containsEntry("Application", "rxfax").containsEntry("Application-UUID", rxEvent)
                    .containsEntry("variable_fax_success", "1").containsEntry("variable_fax_document_transferred_pages", "3")
                    .containsEntry("variable_sip_h_Diversion", "<sip:15550001@carrier.example>;reason=unconditional")
                    .containsEntry("variable_sip_to_user", "15551230000").containsEntry("variable_sip_network_ip", "192.0.2.10")
                    .containsEntry("variable_sip_gateway", "carrier1").containsEntry("Caller-Caller-ID-Number", "15550199");
            assertThat(events.get(10).event()).containsEntry("fax-success", "1").containsEntry("fax-local-station-id", "+15551230000")
                    .containsEntry("fax-remote-station-id", "+15550200").containsEntry("fax-document-total-pages", "3");
            assertThat(session.command("exit").reply()).isEqualTo("+OK bye");
        }
        assertThat(TestFaxDocuments.pageCount(rx)).isEqualTo(3);
        assertThat(call.awaitHangup(Duration.ofSeconds(5))).isEqualTo("NORMAL_CLEARING");
        assertThat(call.receivedTiff()).isEqualTo(rx);
    }

    @Test
    void withoutEventLockAQueuedHangupRunsInsideRxfaxAndCutsTheFax() throws IOException {
        // reference 1.7: mod_spandsp parses queued messages inside its loop unless event-lock is set
        CallRecord call = fs.dialInbound(InboundCallSpec.from("15550199").to("15551230000").document(doc));
        Path rx = dir.resolve("cut.tif");
        try (EslTestClient session = new EslTestClient(app.accept())) {
            session.command("connect");
            session.command("myevents");
            session.command("event plain CUSTOM spandsp::rxfaxresult");
            session.send("sendmsg\ncall-command: execute\nexecute-app-name: rxfax\nexecute-app-arg: " + rx + "\n\n");
            session.send("sendmsg\ncall-command: execute\nexecute-app-name: hangup\n\n");
            session.awaitEvent(f -> "CHANNEL_HANGUP_COMPLETE".equals(f.eventName()), Duration.ofSeconds(10));
            assertThat(SendFaxTest.find(session.allEvents, "spandsp::rxfaxresult"))
                    .containsEntry("fax-result-code", "49").containsEntry("fax-success", "0");
        }
        assertThat(call.awaitHangup(Duration.ofSeconds(5))).isEqualTo("NORMAL_CLEARING");
    }

    @Test
    void ringReadySleepAndPlaybackComplete() throws IOException {
        CallRecord call = fs.dialInbound(InboundCallSpec.from("15550199").to("15551230001").document(doc));
        try (EslTestClient session = new EslTestClient(app.accept())) {
            session.command("connect");
            session.command("myevents");
            long t0 = System.nanoTime();
            for (String[] a : new String[][] {{"ring_ready", ""}, {"sleep", "200"}, {"playback", "silence_stream://100"},
                    {"playback", "/no/such/file.wav"}, {"answer", ""}}) {
                session.send("sendmsg\ncall-command: execute\nexecute-app-name: " + a[0] + "\nexecute-app-arg: " + a[1]
                        + "\nevent-lock: true\n\n");
                assertThat(session.nextReply(Duration.ofSeconds(5)).reply()).isEqualTo("+OK");
            }
            session.awaitEvent(f -> "CHANNEL_EXECUTE_COMPLETE".equals(f.eventName()) && "answer".equals(f.event().get("Application")),
                    Duration.ofSeconds(5));
            assertThat(System.nanoTime() - t0).isGreaterThan(Duration.ofMillis(300).toNanos());
            List<Map<String, String>> done = session.allEvents.stream().map(EslTestClient.Frame::event)
                    .filter(e -> "CHANNEL_EXECUTE_COMPLETE".equals(e.get("Event-Name"))).toList();
            assertThat(done).extracting(e -> e.get("Application") + "=" + e.get("Application-Response"))
                    .containsExactly("ring_ready=_none_", "sleep=_none_", "playback=FILE PLAYED", "playback=PLAYBACK ERROR",
                            "answer=_none_");
            assertThat(EslTestClient.names(session.allEvents)).contains("CHANNEL_PROGRESS");
            assertThat(session.command("getvar sip_to_user").reply()).isEqualTo("15551230001");
            assertThat(session.command("getvar no_such_var").reply()).isEqualTo("-ERR command not found");
            session.send("sendmsg\ncall-command: hangup\nhangup-cause: CALL_REJECTED\n\n");
            assertThat(session.nextReply(Duration.ofSeconds(5)).reply()).isEqualTo("+OK");
        }
        assertThat(call.awaitHangup(Duration.ofSeconds(5))).isEqualTo("CALL_REJECTED");
    }

    @Test
    void respond404DisconnectsTheSocket() throws IOException {
        CallRecord call = fs.dialInbound(InboundCallSpec.from("15550199").to("15550404").document(doc));
        try (EslTestClient session = new EslTestClient(app.accept())) {
            String connect = session.command("connect").raw();
            assertThat(connect).startsWith("Event-Name: CHANNEL_DATA\n").contains("\nChannel-Caller-ID-Number: 15550199\n")
                    .contains("\nChannel-Name: sofia/external/15550199%40127.0.0.1\n")
                    .endsWith("\nContent-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n");
            session.send("sendmsg\ncall-command: execute\nexecute-app-name: respond\nexecute-app-arg: 404\n\n");
            assertThat(session.nextReply(Duration.ofSeconds(5)).reply()).isEqualTo("+OK");
            EslTestClient.Frame bye = session.nextReply(Duration.ofSeconds(5));
            assertThat(bye.raw()).isEqualTo("Content-Type: text/disconnect-notice\nControlled-Session-UUID: " + call.uuid()
                    + "\nContent-Disposition: disconnect\nContent-Length: 67\n\n" + EslSession.GOODBYE);
            assertThat(session.closedByPeer(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(call.awaitHangup(Duration.ofSeconds(5))).isEqualTo("UNALLOCATED_NUMBER");
    }

    @Test
    void loopbackRejectedByOurHandlerFailsTheOriginate() throws Exception {
        try (EslTestClient esl = EslTestClient.login(fs)) {
            esl.send("api originate sofia/gateway/loopback/15550486 &txfax(" + doc + ")\n\n");
            try (EslTestClient session = new EslTestClient(app.accept())) {
                session.command("connect");
                session.send("sendmsg\ncall-command: execute\nexecute-app-name: respond\nexecute-app-arg: 486\n\n");
                assertThat(esl.nextReply(Duration.ofSeconds(5)).body()).isEqualTo("-ERR USER_BUSY\n");
            }
        }
    }

    @Test
    void loopbackGatewayCarriesTheDocumentToOurOwnReceiver() throws Exception {
        String uuid = UUID.randomUUID().toString();
        Path rx = dir.resolve("loop.tif");
        try (EslTestClient esl = EslTestClient.login(fs)) {
            esl.command(SendFaxTest.SUBSCRIBE);
            esl.send("bgapi originate {origination_uuid=" + uuid + ",fax_ident=+15550100,origination_caller_id_number=15550100}"
                    + "sofia/gateway/loopback/15551230000 &txfax(" + doc + ")\n\n");
            esl.nextReply(Duration.ofSeconds(5));
            try (EslTestClient session = new EslTestClient(app.accept())) {
                List<EslTestClient.Frame> bEvents = receive(session, rx, UUID.randomUUID().toString());
                assertThat(SendFaxTest.find(bEvents, "spandsp::rxfaxresult")).containsEntry("fax-success", "1")
                        .containsEntry("fax-remote-station-id", "+15550100").containsEntry("fax-document-transferred-pages", "3");
                assertThat(SendFaxTest.find(bEvents, "CHANNEL_EXECUTE_COMPLETE")).containsEntry("Caller-Destination-Number", "15551230000");
            }
            esl.awaitEvent(f -> "CHANNEL_DESTROY".equals(f.eventName()) && uuid.equals(f.event().get("Unique-ID")), Duration.ofSeconds(10));
            Map<String, String> tx = SendFaxTest.find(esl.allEvents, "spandsp::txfaxresult", uuid);
            assertThat(tx).containsEntry("fax-success", "1").containsEntry("fax-remote-station-id", "+15551230000")
                    .containsEntry("fax-document-transferred-pages", "3").containsEntry("Answer-State", "hangup");
            // the receiver finishes and hangs up first (capture note 9)
            List<String> all = EslTestClient.names(esl.allEvents);
            assertThat(all.indexOf("spandsp::txfaxresult")).isGreaterThan(all.indexOf("CHANNEL_HANGUP"));
        }
        assertThat(TestFaxDocuments.pageCount(rx)).isEqualTo(3);
    }
}

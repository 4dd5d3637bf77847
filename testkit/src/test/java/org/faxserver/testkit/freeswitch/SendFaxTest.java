package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bgapi originate ... &txfax(3-page TIFF) through the real T.30 engine, as capture send-g711/send-t38. */
class SendFaxTest {

    static final String SUBSCRIBE = "event plain BACKGROUND_JOB CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_EXECUTE "
            + "CHANNEL_EXECUTE_COMPLETE CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE CHANNEL_DESTROY CUSTOM "
            + "spandsp::txfaxresult spandsp::txfaxpageresult spandsp::txfaxnegociateresult";

    @TempDir
    static Path dir;
    static Path doc;
    static FreeSwitchStandIn fs;

    @BeforeAll
    static void start() {
        doc = TestFaxDocuments.create(dir.resolve("doc3.tif"), 3);
        fs = FreeSwitchStandIn.start(StandInConfig.defaults().withWorkDir(dir));
        fs.scenario("1712", Scenario.success().withRemoteV17(false));
    }

    @AfterAll
    static void stop() {
        fs.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // label,      vars,                                                     number, rate,  ecm, t38
        "ECM,          'fax_use_ecm=true,fax_enable_t38=false',                    1711,   14400, on,  off",
        "no ECM,       'fax_use_ecm=false,fax_enable_t38=false',                   1711,   14400, off, off",
        "V.17 off,     'fax_use_ecm=true,fax_disable_v17=true,fax_enable_t38=false', 1711, 9600,  on,  off",
        "remote V.29,  'fax_use_ecm=true,fax_enable_t38=false',                    1712,   9600,  on,  off",
        "T.38,         'fax_use_ecm=true,fax_enable_t38=true,fax_enable_t38_request=true', 1234, 14400, on, negotiated",
    })
    void threePagesArriveAtTheRemoteSide(String label, String vars, String number, String rate, String ecm, String t38) {
        String uuid = UUID.randomUUID().toString();
        String job = UUID.randomUUID().toString();
        try (EslTestClient c = EslTestClient.login(fs)) {
            c.command(SUBSCRIBE);
            c.send("bgapi originate {origination_uuid=" + uuid + ",fax_ident=+15550100,fax_header=ACME\\, Inc.," + vars
                    + ",origination_caller_id_number=15550100}sofia/gateway/gw1/" + number + " &txfax(" + doc + ")\nJob-UUID: " + job + "\n\n");
            assertThat(c.nextReply(Duration.ofSeconds(5)).reply()).isEqualTo("+OK Job-UUID: " + job);
            c.awaitEvent(f -> "CHANNEL_DESTROY".equals(f.eventName()), Duration.ofSeconds(20));

            List<EslTestClient.Frame> events = c.allEvents;
            List<String> order = EslTestClient.namesFor(events, uuid);
            // the A-leg order of the captures: HANGUP (remote hung up) comes before txfaxresult
            assertThat(order).containsExactly("CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_EXECUTE",
                    "spandsp::txfaxnegociateresult", "spandsp::txfaxpageresult", "spandsp::txfaxpageresult",
                    "spandsp::txfaxpageresult", "CHANNEL_HANGUP", "spandsp::txfaxresult", "CHANNEL_EXECUTE_COMPLETE",
                    "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY");
            List<String> all = EslTestClient.names(events);
            assertThat(all.indexOf("BACKGROUND_JOB")).isBetween(all.indexOf("CHANNEL_ANSWER") + 1, all.indexOf("CHANNEL_EXECUTE"));
            EslTestClient.Frame bg = events.get(all.indexOf("BACKGROUND_JOB"));
            assertThat(bg.event()).containsEntry("Job-UUID", job).containsEntry("_body", "+OK " + uuid + "\n");

            Map<String, String> neg = find(events, "spandsp::txfaxnegociateresult");
            assertThat(neg).containsEntry("fax-transfer-rate", rate).containsEntry("fax-ecm-used", ecm)
                    .containsEntry("fax-t38-status", t38).containsEntry("fax-local-station-id", "+15550100")
                    .containsEntry("fax-remote-station-id", "+15550200").containsEntry("fax-document-total-pages", "0")
                    .doesNotContainKey("fax-remote-vendor");
            Map<String, String> page = find(events, "spandsp::txfaxpageresult");
            assertThat(page).containsEntry("fax-document-transferred-pages", "1").containsEntry("fax-document-total-pages", "3")
                    .containsEntry("fax-image-resolution", "8040x7700").containsEntry("fax-file-image-resolution", "8031x7716")
                    .containsEntry("fax-image-pixel-size", "1728x2292").containsEntry("uuid", uuid);
            Map<String, String> result = find(events, "spandsp::txfaxresult");
            assertThat(result).containsEntry("fax-success", "1").containsEntry("fax-result-code", "0")
                    .containsEntry("fax-result-text", "OK").containsEntry("fax-document-transferred-pages", "3")
                    .containsEntry("fax-transfer-rate", rate).containsEntry("Answer-State", "hangup")
                    .containsEntry("Hangup-Cause", "NORMAL_CLEARING").doesNotContainKey("uuid");
            Map<String, String> complete = find(events, "CHANNEL_EXECUTE_COMPLETE");
            assertThat(complete).containsEntry("Application", "txfax").containsEntry("Application-Response", "_none_")
                    .containsEntry("variable_fax_success", "1").containsEntry("variable_fax_result_code", "0")
                    .containsEntry("variable_fax_header", "ACME, Inc.").containsEntry("variable_fax_ident", "+15550100");
            EslTestClient.Frame hc = events.get(all.lastIndexOf("CHANNEL_HANGUP_COMPLETE"));
            assertThat(hc.eventHeaderNames().stream().filter("Hangup-Cause"::equals)).hasSize(2);
            assertThat(hc.event()).containsEntry("variable_fax_document_transferred_pages", "3");
            // FreeSWITCH drops empty values when adding headers: no "Name: " lines, no _undef_
            assertThat(events).allSatisfy(f -> assertThat(f.body()).doesNotContain(": \n").doesNotContain("_undef_"));
            if ("negotiated".equals(t38)) {
                assertThat(complete).containsEntry("variable_has_t38", "true");
            }
        }
        assertThat(TestFaxDocuments.pageCount(fs.receivedTiff(uuid))).isEqualTo(3);
        assertThat(fs.call(uuid).remoteResult()).containsEntry("code", "0").containsEntry("pages", "3");
        assertThat(fs.call(uuid).variables()).containsEntry("origination_caller_id_number", "15550100");
    }

    static Map<String, String> find(List<EslTestClient.Frame> events, String name) {
        return events.stream().filter(f -> name.equals(f.eventName())).findFirst().orElseThrow().event();
    }

    /** The first event with this name for this channel (other tests' calls may still be running). */
    static Map<String, String> find(List<EslTestClient.Frame> events, String name, String uuid) {
        return events.stream().filter(f -> name.equals(f.eventName()) && uuid.equals(f.event().get("Unique-ID")))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not seen for " + uuid)).event();
    }
}

package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** mod_db through "api db ...", compared with the bodies of capture inbound-basics. */
class ModDbTest {

    static FreeSwitchStandIn fs;
    static EslTestClient client;

    @BeforeAll
    static void start() {
        fs = FreeSwitchStandIn.start(StandInConfig.defaults());
        client = EslTestClient.login(fs);
    }

    @AfterAll
    static void stop() {
        client.close();
        fs.close();
    }

    @Test
    void insertSelectExistsListDeleteLikeFreeSwitch() {
        assertThat(client.command("api db insert/fallback/15551234567/1732600000").raw())
                .isEqualTo("Content-Type: api/response\nContent-Length: 3\n\n+OK");
        assertThat(client.api("db select/fallback/15551234567")).isEqualTo("1732600000");
        assertThat(client.api("db exists/fallback/15551234567")).isEqualTo("true");
        assertThat(client.api("db list/fallback")).isEqualTo("15551234567");
        assertThat(client.command("api db select/fallback/nokey").raw())
                .isEqualTo("Content-Type: api/response\nContent-Length: 14\n\n-ERR no reply\n");
        assertThat(client.api("db delete/fallback/15551234567")).isEqualTo("+OK");
        assertThat(client.api("db exists/fallback/15551234567")).isEqualTo("false");
        assertThat(client.api("db list/override-15550000000")).isEqualTo("-ERR no reply\n");
        assertThat(fs.db()).doesNotContainKey("fallback");
    }

    @Test
    void insertIsAnUpsertAndTheValueKeepsSlashes() {
        client.api("db insert/r1/k/first");
        client.api("db insert/r1/k/second/with/slashes");
        assertThat(client.api("db select/r1/k")).isEqualTo("second/with/slashes");
        assertThat(client.api("db count/r1")).isEqualTo("1");
        assertThat(fs.db().get("r1")).containsEntry("k", "second/with/slashes");
    }

    @Test
    void quotesAndBackslashesAreStrippedAndLongValuesTruncated() {
        client.api("db insert/r2/k/it's\\x");
        assertThat(client.api("db select/r2/k")).isEqualTo("itsx");
        client.api("db insert/r2/long/" + "v".repeat(300));
        assertThat(client.api("db select/r2/long")).hasSize(255);
    }

    @Test
    void alternativeDelimiterAndBadSyntax() {
        assertThat(client.api("db ^^:insert:r3:k:a/b")).isEqualTo("+OK");
        assertThat(client.api("db select/r3/k")).isEqualTo("a/b");
        assertThat(client.api("db insert/r3")).isEqualTo("!err!\n");
    }
}

package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginateCommandTest {

    @Test
    void parsesVariablesGatewayNumberAndApplication() {
        OriginateCommand c = OriginateCommand.parse("{origination_uuid=abc,fax_ident=+15550100,fax_use_ecm=true}"
                + "sofia/gateway/gw1/15551234 &txfax(/var/spool/fax/out/a.tif)");
        assertThat(c.variables()).containsExactly(
                java.util.Map.entry("origination_uuid", "abc"), java.util.Map.entry("fax_ident", "+15550100"),
                java.util.Map.entry("fax_use_ecm", "true"));
        assertThat(c.gateway()).isEqualTo("gw1");
        assertThat(c.number()).isEqualTo("15551234");
        assertThat(c.application()).isEqualTo("txfax");
        assertThat(c.applicationArg()).isEqualTo("/var/spool/fax/out/a.tif");
        assertThat(c.endpoint()).isEqualTo("sofia/gateway/gw1/15551234");
    }

    @Test
    void escapedCommasStayInsideTheValue() {
        // FreeSWITCH's {} parser splits on ',' but not on '\,', which it unescapes
        OriginateCommand c = OriginateCommand.parse("{fax_header=ACME\\, Inc.\\, Sales,fax_ident=1}sofia/gateway/g/1 &txfax(/x.tif)");
        assertThat(c.variables()).containsEntry("fax_header", "ACME, Inc., Sales").containsEntry("fax_ident", "1").hasSize(2);
    }

    @Test
    void quotedValuesMayContainSpacesAndCommas() {
        OriginateCommand c = OriginateCommand.parse("{fax_header='ACME Corp, Sales',x=y}sofia/gateway/g/555 &txfax(/x.tif)");
        assertThat(c.variables()).containsEntry("fax_header", "ACME Corp, Sales").containsEntry("x", "y");
        assertThat(c.number()).isEqualTo("555");
    }

    @Test
    void extensionInsteadOfApplication() {
        OriginateCommand c = OriginateCommand.parse("sofia/gateway/g/555 9999 XML default");
        assertThat(c.application()).isNull();
        assertThat(c.applicationArg()).isEqualTo("9999");
        assertThat(c.variables()).isEmpty();
    }

    @Test
    void missingApplicationIsAUsageError() {
        assertThatThrownBy(() -> OriginateCommand.parse("{a=b}sofia/gateway/g/555")).hasMessageStartingWith("-USAGE");
    }
}

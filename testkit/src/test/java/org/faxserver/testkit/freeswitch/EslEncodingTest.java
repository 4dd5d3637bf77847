package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EslEncodingTest {

    @Test
    void valuesWithNothingToEscapeAreReturnedAsTheyAre() {
        String value = "sofia/gateway/gw1/15551234";
        assertThat(EslEncoding.urlEncode(value)).isSameAs(value);
    }

    @Test
    void unsafeAndNonAsciiCharactersArePercentEncodedAsUtf8Bytes() {
        assertThat(EslEncoding.urlEncode("Fri, 06 Dec 2026 03:29:34 GMT"))
                .isEqualTo("Fri,%2006%20Dec%202026%2003%3A29%3A34%20GMT");
        assertThat(EslEncoding.urlEncode("a+b=c&d\r\n")).isEqualTo("a%2Bb%3Dc%26d%0D%0A");
        assertThat(EslEncoding.urlEncode("Müller")).isEqualTo("M%C3%BCller");
    }

    @Test
    void anExistingPercentEscapeIsKeptButALonePercentIsEncoded() {
        assertThat(EslEncoding.urlEncode("100%25 done")).isEqualTo("100%25%20done");
        assertThat(EslEncoding.urlEncode("100% done")).isEqualTo("100%25%20done");
    }

    @Test
    void encodingThenDecodingGivesTheValueBack() {
        String value = "{origination_uuid=abc,fax_header=ACME Inc. | Sales}sofia/gateway/gw1/+1555 &txfax(/x.tif)";
        assertThat(EslEncoding.urlDecode(EslEncoding.urlEncode(value))).isEqualTo(value);
    }
}

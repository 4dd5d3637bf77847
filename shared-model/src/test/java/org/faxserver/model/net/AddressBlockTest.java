package org.faxserver.model.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBlockTest {

  private static AddressBlock block(String text) {
    return AddressBlock.parse(text).orElseThrow();
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      "10.0.0.12,        10.0.0.12,        true",
      "10.0.0.12,        10.0.0.1,         false",
      "10.0.0.1,         10.0.0.12,        false",
      "10.0.0.0/24,      10.0.0.255,       true",
      "10.0.0.0/24,      10.0.1.0,         false",
      "10.0.0.0/23,      10.0.1.200,       true",
      "10.0.0.0/25,      10.0.0.128,       false",
      "0.0.0.0/0,        198.51.100.7,     true",
      "2001:db8::/32,    2001:db8:ffff::1, true",
      "2001:db8::/32,    2001:db9::1,      false",
      "2001:db8::1,      2001:0db8:0:0:0:0:0:1, true",
      "::/0,             10.0.0.1,         false",
      "0.0.0.0/0,        2001:db8::1,      false",
      "10.0.0.0/8,       ::ffff:10.1.2.3,  true",
  })
  void cidrMatchIsExactNotSubstring(String block, String address, boolean contained) {
    assertThat(block(block).contains(ip(address))).isEqualTo(contained);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "pbx.example.com", "10.0.0", "10.0.0.256", "010.0.0.1",
      "10.0.0.1/33", "10.0.0.1/-1", "10.0.0.1/", "2001:db8::/129", "pbx:10.0.0.12", "1:2", ".:", "..::1"})
  void malformedBlocksAreRefused(String text) {
    assertThat(AddressBlock.parse(text)).isEmpty();
  }

  @Test
  void hostBitsBelowThePrefixAreIgnored() {
    assertThat(block("10.0.0.77/24")).isEqualTo(block("10.0.0.0/24"));
    assertThat(block("10.0.0.77/24")).hasToString("10.0.0.0/24");
  }

  @Test
  void bracketedAndZonedIpv6AddressesParse() {
    assertThat(IpAddress.parse("[2001:db8::1]")).contains(ip("2001:db8::1"));
    assertThat(IpAddress.parse("fe80::1%eth0")).contains(ip("fe80::1"));
  }
}

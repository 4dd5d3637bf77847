package org.faxserver.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRulesTest {

  @Test
  void theSignatureIsHmacSha256OverTimestampDotBody() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    // Reference value: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    assertThat(WebhookSignature.sign("secret", 1_700_000_000L, body))
        .isEqualTo("v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    assertThat(WebhookSignature.verify("secret", 1_700_000_000L, body, WebhookSignature.sign("secret", 1_700_000_000L, body)))
        .isTrue();
    assertThat(WebhookSignature.verify("other", 1_700_000_000L, body, WebhookSignature.sign("secret", 1_700_000_000L, body)))
        .isFalse();
    assertThat(WebhookSignature.verify("secret", 1_700_000_001L, body, WebhookSignature.sign("secret", 1_700_000_000L, body)))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void timeoutsThrottlingAndServerErrorsAreRetried(int status) {
    assertThat(HttpStatusRule.judge(status).retryable()).isTrue();
    assertThat(HttpStatusRule.judge(status).httpStatus()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 400, 401, 403, 404, 410, 422})
  void otherStatusesArePermanent(int status) {
    assertThat(HttpStatusRule.judge(status).success()).isFalse();
    assertThat(HttpStatusRule.judge(status).retryable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204})
  void twoHundredsAreDelivered(int status) {
    assertThat(HttpStatusRule.judge(status).success()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
      "0.0.0.0", "::1", "fe80::1", "fd00::1", "224.0.0.1", "198.18.0.1", "192.0.0.8"})
  void privateAddressesAreRefused(String address) throws Exception {
    TargetAddressPolicy policy = new TargetAddressPolicy(true);
    assertThat(policy.refusal("h", List.of(InetAddress.getByName(address)))).isPresent();
    assertThat(new TargetAddressPolicy(false).refusal("h", List.of(InetAddress.getByName(address)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a9fe:a9fe",
      "2002:0a00:0001::1"})
  void anIpv6AddressCarryingAPrivateIpv4OneIsRefused(String address) throws Exception {
    assertThat(new TargetAddressPolicy(true).refusal("h", List.of(v6(address)))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1"})
  void anIpv6AddressCarryingAPublicIpv4OneIsNot(String address) throws Exception {
    assertThat(new TargetAddressPolicy(true).refusal("h", List.of(v6(address)))).isEmpty();
  }

  /** As an Inet6Address even when IPv4-mapped: the JDK parses ::ffff:a.b.c.d into an Inet4Address, an answer need not. */
  private static Inet6Address v6(String address) throws Exception {
    byte[] b = InetAddress.getByName(address).getAddress();
    if (b.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(b, 0, mapped, 12, 4);
      b = mapped;
    }
    return Inet6Address.getByAddress(null, b, -1);
  }

  @Test
  void publicAddressesPassButOnePrivateAnswerRefusesTheHost() throws Exception {
    TargetAddressPolicy policy = new TargetAddressPolicy(true);
    InetAddress pub = InetAddress.getByName("93.184.216.34");
    assertThat(policy.refusal("h", List.of(pub, InetAddress.getByName("2606:2800:220:1::1")))).isEmpty();
    assertThat(policy.refusal("h", List.of(pub, InetAddress.getByName("10.0.0.1")))).isPresent();
    assertThat(policy.refusal("h", List.of())).isPresent();
  }
}

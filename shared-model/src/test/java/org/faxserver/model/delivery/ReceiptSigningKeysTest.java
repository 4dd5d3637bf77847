package org.faxserver.model.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ReceiptSigningKeysTest {

  @Test
  void theKeyIsTheDocumentedHmacOfTheTenantId() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("server-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(
        mac.doFinal("faxserver receipt signing key v1:42".getBytes(StandardCharsets.UTF_8)));

    assertThat(ReceiptSigningKeys.forTenant("server-secret", "42")).isEqualTo(expected).hasSize(64);
  }

  @Test
  void tenantsGetDifferentKeysAndANewServerSecretChangesThemAll() {
    String one = ReceiptSigningKeys.forTenant("server-secret", "1");

    assertThat(ReceiptSigningKeys.forTenant("server-secret", "1")).isEqualTo(one);
    assertThat(ReceiptSigningKeys.forTenant("server-secret", "2")).isNotEqualTo(one);
    assertThat(ReceiptSigningKeys.forTenant("rotated-secret", "1")).isNotEqualTo(one);
  }

  @Test
  void thereIsNoKeyWithoutASecretOrATenant() {
    assertThatThrownBy(() -> ReceiptSigningKeys.forTenant(" ", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReceiptSigningKeys.forTenant("s", null)).isInstanceOf(IllegalArgumentException.class);
  }
}

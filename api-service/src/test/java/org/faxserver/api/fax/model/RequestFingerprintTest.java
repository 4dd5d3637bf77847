package org.faxserver.api.fax.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.faxserver.model.PhoneNumber;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {
    private static final List<byte[]> FILES = List.of(new byte[] {1, 2}, new byte[] {3});

    private static SendRequest request(String to, String header, Map<String, String> labels) {
        return new SendRequest(PhoneNumber.ofE164("+12125550100"), "from", PhoneNumber.ofE164(to), header, null,
                labels, "key-1");
    }

    @Test
    void theSameRequestHasTheSameFingerprint() {
        assertThat(RequestFingerprint.of(request("+12125550199", "h", Map.of("a", "1", "b", "2")), FILES))
                .isEqualTo(RequestFingerprint.of(request("+12125550199", "h", Map.of("b", "2", "a", "1")), FILES))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anyDifferenceChangesIt() {
        String base = RequestFingerprint.of(request("+12125550199", "h", Map.of()), FILES);
        assertThat(RequestFingerprint.of(request("+12125550198", "h", Map.of()), FILES)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(request("+12125550199", null, Map.of()), FILES)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(request("+12125550199", "h", Map.of("a", "")), FILES)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(request("+12125550199", "h", Map.of()), List.of(FILES.get(1), FILES.get(0))))
                .isNotEqualTo(base);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // Without length prefixes "ab" + "" and "a" + "b" would hash alike.
        assertThat(RequestFingerprint.of(request("+12125550199", "ab", Map.of()), FILES))
                .isNotEqualTo(RequestFingerprint.of(request("+12125550199", "a", Map.of("b", "")), FILES));
    }
}

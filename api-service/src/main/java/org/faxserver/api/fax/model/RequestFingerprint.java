package org.faxserver.api.fax.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a send request in normalised form (numbers in E.164, labels sorted, the SHA-256 of each
 * file in order), stored with the Idempotency-Key: a retry of the same request matches whatever the
 * field order, spelling of the numbers or multipart boundaries, while any other body does not.
 * Every item is length-prefixed, so no two different requests can share an encoding.
 */
public final class RequestFingerprint {
    private static final String VERSION = "fax-send/1";

    private RequestFingerprint() {
    }

    public static String of(SendRequest request, List<byte[]> fileDigests) {
        MessageDigest sha = sha256();
        add(sha, VERSION);
        add(sha, request.from().e164());
        add(sha, request.to().e164());
        add(sha, request.header());
        add(sha, request.ident());
        Map<String, String> sorted = new TreeMap<>(request.labels());
        add(sha, String.valueOf(sorted.size()));
        sorted.forEach((k, v) -> {
            add(sha, k);
            add(sha, v);
        });
        add(sha, String.valueOf(fileDigests.size()));
        fileDigests.forEach(d -> add(sha, HexFormat.of().formatHex(d)));
        return HexFormat.of().formatHex(sha.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static void add(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(String.valueOf(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }
}

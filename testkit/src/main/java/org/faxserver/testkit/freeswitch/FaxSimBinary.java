package org.faxserver.testkit.freeswitch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Locates or builds the native T.30 helper. The C source ships inside the testkit jar; on first
 * use it is compiled with gcc against libspandsp into {@code java.io.tmpdir/faxserver-faxsim/<hash>/},
 * so any module (and CI) gets it from a clean clone. System property {@code faxsim.binary}
 * points to a prebuilt binary instead.
 */
public final class FaxSimBinary {

    static final String RESOURCE = "/org/faxserver/testkit/freeswitch/native/faxsim.c";
    private static Path cached;

    private FaxSimBinary() {
    }

    /** The helper's path, compiling it if needed; fails with install instructions if gcc/libspandsp are missing. */
    public static synchronized Path path() {
        if (cached != null) {
            return cached;
        }
        String override = System.getProperty("faxsim.binary");
        if (override != null && !override.isBlank()) {
            return cached = Paths.get(override);
        }
        try {
            byte[] source = source();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source)).substring(0, 16);
            Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "faxserver-faxsim", hash);
            Path bin = dir.resolve("faxsim");
            if (!Files.isExecutable(bin)) {
                compile(source, dir, bin);
            }
            return cached = bin;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the faxsim helper: " + e.getMessage(), e);
        }
    }

    private static byte[] source() throws IOException {
        try (InputStream in = FaxSimBinary.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        // Running from the module's own sources (e.g. an IDE without the resources step).
        Path src = Paths.get("src/main/c/faxsim.c");
        if (Files.exists(src)) {
            return Files.readAllBytes(src);
        }
        throw new IOException("faxsim.c not found on the classpath (" + RESOURCE + ")");
    }

    private static void compile(byte[] source, Path dir, Path bin) throws IOException {
        Files.createDirectories(dir);
        Path c = dir.resolve("faxsim.c");
        Files.write(c, source);
        Path tmp = dir.resolve("faxsim." + ProcessHandle.current().pid() + ".tmp");
        ProcessBuilder pb = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", tmp.toString(), c.toString(),
                "-lspandsp", "-ltiff", "-lm").redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("gcc not found; install it: apt-get install -y gcc libspandsp-dev libtiff-dev", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                if (out.contains("spandsp.h") || out.contains("-lspandsp") || out.contains("tiffio.h")) {
                    throw new IllegalStateException("libspandsp-dev is not installed; the FreeSWITCH stand-in needs the "
                            + "real spandsp T.30 engine: apt-get install -y gcc libspandsp-dev libtiff-dev\n" + out);
                }
                throw new IllegalStateException("compiling faxsim failed (need gcc libspandsp-dev libtiff-dev):\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling faxsim", e);
        }
        Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

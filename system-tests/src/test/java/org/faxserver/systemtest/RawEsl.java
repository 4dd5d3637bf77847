package org.faxserver.systemtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A one-shot Event Socket client: auth, one {@code api} command, its body. For mod_db set-up as ops do it. */
final class RawEsl {

  private RawEsl() {}

  static String api(String host, int port, String password, String command) {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      readFrame(in); // auth/request
      out.write(("auth " + password + "\n\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Frame auth = readFrame(in);
      if (!auth.headers.getOrDefault("Reply-Text", "").startsWith("+OK")) {
        throw new IllegalStateException("ESL auth failed: " + auth.headers);
      }
      out.write(("api " + command + "\n\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Frame reply = readFrame(in);
      while (!"api/response".equals(reply.headers.get("Content-Type"))) {
        reply = readFrame(in);
      }
      return reply.body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Frame(Map<String, String> headers, String body) {}

  private static Frame readFrame(InputStream in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    while (true) {
      String line = readLine(in);
      if (line.isEmpty()) {
        if (headers.isEmpty()) {
          continue;
        }
        break;
      }
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    String body = "";
    if (headers.containsKey("Content-Length")) {
      byte[] b = in.readNBytes(Integer.parseInt(headers.get("Content-Length")));
      body = new String(b, StandardCharsets.UTF_8);
    }
    return new Frame(headers, body);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      b.write(c);
    }
    if (c == -1 && b.size() == 0) {
      throw new IOException("ESL connection closed");
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}

package org.faxserver.esl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The FreeSWITCH side of a real loopback socket, written with blocking java.net so it shares no
 * code with the library under test: reads commands the way mod_event_socket does (up to the first
 * blank line, then {@code content-length} bytes) and writes raw frames.
 */
final class EslTestPeer implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  EslTestPeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5000);
    socket.setTcpNoDelay(true);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static EslTestPeer connect(InetSocketAddress addr) throws IOException {
    return new EslTestPeer(new Socket(addr.getAddress(), addr.getPort()));
  }

  static EslTestPeer accept(ServerSocket server) throws IOException {
    return new EslTestPeer(server.accept());
  }

  /** Reads one complete command; fails on timeout or EOF. */
  String readCommand() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int prev = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF while reading a command; got so far: " + buf);
      }
      if (b == '\n' && prev == '\n') {
        buf.write(b);
        break;
      }
      if (b == '\n' && buf.size() == 0) {
        continue; // leading newlines are skipped, like FreeSWITCH does
      }
      buf.write(b);
      prev = b;
    }
    String head = buf.toString(StandardCharsets.UTF_8);
    String len = header(head, "content-length");
    if (len != null) {
      head += new String(in.readNBytes(Integer.parseInt(len)), StandardCharsets.UTF_8);
    }
    return head;
  }

  /** Returns the first line of a command. */
  static String line(String command) {
    return command.substring(0, command.indexOf('\n'));
  }

  /** Returns a header of a command (case-insensitive), or null. */
  static String header(String command, String name) {
    for (String l : command.split("\n")) {
      int c = l.indexOf(':');
      if (c > 0 && l.substring(0, c).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return l.substring(c + 1).strip();
      }
    }
    return null;
  }

  void send(String s) throws IOException {
    send(s.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }

  void reply(String text) throws IOException {
    send("Content-Type: command/reply\nReply-Text: " + text + "\n\n");
  }

  void apiResponse(String body) throws IOException {
    send("Content-Type: api/response\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body);
  }

  /** Sends a text/event-plain frame around an already serialized (URL-encoded) event. */
  void event(String serialized) throws IOException {
    send("Content-Length: " + serialized.getBytes(StandardCharsets.UTF_8).length
        + "\nContent-Type: text/event-plain\n\n" + serialized);
  }

  /** Returns true if the other side closes the socket within the read timeout. */
  boolean awaitEof() throws IOException {
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset counts as closed
    }
  }

  /**
   * Reads until the other side closes and returns everything received meanwhile; fails with
   * {@link SocketTimeoutException} if it stays open for the read timeout.
   */
  String readUntilEof() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        buf.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      // connection reset counts as closed
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  void soTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

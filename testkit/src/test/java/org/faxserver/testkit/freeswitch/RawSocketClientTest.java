package org.faxserver.testkit.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the stand-in with raw socket bytes only, as a non-Java client would: no helper classes,
 * frames are read by hand (header block up to "\n\n", then exactly Content-Length bytes).
 */
class RawSocketClientTest {

    @TempDir
    Path dir;

    @Test
    void authBgapiOriginateAndReadFramesByHand() throws IOException {
        Path doc = TestFaxDocuments.create(dir.resolve("doc.tif"), 3);
        String job = "0f0e0d0c-0b0a-4009-8807-060504030201";
        String uuid = "11111111-2222-4333-8444-555555555555";
        try (FreeSwitchStandIn fs = FreeSwitchStandIn.start(StandInConfig.defaults().withWorkDir(dir));
             Socket s = new Socket(fs.host(), fs.port())) {
            s.setSoTimeout(20_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            assertThat(readFrame(in)).isEqualTo("Content-Type: auth/request\n\n");
            out.write("auth ClueCon\n\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readFrame(in)).isEqualTo("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
            out.write("event plain BACKGROUND_JOB CUSTOM spandsp::txfaxresult\n\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readFrame(in)).isEqualTo("Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n");
            // CRLF line ends are accepted too (FreeSWITCH ignores CR)
            out.write(("bgapi originate {origination_uuid=" + uuid + ",fax_ident=+15550100}sofia/gateway/gw/15557777 &txfax("
                    + doc + ")\r\nJob-UUID: " + job + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readFrame(in)).isEqualTo("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job
                    + "\nJob-UUID: " + job + "\n\n");

            String bg = readFrame(in);
            assertThat(bg).startsWith("Content-Length: ").contains("\nContent-Type: text/event-plain\n\nEvent-Name: BACKGROUND_JOB\n")
                    .contains("\nJob-UUID: " + job + "\nJob-Command: originate\nJob-Command-Arg: %7Borigination_uuid%3D" + uuid
                            + ",fax_ident%3D%2B15550100%7Dsofia/gateway/gw/15557777%20%26txfax(" + doc + ")\n")
                    .endsWith("\nContent-Length: 41\n\n+OK " + uuid + "\n");

            String result = readFrame(in);
            assertThat(result).contains("\n\nEvent-Subclass: spandsp%3A%3Atxfaxresult\nEvent-Name: CUSTOM\n")
                    .contains("\nUnique-ID: " + uuid + "\n").contains("\nfax-success: 1\n")
                    .contains("\nfax-document-transferred-pages: 3\n").contains("\nfax-local-station-id: %2B15550100\n")
                    .endsWith("\n\n");
            out.write("exit\n\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readFrame(in)).isEqualTo("Content-Type: command/reply\nReply-Text: +OK bye\n\n");
            assertThat(readFrame(in)).endsWith("\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** One frame: bytes up to the first blank line, plus Content-Length bytes if that header is present. */
    private static String readFrame(DataInputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int last = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF inside a frame");
            }
            buf.write(b);
            if (b == '\n' && last == '\n') {
                break;
            }
            last = b;
        }
        String head = buf.toString(StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(List.of(head.split("\n")));
        for (String line : lines) {
            if (line.startsWith("Content-Length: ")) {
                byte[] body = new byte[Integer.parseInt(line.substring(16).trim())];
                in.readFully(body);
                return head + new String(body, StandardCharsets.UTF_8);
            }
        }
        return head;
    }
}

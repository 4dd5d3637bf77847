package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

  @Test
  void recognisesEachSupportedFormatByItsLeadingBytes() {
    BufferedImage picture = DocumentFixtures.picture(64, 64, BufferedImage.TYPE_INT_RGB);

    assertThat(DocumentType.detect(DocumentFixtures.a4Pdf(1))).contains(DocumentType.PDF);
    assertThat(DocumentType.detect(DocumentFixtures.png(picture))).contains(DocumentType.PNG);
    assertThat(DocumentType.detect(DocumentFixtures.jpeg(picture))).contains(DocumentType.JPEG);
    assertThat(DocumentType.detect(DocumentFixtures.tiff(List.of(picture), null, 72, 72))).contains(DocumentType.TIFF);
    assertThat(DocumentType.detect(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8})).contains(DocumentType.TIFF);
  }

  @Test
  void findsAPdfHeaderAfterLeadingJunk() {
    byte[] junkThenPdf = ("\uFEFFjunk from a mail gateway\n%PDF-1.4\n").getBytes();

    assertThat(DocumentType.detect(junkThenPdf)).contains(DocumentType.PDF);
  }

  @Test
  void rejectsEverythingElse() {
    assertThat(DocumentType.detect(DocumentFixtures.randomBytes(2048))).isEmpty();
    assertThat(DocumentType.detect("GIF89a....".getBytes())).isEmpty();
    assertThat(DocumentType.detect(new byte[] {'I', 'I', 43, 0})).as("BigTIFF").isEmpty();
    assertThat(DocumentType.detect(new byte[0])).isEmpty();
  }
}

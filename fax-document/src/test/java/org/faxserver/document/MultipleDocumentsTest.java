package org.faxserver.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipleDocumentsTest {

  private final FaxDocumentConverter converter = new FaxDocumentConverter();

  @Test
  void documentsBecomeOneFaxInTheOrderGiven(@TempDir Path dir) throws IOException {
    byte[] shortPng = DocumentFixtures.png(DocumentFixtures.picture(1728, 500, BufferedImage.TYPE_INT_RGB));
    Path pdfFile = Files.write(dir.resolve("upload-1"), DocumentFixtures.a4Pdf(2));
    byte[] a5Pdf = DocumentFixtures.textPdf(1, PDRectangle.A5);

    ConversionResult.Converted result = converter.convert(
        List.of(DocumentSource.of(shortPng), DocumentSource.of(pdfFile), DocumentSource.of(a5Pdf))).orElseThrow();

    List<TiffPage> pages = TiffInfo.read(result.tiff()).pages();
    assertThat(result.pages()).isEqualTo(4);
    assertThat(pages).extracting(TiffPage::height).containsExactly(480, 2292, 2292, 1621);
    assertThat(pages).extracting(TiffPage::pageNumber).containsExactly(0, 1, 2, 3);
  }
}

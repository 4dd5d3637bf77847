package org.faxserver.document.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faxserver.document.ConversionLimits;
import org.faxserver.document.ConversionOptions;
import org.faxserver.document.DocumentFixtures;
import org.faxserver.document.DocumentSource;
import org.faxserver.document.FaxDocumentConverter;
import org.faxserver.document.FaxEncoding;
import org.faxserver.document.TiffInfo;

/**
 * PDF → TIFF-F throughput of {@link FaxDocumentConverter} against the seed's Ghostscript command,
 * on the same PDF in the same run. Not a test: run it as a main class (see docs/BENCHMARKS.md).
 *
 * <p>Arguments: {@code [runs] [pdf|-] [pages]}; without a PDF ("-"), an A4 text PDF of {@code pages}
 * pages (default 10; heading, 40 lines and a frame per page) is generated. Each converter gets warm-up runs first (JIT, PDFBox font cache;
 * for gs the page cache of its binary), then {@code runs} timed runs; the median is reported.
 */
public final class ConversionBenchmark {

  private static final int WARMUP = 10;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int generatedPages = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path work = Files.createTempDirectory("fax-bench");
    Path pdf = args.length > 1 && !args[1].equals("-")
        ? Path.of(args[1])
        : Files.write(work.resolve("bench.pdf"), DocumentFixtures.a4Pdf(generatedPages));
    byte[] bytes = Files.readAllBytes(pdf);
    System.out.printf("input: %s, %,d bytes; %d warm-up + %d timed runs each; %d cores; java %s%n",
        args.length > 1 && !args[1].equals("-") ? pdf : "generated " + generatedPages + "-page A4 text PDF", bytes.length, WARMUP, runs,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    try {
      for (FaxEncoding encoding : FaxEncoding.values()) {
        FaxDocumentConverter converter =
            new FaxDocumentConverter(ConversionLimits.defaults(), ConversionOptions.defaults().withEncoding(encoding));
        int[] pages = new int[1];
        int[] size = new int[1];
        report("fax-document " + encoding, pages, size, measure(runs, () -> {
          byte[] tiff = converter.convert(DocumentSource.of(bytes)).orElseThrow().tiff();
          pages[0] = TiffInfo.read(tiff).pageCount();
          size[0] = tiff.length;
        }));
      }
      Path out = work.resolve("gs.tif");
      int[] pages = new int[1];
      int[] size = new int[1];
      report("gs tiffg3 (seed)", pages, size, measure(runs, () -> {
        ghostscript(pdf, out);
        pages[0] = TiffInfo.read(out).pageCount();
        size[0] = (int) Files.size(out);
      }));
    } finally {
      try (var files = Files.list(work)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  /** Wall-clock seconds per run (sorted) and CPU seconds of all runs together. */
  private record Timing(List<Double> wall, double cpu, int runs) {}

  /**
   * CPU time counts this JVM (all threads: GC and JIT included) plus reaped child processes (gs),
   * so the figures stay comparable when other builds compete for the two cores.
   */
  private static Timing measure(int runs, Run run) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      run.run();
    }
    List<Double> seconds = new ArrayList<>();
    double cpuStart = cpuSeconds();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      run.run();
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    double cpu = cpuSeconds() - cpuStart;
    Collections.sort(seconds);
    return new Timing(seconds, cpu, runs);
  }

  private static double cpuSeconds() throws IOException {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    // /proc/self/stat fields 16 and 17: CPU of waited-for children, in clock ticks (1/100 s).
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    double children = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    return os.getProcessCpuTime() / 1e9 + children;
  }

  private static void report(String name, int[] pages, int[] size, Timing timing) {
    double median = timing.wall().get(timing.wall().size() / 2);
    double best = timing.wall().get(0);
    double cpuPerRun = timing.cpu() / timing.runs();
    System.out.printf("%-20s %2d pages %,9d bytes | wall median %5.3f s = %5.1f pages/s, best %5.3f s = %5.1f pages/s"
            + " | CPU %5.3f s/run = %5.1f pages/CPU-s%n",
        name, pages[0], size[0], median, pages[0] / median, best, pages[0] / best, cpuPerRun, pages[0] / cpuPerRun);
  }

  private static void ghostscript(Path pdf, Path out) throws IOException, InterruptedException {
    Process gs = new ProcessBuilder("gs", "-q", "-r204x196", "-g1728x2156", "-dNOPAUSE", "-dBATCH", "-dSAFER",
        "-dPDFFitPage", "-sDEVICE=tiffg3", "-sOutputFile=" + out, pdf.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!gs.waitFor(120, TimeUnit.SECONDS) || gs.exitValue() != 0) {
      throw new IOException("gs failed");
    }
  }
}

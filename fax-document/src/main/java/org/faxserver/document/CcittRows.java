package org.faxserver.document;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Checks that a strip of CCITT data — T.4 one-dimensional (MH), T.4 two-dimensional (MR) or T.6 (MMR) — decodes
 * into exactly the page's rows of its width, walking the codes without producing pixels: what a fax-ready upload
 * needs proven before it is kept as it is. Decoding it into an image with the JDK's reader was the largest item of
 * ours in a profile of the pipeline at 50 uploads/s and took twice as long (docs/BENCHMARKS.md session 9). Stricter
 * than that reader, which fills what it cannot decode: any invalid code, a row longer or shorter than the width, a
 * zero-length run that is not the first of a row, uncompressed mode, a T.4 row without its EOL (libtiff, which
 * FreeSWITCH's spandsp reads pages with, synchronises on them) or data ending before the last row answers false,
 * and the document is converted instead.
 */
final class CcittRows {
  /** Longest run code (black make-up codes, 13 bits): the lookup tables' index width. */
  private static final int LOOKUP_BITS = 13;
  /** A table entry packs (value << 4) | code length; 0 is no code (every code has a length). */
  private static final char NONE = 0;
  private static final int INVALID = -1;
  /** Reads 8 bytes at any offset as one big-endian long: one load per code instead of three byte loads. */
  private static final VarHandle LONG_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** 2-D mode codes (at most 7 bits): pass, horizontal, and vertical a1 - b1 = -3..3 as 0..6. */
  private static final int MODE_BITS = 7;
  private static final int PASS = 100;
  private static final int HORIZONTAL = 101;

  private CcittRows() {}

  /** The part of a file (or all of an array) that holds a page's strip. */
  record Strip(byte[] bytes, int offset, int length, boolean lsbFirst) {
    Strip(byte[] whole, boolean lsbFirst) {
      this(whole, 0, whole.length, lsbFirst);
    }
  }

  /** Whether T.4 data (2-D when {@code twoDimensional}) holds exactly {@code rows} rows of {@code width} pixels. */
  static boolean t4(Strip strip, boolean twoDimensional, int width, int rows) {
    return new Walk(strip, width).rows(rows, true, twoDimensional);
  }

  /** Whether T.6 data holds exactly {@code rows} rows of {@code width} pixels. */
  static boolean t6(Strip strip, int width, int rows) {
    return new Walk(strip, width).rows(rows, false, true);
  }

  /** One pass over a strip: a bit reader and the changing elements of the reference and current rows. */
  private static final class Walk {
    /** The strip, most significant bit first, and eight zero bytes so a peek never reads past the array. */
    private final byte[] data;
    private final long endBit;
    private final int width;
    private long bit;
    /** Changing elements (pixel positions where the colour changes; even index: to black), then sentinels. */
    private int[] reference;
    private int[] current;
    private int count;

    Walk(Strip strip, int width) {
      this.data = Arrays.copyOfRange(strip.bytes(), strip.offset(), strip.offset() + strip.length() + Long.BYTES);
      Arrays.fill(data, strip.length(), data.length, (byte) 0); // what follows the strip in its file
      if (strip.lsbFirst()) {
        for (int i = 0; i < strip.length(); i++) {
          data[i] = REVERSED[data[i] & 0xff];
        }
      }
      this.endBit = (long) strip.length() * 8;
      this.width = width;
      this.reference = new int[width + 3];
      this.current = new int[width + 3];
      reference[0] = reference[1] = reference[2] = width; // an all-white row above the first
    }

    boolean rows(int rows, boolean eols, boolean twoDimensional) {
      for (int row = 0; row < rows; row++) {
        boolean twoD = twoDimensional;
        if (eols) {
          if (!eol()) {
            return false;
          }
          if (twoDimensional) {
            twoD = take(1) == 0; // the tag bit: 1 = this row is coded 1-D
          }
        }
        count = 0;
        if (!(twoD ? row2d() : row1d()) || bit > endBit) {
          return false;
        }
        current[count] = current[count + 1] = current[count + 2] = width;
        int[] swap = reference;
        reference = current;
        current = swap;
      }
      return true;
    }

    /** An EOL: at least eleven 0 bits (more are fill) and a 1. */
    private boolean eol() {
      long start = bit;
      while (bit < endBit) {
        // a window holds at least 57 bits of the strip or its zero padding
        int zeros = Long.numberOfLeadingZeros(window());
        if (zeros < 57) {
          bit += zeros;
          break;
        }
        bit += 57;
      }
      if (bit - start < 11 || bit >= endBit) {
        return false;
      }
      bit++;
      return true;
    }

    private boolean row1d() {
      int a0 = 0;
      boolean white = true;
      while (a0 < width) {
        int run = run(white);
        if (run < 0 || (run == 0 && a0 > 0)) {
          return false;
        }
        a0 += run;
        if (a0 > width || !change(a0)) {
          return false;
        }
        white = !white;
      }
      return true;
    }

    private boolean row2d() {
      int a0 = -1;
      int colour = 0; // 0 white, 1 black
      int index = 0;
      while (a0 < width) {
        while (reference[index] <= a0) {
          index++;
        }
        int b1At = index % 2 == colour ? index : index + 1;
        int b1 = reference[b1At];
        int b2 = reference[b1At + 1];
        int mode = mode();
        if (mode == PASS) {
          if (b2 > width) {
            return false;
          }
          a0 = b2;
        } else if (mode == HORIZONTAL) {
          int start = Math.max(a0, 0);
          int first = run(colour == 0);
          int second = first < 0 ? INVALID : run(colour != 0);
          if (second < 0) {
            return false;
          }
          int a1 = start + first;
          int a2 = a1 + second;
          if (a2 > width || !change(a1) || !change(a2)) {
            return false;
          }
          a0 = a2;
        } else if (mode != INVALID) {
          int a1 = b1 + mode - 3;
          if (a1 < 0 || a1 > width || a1 <= a0 || !change(a1)) {
            return false;
          }
          a0 = a1;
          colour ^= 1;
        } else {
          return false;
        }
      }
      return true;
    }

    /** Records a colour change at {@code at} (none at the row's end); changes must move right. */
    private boolean change(int at) {
      if (at >= width) {
        return true;
      }
      if (count > 0 && at <= current[count - 1]) {
        return false;
      }
      current[count++] = at;
      return true;
    }

    /** A run: make-up codes, then a terminating code; its length, or INVALID. */
    private int run(boolean white) {
      char[] table = white ? WHITE : BLACK;
      int total = 0;
      while (bit < endBit) {
        int entry = table[(int) (window() >>> (64 - LOOKUP_BITS))];
        if (entry == NONE) {
          return INVALID;
        }
        bit += entry & 0xf;
        int length = entry >>> 4;
        total += length;
        if (length < 64) {
          return total;
        }
      }
      return INVALID;
    }

    private int mode() {
      if (bit >= endBit) {
        return INVALID;
      }
      int entry = MODES[(int) (window() >>> (64 - MODE_BITS))];
      if (entry == NONE) {
        return INVALID;
      }
      bit += entry & 0xf;
      return entry >>> 4;
    }

    /** The next {@code n} bits (at most 57), consumed; callers stop at the end of the data. */
    private int take(int n) {
      int v = (int) (window() >>> (64 - n));
      bit += n;
      return v;
    }

    /** The next bits from the top: at least 57 of the strip (or its zero padding), then zeros. */
    private long window() {
      return (long) LONG_AT.get(data, (int) (bit >>> 3)) << (bit & 7);
    }
  }

  /** Terminating codes of white runs 0..63 (T.4 table 2). */
  private static final String[] WHITE_TERMINATING = {
      "00110101", "000111", "0111", "1000", "1011", "1100", "1110", "1111", "10011", "10100", "00111", "01000",
      "001000", "000011", "110100", "110101", "101010", "101011", "0100111", "0001100", "0001000", "0010111",
      "0000011", "0000100", "0101000", "0101011", "0010011", "0100100", "0011000", "00000010", "00000011",
      "00011010", "00011011", "00010010", "00010011", "00010100", "00010101", "00010110", "00010111",
      "00101000", "00101001", "00101010", "00101011", "00101100", "00101101", "00000100", "00000101",
      "00001010", "00001011", "01010010", "01010011", "01010100", "01010101", "00100100", "00100101",
      "01011000", "01011001", "01011010", "01011011", "01001010", "01001011", "00110010", "00110011",
      "00110100"
  };
  /** Terminating codes of black runs 0..63 (T.4 table 2). */
  private static final String[] BLACK_TERMINATING = {
      "0000110111", "010", "11", "10", "011", "0011", "0010", "00011", "000101", "000100", "0000100", "0000101",
      "0000111", "00000100", "00000111", "000011000", "0000010111", "0000011000", "0000001000", "00001100111",
      "00001101000", "00001101100", "00000110111", "00000101000", "00000010111", "00000011000", "000011001010",
      "000011001011", "000011001100", "000011001101", "000001101000", "000001101001", "000001101010",
      "000001101011", "000011010010", "000011010011", "000011010100", "000011010101", "000011010110",
      "000011010111", "000001101100", "000001101101", "000011011010", "000011011011", "000001010100",
      "000001010101", "000001010110", "000001010111", "000001100100", "000001100101", "000001010010",
      "000001010011", "000000100100", "000000110111", "000000111000", "000000100111", "000000101000",
      "000001011000", "000001011001", "000000101011", "000000101100", "000001011010", "000001100110",
      "000001100111"
  };
  /** Make-up codes of white runs 64..1728 (T.4 table 3). */
  private static final String[] WHITE_MAKEUP = {
      "11011", "10010", "010111", "0110111", "00110110", "00110111", "01100100", "01100101", "01101000",
      "01100111", "011001100", "011001101", "011010010", "011010011", "011010100", "011010101", "011010110",
      "011010111", "011011000", "011011001", "011011010", "011011011", "010011000", "010011001", "010011010",
      "011000", "010011011"
  };
  /** Make-up codes of black runs 64..1728 (T.4 table 3). */
  private static final String[] BLACK_MAKEUP = {
      "0000001111", "000011001000", "000011001001", "000001011011", "000000110011", "000000110100",
      "000000110101", "0000001101100", "0000001101101", "0000001001010", "0000001001011", "0000001001100",
      "0000001001101", "0000001110010", "0000001110011", "0000001110100", "0000001110101", "0000001110110",
      "0000001110111", "0000001010010", "0000001010011", "0000001010100", "0000001010101", "0000001011010",
      "0000001011011", "0000001100100", "0000001100101"
  };
  /** Make-up codes of runs 1792..2560 of either colour (T.4 table 3, extended). */
  private static final String[] EXTENDED_MAKEUP = {
      "00000001000", "00000001100", "00000001101", "000000010010", "000000010011", "000000010100",
      "000000010101", "000000010110", "000000010111", "000000011100", "000000011101", "000000011110",
      "000000011111"
  };

  // After the code tables they are built from (static fields are initialised in order).
  /** Lookup tables indexed by the next bits (chars: half the cache lines of ints). */
  private static final char[] WHITE = runTable(true);
  private static final char[] BLACK = runTable(false);
  private static final char[] MODES = modeTable();
  /** Each byte with its bits in reverse order (FillOrder 2: least significant bit first). */
  private static final byte[] REVERSED = new byte[256];

  static {
    for (int b = 0; b < 256; b++) {
      REVERSED[b] = (byte) (Integer.reverse(b) >>> 24);
    }
  }

  private static char[] runTable(boolean white) {
    char[] table = new char[1 << LOOKUP_BITS];
    String[] terminating = white ? WHITE_TERMINATING : BLACK_TERMINATING;
    String[] makeup = white ? WHITE_MAKEUP : BLACK_MAKEUP;
    for (int i = 0; i < terminating.length; i++) {
      put(table, LOOKUP_BITS, terminating[i], i);
    }
    for (int i = 0; i < makeup.length; i++) {
      put(table, LOOKUP_BITS, makeup[i], 64 * (i + 1));
    }
    for (int i = 0; i < EXTENDED_MAKEUP.length; i++) {
      put(table, LOOKUP_BITS, EXTENDED_MAKEUP[i], 1792 + 64 * i);
    }
    return table;
  }

  private static char[] modeTable() {
    char[] table = new char[1 << MODE_BITS];
    put(table, MODE_BITS, "0001", PASS);
    put(table, MODE_BITS, "001", HORIZONTAL);
    String[] vertical = {"0000010", "000010", "010", "1", "011", "000011", "0000011"}; // a1 - b1 = -3..3
    for (int d = 0; d < vertical.length; d++) {
      put(table, MODE_BITS, vertical[d], d);
    }
    return table;
  }

  /** Every index whose leading bits are {@code code} maps to {@code value} and the code's length. */
  private static void put(char[] table, int indexBits, String code, int value) {
    int prefix = Integer.parseInt(code, 2) << (indexBits - code.length());
    for (int i = 0; i < 1 << (indexBits - code.length()); i++) {
      if (table[prefix | i] != NONE) {
        throw new IllegalStateException("code " + code + " overlaps another");
      }
      table[prefix | i] = (char) (value << 4 | code.length());
    }
  }
}

package org.faxserver.model.fax;

/**
 * One page as reported by a {@code spandsp::*faxpageresult} event (phase D).
 *
 * <p>Resolution and sizes are kept as FreeSWITCH sends them; note that resolutions are in pixels per
 * metre, not dpi ("8031x7700" is 204x196 dpi).
 *
 * @param page             1-based page number ({@code fax-document-transferred-pages} at that event)
 * @param badRows          rows that arrived damaged ({@code fax-bad-rows})
 * @param longestBadRowRun longest run of consecutive bad rows ({@code fax-longest-bad-row-run})
 * @param encoding         compression, e.g. "T.4 2-D" ({@code fax-encoding-name}); may be null
 * @param imageResolution  e.g. "8031x7700" ({@code fax-image-resolution}); may be null
 * @param imagePixelSize   e.g. "1728x2292" ({@code fax-image-pixel-size}); may be null
 * @param imageSizeBytes   compressed page size ({@code fax-image-size}); null if not reported
 */
public record PageResult(
    int page,
    int badRows,
    int longestBadRowRun,
    String encoding,
    String imageResolution,
    String imagePixelSize,
    Integer imageSizeBytes) {

  public PageResult {
    if (page < 1) {
      throw new IllegalArgumentException("page numbers start at 1, was " + page);
    }
    if (badRows < 0 || longestBadRowRun < 0) {
      throw new IllegalArgumentException("bad row counts cannot be negative");
    }
  }
}

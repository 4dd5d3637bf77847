/**
 * Fax documents without Spring: recognising uploads by content ({@link
 * org.faxserver.document.DocumentType}), converting PDF/TIFF/PNG/JPEG to TIFF-F under explicit
 * {@link org.faxserver.document.ConversionLimits} ({@link org.faxserver.document.FaxDocumentConverter}),
 * rendering TIFF-F back to PDF and a PNG preview ({@link org.faxserver.document.FaxTiffExport}) and
 * reading TIFF directories ({@link org.faxserver.document.TiffInfo}).
 */
package org.faxserver.document;

/**
 * How big an export may be. Past these an export is refused at once with a message saying what to
 * do, instead of the import running out of memory minutes later (a 200 MB line of commas did,
 * after 145 s). Tests pass small limits in; the command line uses these.
 */
export interface ImportLimits {
  /** The largest export file read, in bytes. A CSV is read as a stream, a piece at a time, so this only stops the absurd. */
  fileBytes: number;
  /**
   * The largest file read whole (a workbook export, a contact log): it is held in memory at once,
   * and a text file read whole becomes one string (V8's longest is about 512 M characters).
   */
  wholeFileBytes: number;
  /** The most values on one line of a CSV: Excel's own limit of 16,384 columns. */
  columns: number;
  /** The largest .xlsx export read at all, by its sheets' uncompressed XML. */
  sheetXmlBytes: number;
  /**
   * The largest .xlsx export read whole (exceljs holds every cell as an object: about 18 bytes of
   * memory for each byte of XML, measured); a larger one is streamed row by row.
   */
  wholeSheetXmlBytes: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  fileBytes: 4 * 1024 * 1024 * 1024,
  wholeFileBytes: 256 * 1024 * 1024,
  columns: 16_384,
  sheetXmlBytes: 768 * 1024 * 1024,
  wholeSheetXmlBytes: 24 * 1024 * 1024,
};

/** The most characters one Excel cell holds: a longer value is cut to this when the workbook is written. */
export const CELL_CHARS = 32_767;

/** "256 MB": a size as the user would say it. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`;
  return `${bytes} bytes`;
}

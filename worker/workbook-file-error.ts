/** The workbook could not be opened, read or written safely; nothing was changed. Its own module, so catching it loads no workbook library. */
export class WorkbookFileError extends Error {}

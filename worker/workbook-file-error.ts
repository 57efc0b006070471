/**
 * The workbook could not be opened, read or written safely; nothing was changed. In a module of
 * its own so that catching it loads no workbook library. Told by its name, not instanceof: the
 * workbook file is imported lazily, and a loader may give a lazily imported module its own copy.
 */
export class WorkbookFileError extends Error {
  override readonly name = 'WorkbookFileError';
}

export function isWorkbookFileError(error: unknown): error is WorkbookFileError {
  return error instanceof Error && error.name === 'WorkbookFileError';
}

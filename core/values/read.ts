/**
 * What a cell reader returns: the value, or the reason the cell cannot be used, in words the
 * garage understands. A blank cell is null (not a problem): the caller knows what blank means.
 * The caller turns a reason into a Problem, since only it knows the file, sheet and cell.
 */
export type Read<T> = { value: T } | { reason: string };

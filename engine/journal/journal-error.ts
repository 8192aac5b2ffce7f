/**
 * Every failure of the journal that a caller may act on: the file cannot be opened or is not a
 * journal, another desk holds it, its schema is newer than this desk, an entry is not valid.
 * The message names the file (and the entry's seq where there is one); `code` is for programs.
 */
export type JournalErrorCode =
  | 'NOT_FOUND' // no such file or directory
  | 'NOT_A_JOURNAL' // not SQLite, or SQLite without a journal in it
  | 'CORRUPT' // SQLite reports a damaged file, or a stored entry cannot be parsed
  | 'IN_USE' // another process (a desk, or an audit reading it) holds the file
  | 'TAMPERED' // opened for writing, but its head does not match its last entry
  | 'NEWER_SCHEMA' // written by a newer desk
  | 'INVALID_ENTRY' // the entry given to append is not valid (kind, actor, data)
  | 'READ_ONLY' // opened for reading only
  | 'CLOSED'
  | 'UNSUPPORTED_RUNTIME' // the native SQLite binding cannot run on this Node
  | 'IO'; // any other SQLite/file-system error

export class JournalError extends Error {
  override name = 'JournalError';
  constructor(
    readonly code: JournalErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

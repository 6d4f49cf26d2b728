/** A whole-file problem (unreadable, empty, wrong columns, too large); the message is for the user. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

// Text from the user's files is read as UTF-8, strictly: a file in another
// encoding (Latin-1, Windows-1252, UTF-16) is refused with a clear message
// instead of being stored with broken names ("Beyonc\uFFFD").

class EncodingError extends Error {
  override name = 'EncodingError';
}

export function notUtf8Message(file?: string): string {
  return `${file ? `${file}: ` : ''}this file is not UTF-8 text (it may be Latin-1, Windows-1252 or UTF-16). Open it in a text editor, save it as UTF-8, and try again.`;
}

/** A streaming, strict UTF-8 decoder (the BOM is dropped). */
export class Utf8Chunks {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  constructor(private readonly file?: string) {}

  decode(bytes?: Uint8Array, stream = true): string {
    try {
      return this.decoder.decode(bytes, { stream });
    } catch {
      // A binary file (or UTF-16) has NUL bytes: let the parser say "binary",
      // which tells the user more than "not UTF-8".
      if (bytes?.includes(0)) return new TextDecoder('utf-8').decode(bytes, { stream });
      throw new EncodingError(notUtf8Message(this.file));
    }
  }

  /** The rest, at the end of the input. */
  end(): string {
    return this.decode(undefined, false);
  }
}

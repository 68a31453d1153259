// Streaming CSV → catalog columns, for the Spotify Tracks format. Pure: runs in
// the import worker and in Node alike; text comes in as chunks of any size.
// framing.ts cuts the text into records, rows.ts checks each row, builder.ts
// grows the columns, numbers.ts reads the field values.
import { CatalogFormatError, type CatalogColumns, type CatalogSummary } from './catalog.ts';
import { CsvFraming } from './framing.ts';
import { CatalogRows } from './rows.ts';

export class CatalogIngest {
  private rowsOut = new CatalogRows();
  private framing = new CsvFraming(this.rowsOut);

  /** Data rows seen so far (for progress). */
  get rows(): number {
    return this.framing.rowsRead;
  }

  push(chunk: string): void {
    this.framing.push(chunk);
  }

  end(): { columns: CatalogColumns; summary: CatalogSummary } {
    this.framing.end();
    if (!this.framing.hasHeader) throw new CatalogFormatError('The file is empty.');
    const rowsRead = this.framing.rowsRead;
    if (this.rowsOut.builder.tracks === 0) {
      const why = Object.entries(this.rowsOut.rejectedByReason)
        .map(([r, n]) => `${n} ${r}`)
        .join(', ');
      throw new CatalogFormatError(
        rowsRead === 0 ? 'The file has a header but no rows.' : `No valid rows: all ${rowsRead} rows were rejected (${why}).`,
      );
    }
    return { columns: this.rowsOut.builder.columns(), summary: this.rowsOut.summary(rowsRead) };
  }
}

/** Parses a whole CSV text (tests, benchmarks). Pushes it in 1 MB pieces as a
 *  stream would: one giant batch keeps every parsed row alive at once. */
export function ingestCsvText(text: string, chunkChars = 1 << 20): { columns: CatalogColumns; summary: CatalogSummary } {
  const ingest = new CatalogIngest();
  for (let i = 0; i < text.length; i += chunkChars) ingest.push(text.slice(i, i + chunkChars));
  return ingest.end();
}

// Writes the small Parquet files the Spark-factors tests load, in the layout
// Spark MLlib's ALS writes: `model.itemFactors.write.parquet(dir)` makes a
// folder of part files with columns id (int) and features (array<float>),
// beside an id → artist-name table. Synthetic: two clusters of artists (rock
// along the first factor, jazz along the second), no real data.
//   node --import tsx data/spark-factors.ts   (rewrites data/fixtures/spark/)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeParquet } from './parquet-writer.ts';

export const SPARK_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'spark');

/** [id, name, factors]: sparse ids, as a Spark job's own ids usually are. */
const ARTISTS: [number, string, number[]][] = [
  [3, 'Radiohead', [1.2, 0.1, 0.05, -0.1]],
  [7, 'Muse', [1.0, 0.05, 0.1, 0.0]],
  [11, 'Coldplay', [0.9, 0.2, -0.05, 0.1]],
  [19, 'Miles Davis', [0.05, 1.1, 0.1, -0.05]],
  [23, 'John Coltrane', [0.1, 1.0, 0.0, 0.1]],
  [31, 'Bill Evans', [0.0, 0.9, -0.1, 0.05]],
];

const factors = (list: [number, string, number[]][], names = ['id', 'features']) =>
  writeParquet([
    { name: names[0], kind: 'int32', values: list.map((a) => a[0]) },
    { name: names[1], kind: 'float-list', values: list.map((a) => a[2]) },
  ]);

function main() {
  const write = (path: string, bytes: Uint8Array | string) => {
    mkdirSync(dirname(join(SPARK_FIXTURES, path)), { recursive: true });
    writeFileSync(join(SPARK_FIXTURES, path), bytes);
  };
  rmSync(SPARK_FIXTURES, { recursive: true, force: true });
  // Two part files and the _SUCCESS marker, as a Spark job with two partitions leaves them.
  write('item-factors/part-00000-5f1c.parquet', factors(ARTISTS.slice(0, 3)));
  write('item-factors/part-00001-5f1c.parquet', factors(ARTISTS.slice(3)));
  write('item-factors/_SUCCESS', '');
  write('artists.parquet', writeParquet([
    { name: 'id', kind: 'int32', values: ARTISTS.map((a) => a[0]) },
    { name: 'name', kind: 'string', values: ARTISTS.map((a) => a[1]) },
  ]));
  write('artists.csv', ['id,name', ...ARTISTS.map(([id, name]) => `${id},"${name.replace(/"/g, '""')}"`)].join('\n') + '\n');
  // Bad files, one fault each.
  write('bad/wrong-columns.parquet', factors(ARTISTS, ['artist', 'vec']));
  write('bad/mixed-dimensions.parquet', factors([...ARTISTS.slice(0, 5), [31, 'Bill Evans', [0.0, 0.9, -0.1]]]));
  write('bad/artists-missing.csv', ['id,name', ...ARTISTS.slice(0, 4).map(([id, name]) => `${id},${name}`)].join('\n') + '\n');
  console.log(`wrote ${SPARK_FIXTURES}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();

import { describe, expect, it } from 'vitest';
import { Float32, Float64, Int32, List, Field, makeData, makeVector, Table, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { factorsFromIPC, factorsFromTable, factorsToIPC } from './factors-arrow.ts';

const f = { names: ['Radiohead', 'Portishead', 'Björk'], ids: Int32Array.from([10, 20, 30]), k: 2, vectors: Float32Array.from([1, 2, 3, 4, 5, 6]) };

describe('item factors as Arrow', () => {
  it('round-trips through IPC bytes', () => {
    const back = factorsFromIPC(factorsToIPC(f));
    expect(back).toEqual(f);
    expect(tableFromIPC(factorsToIPC(f)).schema.fields.map((x) => x.name)).toEqual(['artist', 'id', 'vector']);
  });

  it('loads Spark-style tables: id + features as a variable list', () => {
    const features = vectorFromArray([[1, 2], [3, 4], [5, 6]], new List(new Field('element', new Float32(), true)));
    const t = new Table({ id: makeVector(makeData({ type: new Int32(), length: 3, data: Int32Array.from([10, 20, 30]) })), features });
    const back = factorsFromTable(tableFromIPC(tableToIPC(t)));
    expect(back.names).toEqual(['10', '20', '30']);
    expect(Array.from(back.vectors)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('loads one float column per dimension', () => {
    const t = new Table({
      name: vectorFromArray(['a', 'b']),
      f0: vectorFromArray([1, 3], new Float64()),
      f1: vectorFromArray([2, 4], new Float64()),
    });
    expect(factorsFromTable(t)).toMatchObject({ names: ['a', 'b'], k: 2, vectors: Float32Array.from([1, 2, 3, 4]) });
  });

  it('says what is missing', () => {
    expect(() => factorsFromTable(new Table({ name: vectorFromArray(['a']) }))).toThrow(/no vector column/);
  });
});

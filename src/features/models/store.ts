// Stored models: one record per model in IndexedDB, written in one put at the
// end of a training, so a cancelled or failed run leaves the last good model.
import type * as tfType from '@tensorflow/tfjs-core';
import { db, storeOrExplain, type ModelRecord } from '../../platform/db.ts';

export type ModelInfo = Omit<ModelRecord, 'payload'>;

export interface TrainProgress {
  model: string;
  epoch: number;
  epochs: number;
  loss: number;
  /** Accuracy figures where the model has them (genre classifier). */
  acc?: number;
  valAcc?: number;
  elapsedMs: number;
  backend: string;
  /** Set when the backend failed mid-run and training restarted on another. */
  fellBack?: string;
}

/** What a training job needs from the worker: tfjs on the chosen backend. */
export interface Trainer {
  tf: typeof tfType;
  /** Resolves once the chosen backend is set up. */
  ready(): Promise<unknown>;
  /** Trains on the chosen backend, falling back down the order if it fails. */
  withFallback<T>(train: (backend: string, fellBack?: string) => Promise<T>): Promise<T>;
}

export async function saveModel(record: ModelRecord): Promise<ModelInfo> {
  await storeOrExplain(() => db().models.put(record), 'the trained model', 'The previous model is unchanged.');
  const { payload: _payload, ...info } = record;
  return info;
}

export async function storedPayload<T>(name: string): Promise<T | undefined> {
  return (await db().models.get(name))?.payload as T | undefined;
}

export async function storedModels(): Promise<ModelInfo[]> {
  const out: ModelInfo[] = [];
  await db().models.each((r) => {
    const { payload: _payload, ...info } = r;
    out.push(info);
  });
  return out;
}

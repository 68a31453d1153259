// Genre from audio features, by the protocol of issue 4: 80/20 split by
// track_id, and again grouped by first credited artist (no artist on both
// sides: the honest figure for new music). Scored per (track, genre) row. The
// model against majority class, softmax regression and kNN trained in the
// same run on the same split, plus the model with popularity and explicit.
import type { EvalSection } from '../context.ts';
import { nodeTf } from '../../src/compute/tf-node.ts';
import { artistsOf, type Catalog } from '../../src/features/catalog/core/catalog.ts';
import {
  featureNames,
  labelledTracks,
  scoreGenres,
  splitByArtist,
  splitByGroup,
  splitByTrack,
  trackFeatures,
  trackLabels,
  type GenreScores,
  type Split,
} from '../../src/features/models/genre/genre-data.ts';
import { predictGenreProbs, trainGenreClassifier } from '../../src/features/models/genre/genre-classifier.ts';
import { knnProbs, logRegProbs, majorityProbs } from '../../src/features/models/genre/baselines.ts';

const round = (x: number) => Math.round(x * 10000) / 10000;

const section: EvalSection = {
  name: 'genre',
  needs: ['spotify'],
  async run(ctx) {
    const tf = await nodeTf();
    const c = ctx.catalog as Catalog;
    const tracks = labelledTracks(c);
    const out: Record<string, number | string> = { genre_backend: tf.getBackend() };
    const splits: [string, string, Split, (t: number) => string | number][] = [
      ['track split', '', splitByTrack(c, tracks, ctx.seed), (t) => c.trackId[t]],
      ['artist split', '_artistsplit', splitByArtist(c, tracks, ctx.seed), (t) => artistsOf(c, t)[0] ?? -1],
    ];
    for (const [title, suffix, split, groupOf] of splits) {
      const trainX = trackFeatures(c, split.train);
      const testX = trackFeatures(c, split.test);
      const trainY = trackLabels(c, split.train);
      const testY = trackLabels(c, split.test);
      const log = (what: string) => console.log(`  genre ${title}: ${what}`);

      log(`training the model on ${split.train.length} tracks`);
      const model = await trainGenreClassifier(tf, trainX, trainY, { seed: ctx.seed, featureNames: featureNames() });
      const ours = scoreGenres(predictGenreProbs(tf, model, testX), testY);

      log('training the model with popularity + explicit');
      const popOpts = { withPopularity: true };
      const withPop = await trainGenreClassifier(tf, trackFeatures(c, split.train, popOpts), trainY, {
        seed: ctx.seed,
        featureNames: featureNames(popOpts),
      });
      const oursPop = scoreGenres(predictGenreProbs(tf, withPop, trackFeatures(c, split.test, popOpts)), testY);

      log('baselines');
      const majority = scoreGenres(majorityProbs(trainY, testX.rows), testY);
      let t0 = performance.now();
      const logreg = scoreGenres(await logRegProbs(tf, trainX, trainY, testX, { seed: ctx.seed }), testY);
      const logregMs = performance.now() - t0;
      // k is tuned on a holdout inside the training half, split the same way as the outer split.
      const positions = Int32Array.from(split.train.keys());
      const inner = splitByGroup(positions, (i) => groupOf(split.train[i]), ctx.seed + 1, 0.1);
      t0 = performance.now();
      const knn = knnProbs(tf, trainX, trainY, testX, { fit: inner.train, val: inner.test });
      const knnMs = performance.now() - t0;
      const knn1 = scoreGenres(knn.probsTop1, testY);
      const knn5 = scoreGenres(knn.probsTop5, testY);

      Object.assign(out, {
        [`genre_top1${suffix}`]: round(ours.top1),
        [`genre_top5${suffix}`]: round(ours.top5),
        [`genre_any_top1${suffix}`]: round(ours.anyTop1),
        [`genre_macro_f1${suffix}`]: round(ours.macroF1),
        [`genre_family_top1${suffix}`]: round(ours.familyTop1),
        [`genre_train_ms${suffix}`]: Math.round(model.trainMs),
        [`genre_top1_withpop${suffix}`]: round(oursPop.top1),
        [`genre_top5_withpop${suffix}`]: round(oursPop.top5),
        [`genre_top1_majority${suffix}`]: round(majority.top1),
        [`genre_top5_majority${suffix}`]: round(majority.top5),
        [`genre_top1_logreg${suffix}`]: round(logreg.top1),
        [`genre_top5_logreg${suffix}`]: round(logreg.top5),
        [`genre_top1_knn${suffix}`]: round(knn1.top1),
        [`genre_top5_knn${suffix}`]: round(knn5.top5),
        [`genre_knn_k${suffix}`]: `${knn.k1}/${knn.k5}`,
        [`genre_test_rows${suffix}`]: ours.rows,
      });

      const row = (name: string, s: GenreScores, top5From: GenreScores = s, ms?: number) => ({
        model: name,
        top1: round(s.top1),
        top5: round(top5From.top5),
        any_top1: round(s.anyTop1),
        macro_f1: round(s.macroF1),
        family_top1: round(s.familyTop1),
        train_s: ms === undefined ? '' : Math.round(ms / 100) / 10,
      });
      ctx.table(`genre, ${title}: ${split.train.length} train / ${split.test.length} test tracks, ${ours.rows} test rows`, [
        row('MLP (audio)', ours, ours, model.trainMs),
        row('MLP + popularity, explicit', oursPop, oursPop, withPop.trainMs),
        row('majority class', majority),
        row('softmax regression', logreg, logreg, logregMs),
        row(`kNN (k=${knn.k1} top-1, k=${knn.k5} top-5)`, knn1, knn5, knnMs),
      ]);
      ctx.table(
        `genre, ${title}: genre families most often mixed up by the MLP (share of test rows)`,
        ours.familyConfusions.slice(0, 10).map(([actual, predicted, n]) => ({
          actual,
          predicted,
          rows: n,
          share: round(n / ours.rows),
        })),
      );
    }
    return out;
  },
};

export default section;

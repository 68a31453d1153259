// Genre by the protocol of issue 4: 80/20 split by track_id, and again grouped
// by first credited artist (no artist on both sides: the honest figure for new
// music). Scored per (track, genre) row. Ours is the app's pipeline
// (models/genre/pipeline.ts) trained on the training half, with the
// near-duplicate memory over the training half only; against the network
// alone, majority class, softmax regression and kNN, trained in the same run
// on the same split and inputs (audio features, popularity, explicit).
// The shown-label figures are what the artist page would show on the artist
// split's held-out artists, with thresholds the pipeline chose on its own
// validation artists carved from the training half.
import type { EvalSection } from '../context.ts';
import { nodeTf } from '../../src/compute/tf-node.ts';
import { artistsOf, type Catalog } from '../../src/features/catalog/core/catalog.ts';
import {
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
import { GENRE_FEATURES, genreProbs, shownOn, trainGenrePipeline } from '../../src/features/models/genre/pipeline.ts';
import { twinMemory, twinVotes } from '../../src/features/models/genre/twins.ts';
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
    // A shortened schedule for quick iteration (NB_GENRE_EPOCHS=2); the reported figures use the app's recipe.
    const recipe = process.env.NB_GENRE_EPOCHS ? { epochs: Number(process.env.NB_GENRE_EPOCHS) } : {};
    const splits: [string, string, Split, (t: number) => string | number][] = [
      ['track split', '', splitByTrack(c, tracks, ctx.seed), (t) => c.trackId[t]],
      ['artist split', '_artistsplit', splitByArtist(c, tracks, ctx.seed), (t) => artistsOf(c, t)[0] ?? -1],
    ];
    for (const [title, suffix, split, groupOf] of splits) {
      const trainX = trackFeatures(c, split.train, GENRE_FEATURES);
      const testX = trackFeatures(c, split.test, GENRE_FEATURES);
      const trainY = trackLabels(c, split.train);
      const testY = trackLabels(c, split.test);
      const log = (what: string) => console.log(`  genre ${title}: ${what}`);

      log(`training the pipeline on ${split.train.length} tracks`);
      const { classifier, validation } = await trainGenrePipeline(tf, c, split.train, { seed: ctx.seed, recipe });
      const memory = twinMemory(c, split.train);
      const probs = genreProbs(tf, classifier, c, split.test, memory);
      const ours = scoreGenres(probs, testY);
      const network = scoreGenres(genreProbs(tf, classifier, c, split.test, null), testY);
      const shown = shownOn(classifier, c, split.test, probs);
      const votes = new Float32Array(c.genres.length);
      const twins = split.test.filter((t) => twinVotes(c, memory, t, votes)).length;

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
        [`genre_train_ms${suffix}`]: Math.round(classifier.network.trainMs),
        [`genre_top1_network${suffix}`]: round(network.top1),
        [`genre_top5_network${suffix}`]: round(network.top5),
        [`genre_twin_share${suffix}`]: round(twins / split.test.length),
        [`genre_top1_majority${suffix}`]: round(majority.top1),
        [`genre_top5_majority${suffix}`]: round(majority.top5),
        [`genre_top1_logreg${suffix}`]: round(logreg.top1),
        [`genre_top5_logreg${suffix}`]: round(logreg.top5),
        [`genre_top1_knn${suffix}`]: round(knn1.top1),
        [`genre_top5_knn${suffix}`]: round(knn5.top5),
        [`genre_knn_k${suffix}`]: `${knn.k1}/${knn.k5}`,
        [`genre_test_rows${suffix}`]: ours.rows,
      });
      if (suffix === '_artistsplit') {
        Object.assign(out, {
          genre_shown_precision: round(shown.precision),
          genre_shown_coverage: round(shown.coverage),
          genre_shown_threshold_family: round(classifier.thresholds.family),
          genre_shown_threshold_genre: round(classifier.thresholds.genre),
          genre_shown_precision_validation: round(validation.shownPrecision),
          genre_shown_coverage_validation: round(validation.shownCoverage),
        });
      }

      const row = (name: string, s: GenreScores, top5From: GenreScores = s, ms?: number) => ({
        model: name,
        top1: round(s.top1),
        top5: round(top5From.top5),
        any_top1: round(s.anyTop1),
        macro_f1: round(s.macroF1),
        family_top1: round(s.familyTop1),
        train_s: ms === undefined ? '' : Math.round(ms / 100) / 10,
      });
      ctx.table(`genre, ${title}: ${split.train.length} train / ${split.test.length} test tracks, ${ours.rows} test rows, ${twins} test tracks with a twin in train`, [
        row('ours: MLP + near-duplicate memory', ours, ours, classifier.network.trainMs),
        row('MLP alone', network),
        row('majority class', majority),
        row('softmax regression', logreg, logreg, logregMs),
        row(`kNN (k=${knn.k1} top-1, k=${knn.k5} top-5)`, knn1, knn5, knnMs),
      ]);
      ctx.table(`genre, ${title}: shown labels (family, and fine genre above its threshold) on the test tracks`, {
        precision: round(shown.precision),
        coverage: round(shown.coverage),
        threshold_family: round(classifier.thresholds.family),
        threshold_genre: round(classifier.thresholds.genre),
      });
      ctx.table(
        `genre, ${title}: genre families most often mixed up (share of test rows)`,
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

// The SPK001 quick fix on the labelled leakage corpus and on shapes where it must stay away: applied
// until nothing is left to fix, it must leave code that parses, with no preprocessing leak left where a
// fix was offered, and never touch the negative controls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '../../src/rules/fixes';
import { lint } from './helpers';
import { LEAKAGE_DIR, labelledFiles } from './labels';

const SPK001 = { select: ['SPK001'] };

/** Applies SPK001 fixes pass after pass (a fix that overlaps another waits for the next pass, like ruff). */
async function fixUntilStable(text: string): Promise<{ text: string; passes: number }> {
  let current = text;
  for (let pass = 1; pass <= 5; pass++) {
    const { findings } = await lint(current, SPK001);
    const fixed = applyFixes(current, findings);
    if (!fixed.applied) return { text: current, passes: pass - 1 };
    current = fixed.text;
  }
  return { text: current, passes: 5 };
}

describe('SPK001 quick fix', () => {
  it('fixes the leakage corpus files it offers a fix for, and the result parses and is clean', async () => {
    const fixedFiles: string[] = [];
    for (const file of labelledFiles(LEAKAGE_DIR)) {
      const before = await lint(file.text, SPK001);
      if (!before.findings.some((finding) => finding.fix)) continue;
      assert.ok(file.name.startsWith('pos_'), `${file.name}: a negative control got an SPK001 fix`);
      for (const finding of before.findings) if (finding.fix) assert.equal(finding.fix.safety, 'unsafe');
      const { text } = await fixUntilStable(file.text);
      const after = await lint(text, SPK001);
      assert.deepEqual(after.notices, [], `${file.name}: fixed text does not parse`);
      assert.deepEqual(after.findings.map((finding) => finding.message), [], `${file.name}: leak left after fixing:\n${text}`);
      // the whole job still lints the same apart from SPK001 (no new finding of another rule)
      const otherBefore = (await lint(file.text)).findings.filter((finding) => finding.code !== 'SPK001').map((finding) => finding.code).sort();
      const otherAfter = (await lint(text)).findings.filter((finding) => finding.code !== 'SPK001').map((finding) => finding.code).sort();
      assert.deepEqual(otherAfter, otherBefore, `${file.name}: the fix changed other findings`);
      fixedFiles.push(file.name);
    }
    // scaler then split in place, Pipeline fitted on all, two fits in a chain (two passes), Spark's
    // fm_classifier_example (the Pipeline fits the stages), fit().transform() inside main(), a scaler
    // before the split of a job evaluated through model.evaluate(test), of a LightGBM job, and Spark 2's
    // OneHotEncoderEstimator fitted before the split, a Pipeline whose stages a loop built, and one whose
    // stages came from star imports
    assert.deepEqual(fixedFiles, [
      'pos_01_scaler_then_split.py', 'pos_03_pipeline_fit_all.py', 'pos_05_tfidf_vocabulary.py',
      'pos_18_minmax_fm_example.py', 'pos_20_scaler_in_main.py', 'pos_23_model_evaluate_summary.py', 'pos_25_setstages_setters.py',
      'pos_28_third_party_estimators.py',
      'pos_29_spark2_one_hot_encoder_estimator.py', 'pos_30_stages_built_in_a_loop.py', 'pos_33_star_imports_tfidf_pipeline.py',
    ]);
  });

  it('rewrites the canonical example into split, fit on train, transform each split', async () => {
    const source = [
      'from pyspark.ml.classification import LogisticRegression',
      'from pyspark.ml.evaluation import BinaryClassificationEvaluator',
      'from pyspark.ml.feature import MinMaxScaler',
      'from pyspark.sql import SparkSession',
      '',
      'spark = SparkSession.builder.getOrCreate()',
      'data = spark.read.parquet("s3://ml/features")',
      'scaler = MinMaxScaler(inputCol="features", outputCol="scaled").fit(data)',
      'scaled = scaler.transform(data)  # scale everything',
      '(training, holdout) = scaled.randomSplit([0.7, 0.3], seed=1)',
      'model = LogisticRegression(featuresCol="scaled").fit(training)',
      'auc = BinaryClassificationEvaluator().evaluate(model.transform(holdout))',
      '',
    ];
    const { findings } = await lint(source.join('\r\n'), SPK001);
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.fix!.title, /fit on `training`/);
    const fixed = applyFixes(source.join('\r\n'), findings).text;
    assert.equal(fixed, [
      ...source.slice(0, 7),
      '(training, holdout) = data.randomSplit([0.7, 0.3], seed=1)',
      'scaler = MinMaxScaler(inputCol="features", outputCol="scaled").fit(training)',
      'training = scaler.transform(training)  # scale everything',
      'holdout = scaler.transform(holdout)',
      ...source.slice(10),
    ].join('\r\n'), 'line breaks stay CRLF and the comment stays with its statement');
  });

  it('looks names up in the function the fit is in: the same names in another function do not block its fix', async () => {
    const training = (name: string) => [
      `def ${name}():`,
      '    data = spark.table("events")',
      '    scaler = StandardScaler(inputCol="raw", outputCol="features").fit(data)',
      '    scaled = scaler.transform(data)',
      '    train, test = scaled.randomSplit([0.8, 0.2], seed=1)',
      '    model = LogisticRegression().fit(train)',
      '    return BinaryClassificationEvaluator().evaluate(model.transform(test))',
      '',
      '',
    ];
    const source = [
      'from pyspark.ml.classification import LogisticRegression',
      'from pyspark.ml.evaluation import BinaryClassificationEvaluator',
      'from pyspark.ml.feature import StandardScaler',
      'from pyspark.sql import SparkSession',
      '',
      'spark = SparkSession.builder.getOrCreate()',
      '',
      '',
      ...training('train_a'),
      ...training('train_b'),
    ].join('\n');
    const { findings } = await lint(source, SPK001);
    assert.deepEqual(findings.map((finding) => [finding.range.start.line, !!finding.fix]), [[10, true], [19, true]]);
    const { text } = await fixUntilStable(source);
    assert.deepEqual((await lint(text, SPK001)).findings, []);
    assert.equal(text.match(/scaler = StandardScaler\(inputCol="raw", outputCol="features"\)\.fit\(train\)/g)?.length, 2);
  });

  it('offers no fix where the edit would not be exact', async () => {
    const header = [
      'from pyspark.ml import Pipeline',
      'from pyspark.ml.classification import LogisticRegression',
      'from pyspark.ml.evaluation import BinaryClassificationEvaluator',
      'from pyspark.ml.feature import IndexToString, StandardScaler, StringIndexer, VectorAssembler',
      'from pyspark.sql import SparkSession',
      '',
      'spark = SparkSession.builder.getOrCreate()',
      'data = spark.table("events")',
    ];
    const cases: Record<string, string[]> = {
      'the split targets are used between the fit and the split': [
        'scaler = StandardScaler(inputCol="raw", outputCol="features").fit(data)',
        'train = data.limit(10)',
        'train, test = data.randomSplit([0.8, 0.2], seed=1)',
        'model = LogisticRegression().fit(scaler.transform(train))',
        'auc = BinaryClassificationEvaluator().evaluate(model.transform(scaler.transform(test)))',
      ],
      'the transformed data is used again after the split': [
        'scaler = StandardScaler(inputCol="raw", outputCol="features").fit(data)',
        'scaled = scaler.transform(data)',
        'train, test = scaled.randomSplit([0.8, 0.2], seed=1)',
        'scaled.write.parquet("s3://out/scaled")',
        'model = LogisticRegression().fit(train)',
        'auc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      ],
      'the fitted indexer is read outside the Pipeline, and the split is in another block': [
        'indexer = StringIndexer(inputCol="category", outputCol="label").fit(data)',
        'if True:',
        '    train, test = data.randomSplit([0.8, 0.2], seed=1)',
        'stages = [indexer, VectorAssembler(inputCols=["x"], outputCol="features"), LogisticRegression()]',
        'model = Pipeline(stages=stages + [IndexToString(inputCol="prediction", outputCol="category_out", labels=indexer.labels)]).fit(train)',
        'auc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      ],
      'the fit is on a two-statement line': [
        'scaler = StandardScaler(inputCol="raw", outputCol="features").fit(data); x = 1',
        'train, test = data.randomSplit([0.8, 0.2], seed=1)',
        'model = LogisticRegression().fit(scaler.transform(train))',
        'auc = BinaryClassificationEvaluator().evaluate(model.transform(scaler.transform(test)))',
      ],
    };
    for (const [name, lines] of Object.entries(cases)) {
      const { findings } = await lint([...header, ...lines, ''].join('\n'), SPK001);
      assert.ok(findings.length >= 1, `${name}: the leak is still reported`);
      assert.deepEqual(findings.map((finding) => finding.fix?.title), findings.map(() => undefined), `${name}: no fix expected`);
    }
  });
});

// Test files (by name or by importing pytest/unittest) skip all but the Spark config rules (SPK403-
// SPK405) by default; `testIgnore` changes which, and [] lints them like jobs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from 'web-tree-sitter';
import { lintTree } from '../../src/rules/engine';
import { isTestFile } from '../../src/rules/testFiles';
import { codesAt, lint, testParser } from './helpers';

function pointAt(text: string, index: number): Point {
  const before = text.slice(0, index).split('\n');
  return { row: before.length - 1, column: before[before.length - 1]!.length };
}

const TEST_BODY = [
  'from pyspark.sql import SparkSession, functions as F',
  '',
  'spark = SparkSession.builder.config("spark.executor.memroy", "8g").getOrCreate()',
  'def test_no_orphans(spark):',
  '    orders = spark.read.json("tests/data/orders.json")',
  '    rows = orders.collect()',
  '    assert orders.count() == 0',
  '    for c in ["a", "b", "c"]:',
  '        orders = orders.withColumn(c, F.lit(1))',
  '    assert rows',
  '',
].join('\n');

describe('test files', () => {
  it('are known by the names pytest and unittest collect, conftest.py, or a pytest/unittest import', () => {
    for (const name of ['test_orders.py', 'orders_test.py', 'orders_tests.py', 'tests.py', 'conftest.py']) assert.ok(isTestFile(`/p/${name}`, new Map()), name);
    for (const name of ['job.py', 'testing.py', 'contest.py', 'latest.py', 'test_data.csv']) assert.ok(!isTestFile(`/p/tests/${name}`, new Map()), name);
    assert.ok(isTestFile('/p/checks.py', new Map([['unittest', 'unittest']])));
    assert.ok(isTestFile('/p/checks.py', new Map([['TestCase', 'unittest.TestCase']])));
    // a mock in a job or a notebook's data setup does not make it a test
    assert.ok(!isTestFile('/p/setup_data.py', new Map([['mock', 'unittest.mock']])));
    assert.ok(!isTestFile('/p/setup_data.py', new Map([['patch', 'unittest.mock.patch']])));

    assert.ok(isTestFile('/p/checks.py', new Map([['unittest', 'unittest']])));
    assert.ok(isTestFile(undefined, new Map([['fixture', 'pytest.fixture']])));
    // pytest plugins and the DataFrame assertions only tests use
    assert.ok(isTestFile(undefined, new Map([['scenarios', 'pytest_bdd.scenarios']])));
    assert.ok(isTestFile(undefined, new Map([['assert_df_equality', 'chispa.assert_df_equality']])));
    assert.ok(isTestFile(undefined, new Map([['assertDataFrameEqual', 'pyspark.testing.assertDataFrameEqual']])));
    assert.ok(!isTestFile(undefined, new Map([['pytesting', 'pytesting']])));
    assert.ok(!isTestFile(undefined, new Map([['F', 'pyspark.sql.functions']])));
  });

  it('skip all but the Spark config rules by default', async () => {
    const asJob = codesAt(await lint(TEST_BODY, { filePath: '/p/jobs/orders.py' }));
    assert.deepEqual(asJob, ['SPK403@3', 'SPK101@6', 'SPK104@7', 'SPK301@9']);
    const asTest = codesAt(await lint(TEST_BODY, { filePath: '/p/tests/test_orders.py' }));
    assert.deepEqual(asTest, ['SPK403@3']);
    const byImport = codesAt(await lint(`import pytest\n${TEST_BODY}`, {}));
    assert.deepEqual(byImport, ['SPK403@4']);
    // a job may mock with unittest.mock without being a test
    const mocking = codesAt(await lint(`import unittest.mock\n${TEST_BODY}`, { filePath: '/p/jobs/orders.py' }));
    assert.deepEqual(mocking, ['SPK403@4', 'SPK101@7', 'SPK104@8', 'SPK301@10']);
    const both = codesAt(await lint(`import unittest.mock\nimport unittest\n${TEST_BODY}`, {}));
    assert.deepEqual(both, ['SPK403@5']);
  });

  it('by name only when the file defines a test or asserts (pytest collects nothing from a job named AB_test.py)', async () => {
    const job = TEST_BODY.replace('def test_no_orphans(spark):', 'def compare_groups(spark):');
    const ab = job.replace('    assert orders.count() == 0\n', '    print(orders.count() == 0)\n').replace('    assert rows\n', '    print(rows)\n');
    assert.deepEqual(codesAt(await lint(ab, { filePath: '/p/dags/AB_test.py' })), ['SPK403@3', 'SPK101@6', 'SPK104@7', 'SPK301@9']);
    const inClass = job.replace('def compare_groups(spark):', 'class TestOrders:\n  def check(spark):').replace(/\n {4}/g, '\n      ');
    assert.deepEqual(codesAt(await lint(inClass, { filePath: '/p/dags/orders_test.py' })), ['SPK403@3']);
    // a script that runs its own checks with assert, in a function named for tests, is a test; a job's sanity check is not
    const runner = job.replace('def compare_groups(spark):', 'def run_all_tests(spark):');
    assert.deepEqual(codesAt(await lint(runner, { filePath: '/p/run_all_test.py' })), ['SPK403@3']);
    assert.deepEqual(codesAt(await lint(job, { filePath: '/p/run_all_test.py' })), ['SPK403@3', 'SPK101@6', 'SPK104@7', 'SPK301@9']);
    // a test function nested in a helper is not collected by pytest
    const nested = ab.replace('def compare_groups(spark):', 'def compare_groups(spark):\n    def test_uplift():\n        pass');
    assert.deepEqual(codesAt(await lint(nested, { filePath: '/p/dags/AB_test.py' })), ['SPK403@3', 'SPK101@8', 'SPK104@9', 'SPK301@11']);
    // a TestCase subclass of any name with test methods is collected too
    const testCase = job.replace('def compare_groups(spark):', 'class OrdersChecks(ReusedSQLTestCase):\n  def test_orders(spark):').replace(/\n {4}/g, '\n      ');
    assert.deepEqual(codesAt(await lint(testCase, { filePath: '/p/tests/test_orders.py' })), ['SPK403@3']);
    // conftest.py holds fixtures, not tests
    assert.deepEqual(codesAt(await lint(job, { filePath: '/p/tests/conftest.py' })), ['SPK403@3']);
  });

  it('re-lint as a fresh lint does when an edit makes a file named like a test one, or not (the rules that run change)', async () => {
    const parser = await testParser();
    const job = TEST_BODY.replace('def test_no_orphans(spark):', 'def compare_groups(spark):').replace('    assert orders.count() == 0\n', '').replace('    assert rows\n', '    print(rows)\n');
    const test = 'def test_groups():\n    pass\n';
    const options = { filePath: '/p/AB_test.py' };
    for (const [before, after] of [[job, job + test], [job + test, job]] as const) {
      const tree = parser.parse(before)!;
      lintTree(tree, before, options);
      const at = job.length;
      const [removed, inserted] = before === job ? [0, test] : [test.length, ''];
      tree.edit({
        startIndex: at, oldEndIndex: at + removed, newEndIndex: at + inserted.length,
        startPosition: pointAt(before, at), oldEndPosition: pointAt(before, at + removed), newEndPosition: pointAt(after, at + inserted.length),
      });
      const next = parser.parse(after, tree)!;
      const incremental = lintTree(next, after, options, tree);
      const fresh = parser.parse(after)!;
      assert.deepEqual(incremental, lintTree(fresh, after, options));
      assert.deepEqual(codesAt(incremental), after === job ? ['SPK403@3', 'SPK101@6', 'SPK301@8'] : ['SPK403@3']);
      for (const t of [tree, next, fresh]) t.delete();
    }
  });

  it('follow testIgnore: other codes, or none', async () => {
    const filePath = '/p/tests/test_orders.py';
    assert.deepEqual(codesAt(await lint(TEST_BODY, { filePath, testIgnore: ['SPK101'] })), ['SPK403@3', 'SPK104@7', 'SPK301@9']);
    assert.deepEqual(codesAt(await lint(TEST_BODY, { filePath, testIgnore: [] })), ['SPK403@3', 'SPK101@6', 'SPK104@7', 'SPK301@9']);
  });

  it('leave a call to the rule that reports it only while that rule runs on the file', async () => {
    // SPK101 leaves `len(x.collect())` to SPK110: with SPK110 off in test files, SPK101 reports it there
    const body = TEST_BODY.replace('rows = orders.collect()', 'rows = len(orders.collect())');
    const filePath = '/p/tests/test_orders.py';
    assert.deepEqual(codesAt(await lint(body, { filePath, testIgnore: [] })), ['SPK403@3', 'SPK110@6', 'SPK104@7', 'SPK301@9']);
    assert.deepEqual(codesAt(await lint(body, { filePath, testIgnore: ['SPK110'] })), ['SPK403@3', 'SPK101@6', 'SPK104@7', 'SPK301@9']);
  });
});

// SPK401's fix on a project on disk: the schema comes from the local file the read names (found from the
// job's folder upward), a folder's first data file, only the start of a large file; remote, glob and
// compressed paths get none, and an edited data file gives a new schema.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyFixes } from '../../src/rules/fixes';
import { SAMPLE_BYTES } from '../../src/rules/localDataFile';
import type { Finding } from '../../src/rules/types';
import { lint } from './helpers';

let project: string;
let job: string;

async function spk401(source: string): Promise<Finding[]> {
  writeFileSync(job, source);
  const { findings } = await lint(source, { select: ['SPK401'], filePath: job });
  return findings;
}

const HEADER = 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\n';

describe('SPK401 schema fix from local data', () => {
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'sparkml-spk401-'));
    mkdirSync(join(project, 'jobs'));
    mkdirSync(join(project, 'data/events'), { recursive: true });
    writeFileSync(join(project, 'data/trips.csv'), 'id,fare,day\n1,12.5,2024-03-01\n2,7,2024-03-02\n');
    writeFileSync(join(project, 'data/events/_SUCCESS'), '');
    writeFileSync(join(project, 'data/events/part-00001.csv'), '9,x\n');
    writeFileSync(join(project, 'data/events/part-00000.csv'), '1,true\n2,false\n');
    writeFileSync(join(project, 'data/old.csv.gz'), 'not really gzip');
    job = join(project, 'jobs/train.py');
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('replaces inferSchema with the inferred DDL schema, found from the project root', async () => {
    const source = `${HEADER}trips = spark.read.csv("data/trips.csv", header=True, inferSchema=True)\n`;
    const [finding] = await spk401(source);
    assert.equal(finding?.fix?.safety, 'unsafe');
    assert.equal(finding?.fix?.title, 'Pass the schema inferred from data/trips.csv (3 columns, 2 rows read)');
    const fixed = applyFixes(source, [finding!]).text;
    assert.ok(fixed.endsWith('trips = spark.read.csv("data/trips.csv", header=True, schema="id INT, fare DOUBLE, day DATE")\n'), fixed);
    assert.deepEqual(await spk401(fixed), [], 'the fixed read is not flagged again');
  });

  it('rewrites the option form to .schema(...), follows a path held in a name, and reads a folder like Spark', async () => {
    const source = `${HEADER}PATH = "data/events"\nevents = spark.read.format("csv").option("inferSchema", "true").load(PATH)\n`;
    const [finding] = await spk401(source);
    assert.equal(finding?.fix?.title, 'Pass the schema inferred from data/events/part-00000.csv (2 columns, 2 rows read)');
    const fixed = applyFixes(source, [finding!]).text;
    assert.ok(fixed.includes('spark.read.format("csv").schema("_c0 INT, _c1 BOOLEAN").load(PATH)'), fixed);
  });

  it('offers nothing for an empty path (a parameter default) or a folder of code', async () => {
    const empty = await spk401(`${HEADER}def load(path=""):\n    return spark.read.csv(path, header=True, inferSchema=True)\n`);
    assert.equal(empty.length, 1);
    assert.equal(empty[0]!.fix, undefined, 'the job\'s own folder is not its data');
    const code = await spk401(`${HEADER}df = spark.read.csv("jobs", header=True, inferSchema=True)\n`);
    assert.equal(code[0]!.fix, undefined, 'jobs/ holds train.py, no data file');
  });

  it('uses the read options, and offers nothing when one of them is not a literal', async () => {
    writeFileSync(join(project, 'data/semi.csv'), 'a;b\n1;x\n');
    const literal = await spk401(`${HEADER}df = spark.read.option("sep", ";").csv("data/semi.csv", header=True, inferSchema=True)\n`);
    assert.match(literal[0]?.fix?.edits[0]?.newText ?? '', /schema="a INT, b STRING"/);
    const dynamic = await spk401(`${HEADER}import sys\ndf = spark.read.csv("data/semi.csv", header=True, sep=sys.argv[1], inferSchema=True)\n`);
    assert.equal(dynamic.length, 1);
    assert.equal(dynamic[0]!.fix, undefined);
  });

  it('reads only the start of a large file, cut at a whole line', async () => {
    const row = '123456,some text that pads the row out,2.5\n';
    const rows = Math.ceil((SAMPLE_BYTES * 2) / row.length);
    writeFileSync(join(project, 'data/large.csv'), `id,text,score\n${row.repeat(rows)}`);
    const [finding] = await spk401(`${HEADER}df = spark.read.csv("data/large.csv", header=True, inferSchema=True)\n`);
    const read = Number(/(\d+) rows read/.exec(finding?.fix?.title ?? '')?.[1]);
    assert.ok(read > 1000 && read < rows, `read ${read} of ${rows} rows`);
    assert.match(finding!.fix!.edits[0]!.newText, /schema="id INT, text STRING, score DOUBLE"/);
  });

  it('gives a new schema when the data file changes', async () => {
    const source = `${HEADER}df = spark.read.csv("data/changing.csv", inferSchema=True)\n`;
    writeFileSync(join(project, 'data/changing.csv'), '1\n2\n');
    assert.match((await spk401(source))[0]?.fix?.edits[0]?.newText ?? '', /_c0 INT/);
    writeFileSync(join(project, 'data/changing.csv'), '1\nx\n');
    utimesSync(join(project, 'data/changing.csv'), new Date(), new Date(Date.now() + 5000));
    assert.match((await spk401(source))[0]?.fix?.edits[0]?.newText ?? '', /_c0 STRING/);
  });

  it('offers no fix for remote, glob, compressed, missing or JSON reads, still reporting them', async () => {
    const reads = [
      'spark.read.csv("s3a://bucket/trips.csv", header=True, inferSchema=True)',
      'spark.read.csv("data/*.csv", header=True, inferSchema=True)',
      'spark.read.csv("data/old.csv.gz", inferSchema=True)',
      'spark.read.csv("data/missing.csv", inferSchema=True)',
      'spark.read.options(inferSchema=True).json("data/trips.csv")',
    ];
    const findings = await spk401(HEADER + reads.map((read, i) => `df${i} = ${read}\n`).join(''));
    assert.equal(findings.length, reads.length);
    assert.deepEqual(findings.map((finding) => finding.fix), reads.map(() => undefined));
  });

  it('without a file path (an unsaved editor) resolves only absolute paths', async () => {
    const absolute = `${HEADER}trips = spark.read.csv(${JSON.stringify(join(project, 'data/trips.csv'))}, header=True, inferSchema=True)\n`;
    const relative = `${HEADER}trips = spark.read.csv("data/trips.csv", header=True, inferSchema=True)\n`;
    assert.match((await lint(absolute, { select: ['SPK401'] })).findings[0]?.fix?.edits[0]?.newText ?? '', /schema="id INT, fare DOUBLE, day DATE"/);
    const unresolved = (await lint(relative, { select: ['SPK401'] })).findings;
    assert.equal(unresolved.length, 1);
    assert.equal(unresolved[0]!.fix, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dns1035Slug, isDns1035Label, newSubmissionId, runNameFor } from '../../../src/submit/runName';
import { joinKey, parseS3Uri, toS3, toS3a } from '../../../src/submit/s3Uri';

describe('run names', () => {
  it('are DNS-1035 labels short enough for the operator suffixes', () => {
    for (const name of ['Churn_Model.train', '9lives', 'x'.repeat(200), '---', 'ÄÖÜ job']) {
      const run = runNameFor(name, newSubmissionId());
      assert.ok(isDns1035Label(run), run);
      assert.ok(`${run}-ui-svc`.length <= 63, run);
    }
  });

  it('are the same for the same submission and differ between submissions', () => {
    const id = newSubmissionId();
    assert.equal(runNameFor('train', id), runNameFor('train', id));
    assert.notEqual(runNameFor('train', id), runNameFor('train', newSubmissionId()));
  });

  it('slugs start with a letter and do not end with a dash', () => {
    assert.equal(dns1035Slug('9_Churn__Model-', 63), 'churn-model');
    assert.equal(dns1035Slug('', 63), 'job');
  });
});

describe('s3 URIs', () => {
  it('converts between s3:// and s3a://', () => {
    assert.equal(toS3a('s3://bucket/a/b.py'), 's3a://bucket/a/b.py');
    assert.equal(toS3('s3a://bucket/a/b.py'), 's3://bucket/a/b.py');
    assert.deepEqual(parseS3Uri('s3a://b/k/x.zip'), { bucket: 'b', key: 'k/x.zip' });
    assert.throws(() => parseS3Uri('s3://bucket-only'), /not an s3/);
    assert.throws(() => toS3a('gs://b/k'), /not an s3/);
  });

  it('joins prefixes without doubled slashes', () => {
    assert.equal(joinKey('/jobs/churn/', 'train.py'), 'jobs/churn/train.py');
    assert.equal(joinKey(undefined, 'train.py'), 'train.py');
  });
});

// One-click submission in a real workbench (issue 5): job.py's CodeLens "Submit to kube-test" submits
// to the local Kubernetes API (kubeflow spark-operator flavour, objects validated against the real
// CRD, an operator simulation walking SUBMITTED -> RUNNING -> COMPLETED with a driver log that grows
// while it runs). The Jobs view shows the run running, then completed; the run's output channel shows
// the driver log while it runs; the run's inline "Cancel Run" deletes the SparkApplication.
// Screenshots in test-results/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ensureChromium } from '../harness/chromium';
import { repoRoot } from '../harness/codeServer';
import { startUiSession, type UiSession } from '../harness/uiSession';
import { assertEventually, openFromExplorer, screenshot, waitUnlessCommandFails, workbenchStep } from '../harness/workbench';
import { crdFixturesMissing } from '../servers/crdSchemas';
import { startLocalKube, type LocalKube } from '../servers/localKube';

const chromium = ensureChromium();
const crdsMissing = crdFixturesMissing();
const skip = !chromium.ok ? chromium.reason : crdsMissing || false;
const slow = { timeout: 300_000 };

const KUBEFLOW_APPS = 'sparkoperator.k8s.io/v1beta2/sparkapplications';
const NAMESPACE = 'default';
/** The context startLocalKube's kubeconfig defines. */
const CONTEXT = 'local';
// One operator step per second and 40 driver steps: the run stays RUNNING for about 40 s, long
// enough for a slow workbench to show it and for a user to cancel it.
const STEP_MS = 1_000;
const RUNNING_STEPS = 40;

/**
 * The job spec of the brief plus `sparkVersion`, which the kubeflow CRD requires (spec.required) and
 * the extension therefore requires for a kubeflow target (docs/submit.md).
 */
const jobSpec = {
  targets: { 'kube-test': { type: 'kubeflow', context: CONTEXT, namespace: NAMESPACE } },
  jobs: [
    {
      name: 'churn-train',
      target: 'kube-test',
      mainFile: 'job.py',
      image: 'apache/spark:3.5.1-python3',
      sparkVersion: '3.5.1',
      delivery: { type: 'container', path: 'local:///app/job.py' },
    },
  ],
};

/** The brief's spec as written, without `sparkVersion`, beside a copy of job.py in a folder of its own. */
const LITERAL_DIR = 'literal-spec';
const literalSpec = { ...jobSpec, jobs: jobSpec.jobs.map(({ sparkVersion: _omitted, ...job }) => job) };

if (!chromium.ok) it('the submission UI test needs Chromium', { skip: chromium.reason }, () => undefined);
else if (crdsMissing) it('the submission UI test needs the real SparkApplication CRDs', { skip: crdsMissing }, () => undefined);

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One row of the Jobs view: its label and description as rendered. */
interface Row {
  label: string;
  description: string;
}

describe('Submitting a job from the workbench to Kubernetes (code-server + Chromium + local API)', { skip }, () => {
  let kube: LocalKube | undefined;
  let session: UiSession | undefined;
  let page: Page;
  const step = workbenchStep('submit', () => page);

  const apps = (): Obj[] => kube!.api.list(KUBEFLOW_APPS, NAMESPACE);
  const appState = (name: string): string | undefined => kube!.api.get(KUBEFLOW_APPS, NAMESPACE, name)?.status?.applicationState?.state;

  /** The Jobs view's pane body (the view the "Spark" activity bar entry shows). */
  const jobsPane = (): Locator => page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^\s*Jobs/ }) }).first();

  async function jobsRows(): Promise<Row[]> {
    const rows = jobsPane().locator('.pane-body .monaco-list-row');
    return rows.evaluateAll((elements) =>
      elements.map((element) => ({
        label: (element.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (element.querySelector('.label-description')?.textContent ?? '').trim(),
      })),
    );
  }

  /**
   * Shows the Jobs view through the activity bar's "Spark" entry, unless it is shown already. The
   * extension also focuses the view after a submission, and a click on the entry of the container
   * already shown would hide the side bar: so click only while the view is not visible, and look again.
   */
  async function showJobsView(): Promise<void> {
    const body = jobsPane().locator('.pane-body');
    const entry = page.locator('.part.activitybar .action-item a.action-label[aria-label="Spark"]').first();
    await assertEventually(async () => {
      if (await body.isVisible()) return true;
      await entry.click();
      await body.waitFor({ timeout: 5_000 }).catch(() => undefined);
      return (await body.isVisible()) ? true : 'the Jobs view is not shown after a click on "Spark" in the activity bar';
    });
  }

  /** Waits until the view shows kube-test > churn-train > `run` with a description starting with `state`. */
  async function waitForRunRow(run: string, state: RegExp, timeoutMs = 120_000): Promise<Row[]> {
    let seen: Row[] = [];
    await assertEventually(async () => {
      seen = await jobsRows();
      const labels = seen.map((r) => r.label);
      const target = labels.indexOf('kube-test');
      const job = labels.indexOf('churn-train');
      const row = seen.find((r) => r.label === run);
      if (target < 0 || job < target || !row || seen.indexOf(row) < job) return `the Jobs view shows ${JSON.stringify(seen)}`;
      return state.test(row.description) ? true : `the run's row reads "${row.label}" / "${row.description}" (server state ${appState(run) ?? 'gone'})`;
    }, timeoutMs);
    return seen;
  }

  /** The text the Output panel renders and the name of the channel it shows. */
  async function outputPanel(): Promise<{ channel: string; text: string }> {
    const panel = page.locator('.part.panel');
    const lines = await panel.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
    const channel = await panel
      .locator('select.monaco-select-box')
      .first()
      .evaluate((select) => {
        const element = select as HTMLSelectElement;
        return element.options[element.selectedIndex]?.text ?? '';
      })
      .catch(() => '');
    return { channel, text: lines.join('\n').replace(/\u00a0/g, ' ') };
  }

  async function clickSubmitLens(): Promise<void> {
    const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: 'Submit to kube-test' }).first();
    await lens.waitFor({ timeout: 120_000 });
    await lens.click();
  }

  /** Waits for the SparkApplication the last click created (one more than `before`) and returns its name. */
  async function newApplication(before: string[]): Promise<string> {
    let name = '';
    await assertEventually(async () => {
      const created = apps()
        .map((a) => a.metadata.name as string)
        .filter((n) => !before.includes(n));
      if (created.length > 1) return `the submission created ${created.length} SparkApplications: ${created.join(', ')}`;
      if (!created.length) return `no new SparkApplication on the server (there are: ${before.join(', ') || 'none'})`;
      name = created[0];
      return true;
    }, 120_000);
    return name;
  }

  before(async () => {
    kube = await startLocalKube(STEP_MS, RUNNING_STEPS);
    session = await startUiSession({
      env: { KUBECONFIG: kube.kubeconfig },
      files: {
        'sparkml.jobs.json': `${JSON.stringify(jobSpec, null, 2)}\n`,
        [`${LITERAL_DIR}/sparkml.jobs.json`]: `${JSON.stringify(literalSpec, null, 2)}\n`,
        [`${LITERAL_DIR}/job.py`]: readFileSync(join(repoRoot, 'test/fixtures/workspace/job.py'), 'utf8'),
      },
    });
    page = session.page;
  }, slow);

  after(async () => {
    await session?.close();
    await kube?.stop();
  });

  let firstRun = '';

  step('submits job.py with the "Submit to kube-test" CodeLens: exactly one SparkApplication', slow, async () => {
    await openFromExplorer(page, 'job.py');
    const lens = page.locator('.editor-instance .codelens-decoration', { hasText: 'Submit to kube-test' }).first();
    await lens.waitFor({ timeout: 120_000 });
    // On the first line: the lens sits above line 1, before any other view line.
    const lensBox = await lens.boundingBox();
    const firstLine = await page.locator('.editor-instance .view-lines .view-line', { hasText: 'Train a churn classifier' }).first().boundingBox();
    assert.ok(lensBox && firstLine && lensBox.y < firstLine.y, `the CodeLens is not above the first line: ${JSON.stringify({ lensBox, firstLine })}`);
    await screenshot(page, 'submit-codelens');
    await clickSubmitLens();
    firstRun = await newApplication([]);
    const stored = apps();
    assert.equal(stored.length, 1, `SparkApplications on the server: ${stored.map((a) => a.metadata.name).join(', ')}`);
    const app = stored[0];
    assert.match(firstRun, /^churn-train-[0-9a-f]{8}$/);
    assert.equal(app.spec.image, 'apache/spark:3.5.1-python3');
    assert.equal(app.spec.mainApplicationFile, 'local:///app/job.py');
    assert.ok(app.metadata.annotations?.['sparkml.dev/submission-id'], 'no submission id annotation');
    console.log(`submitted ${firstRun}`);
  });

  step('shows the run as running in the Jobs view and its driver log in "Spark job: <run>" while it runs', slow, async () => {
    await showJobsView();
    await waitUnlessCommandFails(page, jobsPane().locator('.monaco-list-row', { hasText: firstRun }).first(), 120_000);
    const rows = await waitForRunRow(firstRun, /^running\b/);
    console.log(`Jobs view while running: ${JSON.stringify(rows)}`);
    // The extension shows the run's channel after submitting; the driver prints an epoch line per step.
    let seen = { channel: '', text: '' };
    await assertEventually(async () => {
      seen = await outputPanel();
      if (!seen.channel.includes(`Spark job: ${firstRun}`)) return `the Output panel shows channel "${seen.channel}"`;
      // A LogOutputChannel: each driver line at its log4j level (`[info]`), after the channel's own time.
      return /\[info\] train: epoch \d+ loss=/.test(seen.text) ? true : `the channel reads: ${seen.text.slice(0, 400)}`;
    }, 120_000);
    // Read while the application is still RUNNING on the server and in the view.
    const state = appState(firstRun);
    assert.equal(state, 'RUNNING', `the log was read after the run left RUNNING (${state}); make the run longer`);
    const row = (await jobsRows()).find((r) => r.label === firstRun);
    assert.match(row?.description ?? '', /^running\b/);
    assert.match(seen.text, /\[info\] SparkContext: Running Spark version/);
    const lines = seen.text.split('\n').filter((line) => line.trim());
    console.log(`"Spark job: ${firstRun}" while RUNNING (${lines.length} lines shown):\n  ${lines.slice(0, 6).join('\n  ')}`);
    await screenshot(page, 'submit-jobs-view-running');
  });

  step('shows the run as completed, with the whole driver log', slow, async () => {
    const rows = await waitForRunRow(firstRun, /^completed\b/, 180_000);
    console.log(`Jobs view when completed: ${JSON.stringify(rows)}`);
    assert.equal(appState(firstRun), 'COMPLETED');
    await assertEventually(async () => {
      const { text } = await outputPanel();
      return /Successfully stopped SparkContext/.test(text) ? true : `the end of the log is not shown: ${text.slice(-400)}`;
    }, 60_000);
    await screenshot(page, 'submit-jobs-view-completed');
  });

  step('cancels a second run from its inline "Cancel Run" action: the SparkApplication is deleted', slow, async () => {
    // The side bar shows the Jobs view now: back to the Explorer, as a user would.
    await page.keyboard.press('Control+Shift+E');
    await openFromExplorer(page, 'job.py');
    // This run must still be RUNNING when the click lands, however slow the machine: make it long.
    kube!.operator.setRunningSteps(600);
    await clickSubmitLens();
    const secondRun = await newApplication([firstRun]);
    console.log(`submitted ${secondRun}`);
    await showJobsView();
    await waitForRunRow(secondRun, /^running\b/);
    assert.equal(appState(secondRun), 'RUNNING');
    const row = jobsPane().locator('.monaco-list-row', { hasText: secondRun }).first();
    await row.hover();
    const cancel = row.locator('.actions .action-label[aria-label="Cancel Run"]').first();
    await cancel.waitFor({ timeout: 30_000 });
    await screenshot(page, 'submit-cancel-hover');
    await cancel.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Cancel ${secondRun}?` }).first();
    await dialog.waitFor({ timeout: 60_000 });
    await screenshot(page, 'submit-cancel-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Cancel Run' }).first().click();
    await assertEventually(async () => (kube!.api.get(KUBEFLOW_APPS, NAMESPACE, secondRun) ? `${secondRun} is still on the server (${appState(secondRun)})` : true), 60_000);
    assert.ok(kube!.api.get(KUBEFLOW_APPS, NAMESPACE, firstRun), 'cancelling the second run deleted the first (completed) one');
    const rows = await waitForRunRow(secondRun, /^(cancelled|failed)\b/, 120_000);
    const ended = rows.find((r) => r.label === secondRun)!;
    console.log(`cancelled run in the Jobs view: "${ended.label}" / "${ended.description}"`);
    // The kubeflow target reports a deleted SparkApplication as CANCELLED (src/submit/kubernetesTarget.ts).
    assert.match(ended.description, /^cancelled\b/, `a cancelled run should read "cancelled", not "${ended.description}"`);
    await screenshot(page, 'submit-jobs-view-cancelled');
  });

  step('refuses a spec without sparkVersion with a message naming it, and creates nothing', slow, async () => {
    const before = apps().map((a) => a.metadata.name as string);
    // From the Explorer: expand the folder, open the job.py inside it.
    await page.keyboard.press('Control+Shift+E');
    const explorer = page.locator('.explorer-folders-view');
    await explorer.locator('.monaco-list-row', { hasText: LITERAL_DIR }).first().click();
    const nested = explorer.locator('.monaco-list-row[aria-level="2"]', { hasText: 'job.py' }).first();
    await nested.waitFor({ timeout: 60_000 });
    await nested.click();
    // The editor shows the copy: its breadcrumbs name the folder.
    await page.locator('.editor-instance .breadcrumbs-control, .breadcrumbs-below-tabs', { hasText: LITERAL_DIR }).first().waitFor({ timeout: 60_000 });
    await clickSubmitLens();
    const toast = page.locator('.notification-toast', { hasText: 'submitting churn-train failed' }).first();
    await toast.waitFor({ timeout: 120_000 });
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    console.log(`literal spec: "${message}"`);
    assert.match(message, /needs "sparkVersion"/);
    // Let the toast finish fading in, for a readable picture (not a measurement).
    await page.waitForTimeout(1_000);
    await screenshot(page, 'submit-literal-spec-error');
    assert.deepEqual(
      apps().map((a) => a.metadata.name as string),
      before,
      'a SparkApplication was created from a spec without sparkVersion',
    );
  });
});

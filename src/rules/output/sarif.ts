// SARIF 2.1.0 output (the format GitHub code scanning reads). Columns are UTF-16 code units, which the
// run declares with columnKind. Syntax and skipped-file notices become tool execution notifications.
import { pathToFileURL } from 'node:url';
import { ruleDocUrl, rules } from '../registry';
import type { Finding, Severity } from '../types';
import { type FileResult, shownRange } from './findingRows';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function region(finding: Finding) {
  const { start, end } = finding.range;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * A finding's location. In a notebook, SARIF regions would count lines of its JSON: the location is
 * the file, and the message names the cell and line.
 */
function located(result: FileResult, finding: Finding, artifactLocation: { uri: string; uriBaseId: string }) {
  const { cell, range } = shownRange(result, finding.range);
  if (!cell) return { where: '', physicalLocation: { artifactLocation, region: region(finding) } };
  return { where: `cell ${cell}, line ${range.start.line + 1}: `, physicalLocation: { artifactLocation } };
}

/** `rootDir`: the absolute folder the result paths are relative to. */
export function formatSarif(results: FileResult[], toolVersion: string, rootDir: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.code, index]));
  const artifactUri = (file: string) => file.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
  const sarifResults = results.flatMap((result) =>
    result.findings.map((finding) => {
      const { where, physicalLocation } = located(result, finding, { uri: artifactUri(result.file), uriBaseId: '%SRCROOT%' });
      const entry: Record<string, unknown> = {
        ruleId: finding.code,
        level: LEVEL[finding.severity],
        message: { text: `${where}${finding.message}` },
        locations: [{ physicalLocation }],
      };
      const index = ruleIndex.get(finding.code);
      if (index !== undefined) entry.ruleIndex = index;
      if (finding.related?.length && !result.cells) {
        entry.relatedLocations = finding.related.map((related, id) => ({
          id,
          message: { text: related.message },
          physicalLocation: { artifactLocation: { uri: artifactUri(result.file), uriBaseId: '%SRCROOT%' }, region: region({ ...finding, range: related.range }) },
        }));
      }
      if (finding.fix) {
        entry.fixes = [{
          description: { text: `${finding.fix.title} (${finding.fix.safety})` },
          artifactChanges: [{
            artifactLocation: { uri: artifactUri(result.file), uriBaseId: '%SRCROOT%' },
            replacements: finding.fix.edits.map((edit) => ({
              deletedRegion: { startLine: edit.range.start.line + 1, startColumn: edit.range.start.character + 1, endLine: edit.range.end.line + 1, endColumn: edit.range.end.character + 1 },
              insertedContent: { text: edit.newText },
            })),
          }],
        }];
      }
      return entry;
    }),
  );
  const notifications = results.flatMap((result) =>
    result.notices.map((notice) => {
      const { where, physicalLocation } = located(result, notice, { uri: artifactUri(result.file), uriBaseId: '%SRCROOT%' });
      return { level: notice.severity === 'error' ? 'error' : 'note', message: { text: `${where}${notice.code}: ${notice.message}` }, locations: [{ physicalLocation }] };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'sparkml',
          fullName: 'Spark ML Toolkit linter',
          version: toolVersion,
          informationUri: 'https://github.com/sparkml-toolkit/spark-ml-toolkit',
          rules: rules.map((rule) => ({
            id: rule.meta.code,
            name: rule.meta.name,
            shortDescription: { text: rule.meta.docs.whatItDoes },
            fullDescription: { text: rule.meta.docs.whyIsThisBad },
            helpUri: ruleDocUrl(rule.meta.code),
            help: { text: rule.meta.docs.whyIsThisBad },
            defaultConfiguration: { level: LEVEL[rule.meta.severity] },
          })),
        },
      },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(rootDir.endsWith('/') ? rootDir : `${rootDir}/`).href } },
      columnKind: 'utf16CodeUnits',
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

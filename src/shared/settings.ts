// The extension's settings (`sparkml.*`) as the server and the client see them, with a sanitizer:
// a wrong value in settings.json is reported and replaced by the default, never a crash.

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = SeverityName | 'off';

export interface LintSettings {
  enable: boolean;
  select: string[];
  ignore: string[];
  severity: Record<string, SeveritySetting>;
}

export interface SparkMlSettings {
  lint: LintSettings;
}

export const defaultSettings: SparkMlSettings = {
  lint: { enable: true, select: [], ignore: [], severity: {} },
};

export interface SanitizedSettings {
  settings: SparkMlSettings;
  /** One line per value that was wrong and replaced by its default. */
  problems: string[];
}

const severities: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];
const codePattern = /^SPK\d{0,3}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function codeList(value: unknown, key: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`sparkml.lint.${key} must be a list of rule codes such as ["SPK101"]; ignoring it.`);
    return [];
  }
  const codes: string[] = [];
  for (const item of value) {
    if (typeof item === 'string' && codePattern.test(item.trim().toUpperCase())) codes.push(item.trim().toUpperCase());
    else problems.push(`sparkml.lint.${key}: ${JSON.stringify(item)} is not a rule code or prefix (SPK, SPK1, SPK101); ignoring it.`);
  }
  return codes;
}

/** Turns whatever the user wrote under `sparkml` into valid settings, listing what was wrong. */
export function sanitizeSettings(raw: unknown): SanitizedSettings {
  const problems: string[] = [];
  const lintRaw = isRecord(raw) && isRecord(raw.lint) ? raw.lint : {};
  let enable = defaultSettings.lint.enable;
  if (lintRaw.enable !== undefined) {
    if (typeof lintRaw.enable === 'boolean') enable = lintRaw.enable;
    else problems.push(`sparkml.lint.enable must be true or false, not ${JSON.stringify(lintRaw.enable)}; using true.`);
  }
  const severity: Record<string, SeveritySetting> = {};
  if (lintRaw.severity !== undefined && !isRecord(lintRaw.severity)) {
    problems.push('sparkml.lint.severity must be an object such as {"SPK101": "error"}; ignoring it.');
  } else if (isRecord(lintRaw.severity)) {
    for (const [code, value] of Object.entries(lintRaw.severity)) {
      const upper = code.trim().toUpperCase();
      if (!codePattern.test(upper)) problems.push(`sparkml.lint.severity: ${JSON.stringify(code)} is not a rule code; ignoring it.`);
      else if (typeof value !== 'string' || !severities.includes(value)) {
        problems.push(`sparkml.lint.severity.${upper} must be one of ${severities.join(', ')}, not ${JSON.stringify(value)}; ignoring it.`);
      } else severity[upper] = value as SeveritySetting;
    }
  }
  return {
    settings: { lint: { enable, select: codeList(lintRaw.select, 'select', problems), ignore: codeList(lintRaw.ignore, 'ignore', problems), severity } },
    problems,
  };
}

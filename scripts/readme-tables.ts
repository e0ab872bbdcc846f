/**
 * Rewrites the generated tables of README.md from the code: the rule table between the
 * `rules:start` / `rules:end` markers. `test/validation/readme-rules.test.ts` fails when it is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BatchRules } from '../src';

export function ruleTableMarkdown(): string {
  const rows = BatchRules.all().map((r) => `| \`${r.id}\` | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | severity | what it catches |', '|---|---|---|', ...rows].join('\n');
}

const START = /<!-- rules:start[^>]*-->/;
const END = '<!-- rules:end -->';

/** README text with the rule table replaced by the generated one. */
export function withRuleTable(readme: string): string {
  const start = START.exec(readme);
  const end = readme.indexOf(END);
  if (!start || end < start.index) throw new Error('README.md has no rules:start/rules:end markers');
  const head = readme.slice(0, start.index + start[0].length);
  return `${head}\n${ruleTableMarkdown()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  fs.writeFileSync(file, withRuleTable(fs.readFileSync(file, 'utf8')));
}

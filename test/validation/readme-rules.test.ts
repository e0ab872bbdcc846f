import * as fs from 'fs';
import * as path from 'path';
import { withRuleTable } from '../../scripts/readme-tables';

test('the README rule table is the one generated from BatchRules.all() (run scripts/readme-tables.ts to update)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(withRuleTable(readme)).toBe(readme);
});

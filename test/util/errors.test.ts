import { formatConfigError } from '../../src/util/errors';

// Names, keys and ids come from the user: a line break in one must not split a problem over lines
// (the report is one problem per line, and tools read it line by line).
test('control characters and line separators in a problem are escaped: one problem, one line', () => {
  const line = formatConfigError({ path: 'app/a\nb', field: 'containers[x\u2028y].env.T\tK', value: 'v', problem: 'must be fine', fix: 'rename' });
  expect(line).toBe('app/a\\nb: containers[x\\u2028y].env.T\\tK must be fine (got "v"). Fix: rename');
  expect(line.split(/[\n\r\u2028\u2029\u0085]/)).toHaveLength(1);
});

test('ordinary text is left as it is', () => {
  expect(formatConfigError({ path: 'app/job', field: 'backoffLimit', value: -1, problem: 'must be at least 0', fix: 'e.g. 2' }))
    .toBe('app/job: backoffLimit must be at least 0 (got -1). Fix: e.g. 2');
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTML_FILES } from '../../src/shared/entryPoints';

// What clasp pushes from dist/: .claspignore ignores everything, then lets through the files Apps Script needs.

const root = join(__dirname, '../..');

function pushedFiles(): string[] {
  const lines = readFileSync(join(root, '.claspignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  // The form this reading understands: ignore all, then one negation per file.
  expect(lines[0]).toBe('**/**');
  const kept = lines.slice(1);
  for (const line of kept) expect(line).toMatch(/^![\w.]+$/);
  return kept.map((line) => line.slice(1));
}

describe('the files clasp pushes', () => {
  it('are the script, every HTML file the add-on opens, and the manifest', () => {
    const html = Object.values(HTML_FILES).map((name) => `${name}.html`);
    expect(pushedFiles().sort()).toEqual(['Code.js', 'appsscript.json', ...html].sort());
  });

  it('are all written by the build', () => {
    for (const file of pushedFiles()) expect(existsSync(join(root, 'dist', file))).toBe(true);
  });
});

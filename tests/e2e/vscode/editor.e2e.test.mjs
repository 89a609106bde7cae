// The regrapht extension in a real editor: code-server + the packaged .vsix + `regrapht lsp`
// (scripted model, no GPU), driven by Playwright in headless Chromium. Started by run-e2e.sh.
//
// Checks what the user sees: the status item (model, CPU, idle, then busy), the hover's
// predicted path, the context-menu entry, the progress notification, the diff preview with
// nothing written yet, Apply, the new .cu file on disk, the hover's measured path after, and a
// second run from the command palette stopped by the notification's Cancel; the reasoning
// graph; and what the user is told when Python or the model is missing.
// A screenshot of each stage goes to $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const URL = process.env.CS_URL;
const WORKSPACE = process.env.WORKSPACE;
const SHOTS = process.env.SHOTS ?? 'shots';
const T = 90_000;
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const text = async (locator) => (await locator.innerText()).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
let browser, page;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
});
after(async () => { await browser?.close(); });

const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** Moves the mouse over `locator` in small steps until a hover containing `words` shows. */
async function hoverUntil(locator, words) {
  const box = await locator.boundingBox();
  const hover = page.locator('.monaco-hover').getByText(words).first();
  for (let i = 0; !(await hover.isVisible()); i++) {
    assert.ok(i < 40, `no hover with "${words}"`);
    // each move restarts VS Code's hover delay, so pause after it
    await page.mouse.move(box.x + 4 + (i % 5) * 4, box.y + box.height / 2, { steps: 3 });
    await page.waitForTimeout(1000);
  }
  return text(page.locator('.monaco-hover').filter({ hasText: words }).first());
}

test('Parallelize to CUDA in VS Code: status, hover, menu, progress, preview, apply, cancel, graph, missing things', async () => {
  try {
    await stages();
  } catch (error) {
    await shot('failure');
    throw error;
  }
});

async function stages() {
  const cuda = path.join(WORKSPACE, 'saxpy.cu');
  await page.goto(URL);
  await page.locator('.monaco-workbench').waitFor({ timeout: T });
  await page.locator('.explorer-folders-view').getByText('saxpy.c', { exact: true }).click({ timeout: T });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const body = editor.locator('.view-line').filter({ hasText: /y\[i\]\s*=\s*a\s\*\sx\[i\]/ });
  await body.waitFor({ timeout: T });
  log('saxpy.c open');

  // 1) the status item: the server is up, the model and where it runs, idle
  const status = page.locator('.statusbar-item').filter({ hasText: 'regrapht:' });
  await status.filter({ hasText: 'idle' }).waitFor({ timeout: T });
  const idle = await text(status);
  assert.match(idle, /regrapht: scripted: answers\.jsonl · CPU · idle/);
  log(`status: ${idle}`);

  // 2) hover before a run: the path the reasoning graph predicts
  const loop = editor.locator('.view-line').filter({ hasText: /for\s\(int\si\s=\s0/ });
  const predicted = await hoverUntil(loop.locator('span', { hasText: /^for$/ }).first(), 'predicted optimization path');
  // (the hover renders the Markdown: no backticks, no list numbers)
  assert.match(predicted, /predicted optimization path for the for loop over i at line 5 of saxpy/);
  assert.match(predicted, /thread mapping: \d+ verified examples?, median speedup [\d.]+x kernel/);
  assert.match(predicted, /Closest example: /);
  log(`hover: ${predicted.slice(0, 160)}`);
  await shot('01-hover-predicted-path');
  // close it (it covers the loop): away from the editor, then Escape until it is gone
  await page.mouse.move(150, 400, { steps: 3 });
  for (let i = 0; await page.locator('.monaco-hover').filter({ hasText: 'predicted' }).isVisible(); i++) {
    assert.ok(i < 20, 'the hover does not close');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(250);
  }

  // 3) the context menu entry
  // by coordinates: locator.click() scrolls the element "into view", which scrolls the editor
  const line = await body.boundingBox();
  await page.mouse.click(line.x + 120, line.y + line.height / 2, { button: 'right' });
  const entry = page.getByRole('menuitem', { name: 'Parallelize to CUDA' }); // pierces the menu's shadow DOM
  await entry.waitFor({ timeout: T });
  await shot('02-context-menu');
  await entry.click();
  log('picked Parallelize to CUDA');

  // 4) progress notification with its stage and Cancel, the status item busy
  const toasts = page.locator('.notifications-toasts');
  const progress = toasts.locator('.notification-list-item').filter({ hasText: 'Parallelize to CUDA' });
  await progress.waitFor({ timeout: T });
  await status.filter({ hasText: 'busy' }).waitFor({ timeout: T });
  await progress.filter({ hasText: /search step|reference|parsing|loading/ }).waitFor({ timeout: T });
  log(`progress: ${await text(progress)}`);
  await progress.getByRole('button', { name: 'Cancel' }).waitFor({ timeout: T });
  await page.waitForTimeout(400); // the notification fades in
  await shot('03-progress');

  // 5) the preview: diff of saxpy.c against the proposed saxpy.cu; nothing written yet
  const diff = page.locator('.monaco-diff-editor');
  await diff.waitFor({ timeout: T });
  await page.locator('.tab').filter({ hasText: 'saxpy.c ↔ saxpy.cu' }).waitFor({ timeout: T });
  await diff.locator('.view-line').filter({ hasText: /__global__\svoid\ssaxpy_kernel/ }).first().waitFor({ timeout: T });
  const question = toasts.locator('.notification-list-item').filter({ hasText: 'saxpy → saxpy.cu' });
  await question.waitFor({ timeout: T });
  const asked = await text(question);
  assert.match(asked, /compiled-not-run \(NOT verified\)/);
  assert.match(asked, /NOT run/);
  assert.equal(fs.existsSync(cuda), false, 'nothing is written before Apply');
  log(`preview: ${asked}`);
  await shot('04-preview');

  // 6) the details: the summary with the measured path, as a Markdown preview
  await question.getByRole('button', { name: 'Show details' }).click();
  await page.locator('.tab').filter({ hasText: /Preview saxpy-summary\.md/ }).waitFor({ timeout: T });
  await page.waitForTimeout(1500); // the preview's webview draws after its tab appears
  await shot('05-details');
  await question.waitFor({ timeout: T }); // asked again after the details

  // 7) Apply: saxpy.cu and its report on disk, opened in the editor
  await question.getByRole('button', { name: 'Apply' }).click();
  const deadline = Date.now() + T;
  while (!(fs.existsSync(cuda) && fs.readFileSync(cuda, 'utf8').includes('__global__'))) {
    assert.ok(Date.now() < deadline, 'saxpy.cu was not written');
    await page.waitForTimeout(200);
  }
  const written = fs.readFileSync(cuda, 'utf8');
  assert.match(written, /__global__ void saxpy_kernel\(int n, float a, const float \*x, float \*y\)/);
  assert.match(written, /extern "C" void saxpy\(/);
  const report = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'saxpy.report.json'), 'utf8'));
  assert.equal(report.status, 'compiled-not-run');
  await page.locator('.tab.active').filter({ hasText: 'saxpy.cu' }).waitFor({ timeout: T });
  await status.filter({ hasText: 'idle' }).waitFor({ timeout: T });
  log('applied: saxpy.cu and saxpy.report.json written');
  await shot('06-applied');

  // 8) hover after the run: the measured path
  await page.locator('.tab').filter({ hasText: /^saxpy\.c$/ }).first().click();
  await page.keyboard.press('Control+Home'); // the run may have left the editor scrolled
  await body.waitFor({ timeout: T });
  await body.click();
  const measured = await hoverUntil(loop.locator('span', { hasText: /^for$/ }).first(), 'measured path');
  assert.match(measured, /measured path for saxpy: compiled-not-run/);
  log(`hover: ${measured.slice(0, 160)}`);
  await shot('07-hover-measured-path');

  // 9) again from the command palette, and Cancel while the model writes: it stops, nothing
  //    changes on disk, the status item is idle again
  await page.mouse.move(150, 400, { steps: 3 });
  await page.keyboard.press('Escape');
  const before = fs.statSync(cuda).mtimeMs;
  await body.click();
  await page.keyboard.press('F1');
  await page.keyboard.type('regrapht: Parallelize to CUDA');
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Parallelize to CUDA' }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  const writing = toasts.locator('.notification-list-item').filter({ hasText: 'the model writes' });
  await writing.waitFor({ timeout: T });
  await writing.getByRole('button', { name: 'Cancel' }).click();
  await toasts.locator('.notification-list-item').filter({ hasText: 'cancelled; nothing was written' }).waitFor({ timeout: T });
  await status.filter({ hasText: 'idle' }).waitFor({ timeout: T });
  assert.equal(await diff.count(), 0, 'no preview after Cancel');
  assert.equal(fs.statSync(cuda).mtimeMs, before, 'saxpy.cu unchanged after Cancel');
  log('cancelled from the progress notification');

  // 10) the reasoning graph, from the palette, in a webview
  await page.keyboard.press('F1');
  await page.keyboard.type('regrapht: Show Reasoning Graph');
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Show Reasoning Graph' }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  await page.locator('.tab').filter({ hasText: 'regrapht: reasoning graph' }).waitFor({ timeout: T });
  await page.waitForTimeout(1500); // the webview draws after its tab appears
  await shot('08-reasoning-graph');
  log('reasoning graph shown');

  // 11) what is missing is said, with a button that fixes it: no Python, then no model
  //     (as workspace settings: the workspace's files are watched, the profile's may not be)
  const writeSettings = (settings) => {
    fs.mkdirSync(path.join(WORKSPACE, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(WORKSPACE, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  };
  writeSettings({ 'regrapht.interpreter': ['/nonexistent/python3'] });
  const noPython = toasts.locator('.notification-list-item').filter({ hasText: '"/nonexistent/python3" (the regrapht.interpreter setting) cannot be run' });
  await noPython.waitFor({ timeout: T });
  await noPython.getByRole('button', { name: 'Open settings' }).waitFor({ timeout: T });
  await status.filter({ hasText: 'not running' }).waitFor({ timeout: T });
  await shot('09-no-python');
  log(`no Python: ${await text(noPython)}`);
  writeSettings({ 'regrapht.scriptedModel': null, 'regrapht.modelPath': path.join(WORKSPACE, 'missing.gguf') });
  const noModel = toasts.locator('.notification-list-item').filter({ hasText: 'the model is not ready' });
  await noModel.waitFor({ timeout: T });
  assert.match(await text(noModel), /model file not found: .*missing\.gguf\. Run `?regrapht model fetch/);
  await noModel.getByRole('button', { name: 'Fetch model' }).waitFor({ timeout: T });
  await status.filter({ hasText: 'missing · CPU · idle' }).waitFor({ timeout: T });
  await shot('10-no-model');
  log(`no model: ${await text(noModel)}`);
}

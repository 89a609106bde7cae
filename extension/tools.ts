/**
 * The commands that run regrapht's command line rather than the server: fetching the model
 * (in a terminal, so its download progress is visible) and showing the reasoning graph
 * (`regrapht graph show`, an HTML page with inline SVG, in a webview).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { SERVER_MODULE } from './common/constants';
import { Interpreter } from './common/python';

/** Runs `regrapht model fetch` in a terminal; resolves when the terminal closes. */
export function fetchModel(python: Interpreter): Promise<number | undefined> {
  const terminal = vscode.window.createTerminal({
    name: 'regrapht: fetch model',
    shellPath: python.command,
    shellArgs: [...python.args, '-m', SERVER_MODULE, 'model', 'fetch'],
  });
  terminal.show();
  return new Promise((resolve) => {
    const watch = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) {
        watch.dispose();
        resolve(closed.exitStatus?.code);
      }
    });
  });
}

function run(python: Interpreter, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python.command, [...python.args, '-m', SERVER_MODULE, ...args], { timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(stderr.trim() || error.message));
        } else {
          resolve(stdout);
        }
      });
  });
}

/** Writes the graph page with `regrapht graph show --out` and shows it in a webview. */
export async function showGraph(python: Interpreter, graphPath: string | null): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regrapht-graph-'));
  const out = path.join(dir, 'graph.html');
  const args = ['graph', 'show', '--out', out, ...(graphPath ? ['--graph', graphPath] : [])];
  try {
    await run(python, args);
    const panel = vscode.window.createWebviewPanel('regrapht.graph', 'regrapht: reasoning graph',
      vscode.ViewColumn.Active, { enableScripts: false });
    panel.webview.html = fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

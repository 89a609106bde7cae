/**
 * Finding the Python that runs the server, and checking it can: the `regrapht.interpreter`
 * setting, else the Python extension's interpreter, else the workspace's `.venv`, else
 * `python3` on PATH. A check runs `import regrapht` and says exactly what is missing.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SERVER_MODULE } from './constants';
import { interpreterSetting } from './settings';

export interface Interpreter {
  command: string;
  args: string[]; // leading arguments, before `-m regrapht ...`
  source: string; // where it came from, for messages
}

export type Check =
  | { ok: true; version: string }
  | { ok: false; problem: 'no-python' | 'no-package'; message: string };

interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath?: (resource?: vscode.Uri) => { path: string } | undefined;
    resolveEnvironment?: (env: { path: string }) => Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

async function fromPythonExtension(folder: vscode.Uri | undefined): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const active = api.environments?.getActiveEnvironmentPath?.(folder);
    if (!active) {
      return undefined;
    }
    const resolved = await api.environments?.resolveEnvironment?.(active);
    return resolved?.executable.uri?.fsPath ?? active.path;
  } catch {
    return undefined; // an optional helper: its failures only mean "not from there"
  }
}

function venvPython(folder: vscode.Uri | undefined): string | undefined {
  if (!folder) {
    return undefined;
  }
  const candidate = process.platform === 'win32'
    ? path.join(folder.fsPath, '.venv', 'Scripts', 'python.exe')
    : path.join(folder.fsPath, '.venv', 'bin', 'python');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** The interpreter to use, in the order of the module docstring. */
export async function findInterpreter(): Promise<Interpreter> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const configured = interpreterSetting(folder);
  if (configured.length > 0) {
    return { command: configured[0], args: configured.slice(1), source: 'the regrapht.interpreter setting' };
  }
  const selected = await fromPythonExtension(folder);
  if (selected) {
    return { command: selected, args: [], source: "the Python extension's interpreter" };
  }
  const venv = venvPython(folder);
  if (venv) {
    return { command: venv, args: [], source: "the workspace's .venv" };
  }
  const onPath = process.platform === 'win32' ? 'python' : 'python3';
  return { command: onPath, args: [], source: `${onPath} on PATH` };
}

/** Runs `<python> -c "import regrapht"`: whether the server can start, and if not, why. */
export function checkInterpreter(python: Interpreter): Promise<Check> {
  const code = `import ${SERVER_MODULE}; print(${SERVER_MODULE}.__version__)`;
  return new Promise((resolve) => {
    execFile(python.command, [...python.args, '-c', code], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ ok: true, version: stdout.trim() });
        return;
      }
      const errno = (error as NodeJS.ErrnoException).code;
      if (errno === 'ENOENT' || errno === 'EACCES') {
        resolve({
          ok: false, problem: 'no-python',
          message: `regrapht needs Python 3.11 or newer: "${python.command}" (${python.source}) cannot be run. ` +
            'Set regrapht.interpreter to a Python that has the regrapht package.',
        });
        return;
      }
      const last = stderr.trim().split('\n').pop() ?? error.message;
      resolve({
        ok: false, problem: 'no-package',
        message: `The regrapht package is not installed for ${python.command} (${python.source}): ${last}. ` +
          'Run `pip install -e .` in the regrapht checkout (or scripts/setup.sh), or set regrapht.interpreter.',
      });
    });
  });
}

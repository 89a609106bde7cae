/**
 * The extension's settings (contributes.configuration in package.json): which of them go to
 * the server, as initialization options and workspace configuration, and the interpreter.
 */
import * as os from 'os';
import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';

/** Keys the server reads (server/regrapht/lsp/options.py), camelCase as it wants them. */
export const SERVER_KEYS = [
  'modelPath', 'gpuLayers', 'threads', 'method', 'searchBudget', 'outputMode', 'useGpu',
  'graphPath', 'buildDir', 'scriptedModel',
] as const;
const PATH_KEYS = new Set<string>(['modelPath', 'graphPath', 'buildDir', 'scriptedModel']);

export type ServerSettings = Record<string, unknown>;

/** `~` and `${workspaceFolder}` expanded, as users write them in settings.json. */
export function resolvePath(value: string, folder: vscode.WorkspaceFolder | undefined): string {
  let out = value.trim();
  if (out === '~' || out.startsWith('~/')) {
    out = os.homedir() + out.slice(1);
  }
  return out.replace(/\$\{workspaceFolder\}/g, folder?.uri.fsPath ?? '');
}

function folderOf(scope: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  return scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
}

/** The server's settings; unset ones are null, which the server reads as "not set". */
export function serverSettings(scope?: vscode.Uri): ServerSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const folder = folderOf(scope);
  const settings: ServerSettings = {};
  for (const key of SERVER_KEYS) {
    const value: unknown = config.get(key);
    if (PATH_KEYS.has(key)) {
      settings[key] = typeof value === 'string' && value.trim() ? resolvePath(value, folder) : null;
    } else {
      settings[key] = value ?? null;
    }
  }
  return settings;
}

/**
 * What the server gets at start: its settings, and `previewEdits` so that it hands every
 * result to this client's preview (Apply / Discard) instead of writing it.
 */
export function initializationOptions(): { regrapht: ServerSettings } {
  return { regrapht: { ...serverSettings(), previewEdits: true } };
}

/** The `regrapht.interpreter` setting: a command and its leading arguments, or []. */
export function interpreterSetting(scope?: vscode.Uri): string[] {
  const value: unknown = vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get('interpreter');
  const folder = folderOf(scope);
  if (typeof value === 'string') {
    return value.trim() ? [resolvePath(value, folder)] : [];
  }
  return Array.isArray(value)
    ? value.filter((x): x is string => typeof x === 'string' && x.trim() !== '')
      .map((x) => resolvePath(x, folder))
    : [];
}

/**
 * The preview before anything is written: the server's `regrapht/preview` request (see
 * server/regrapht/lsp/preview.py) becomes a diff of the original source against the proposed
 * CUDA (a read-only virtual document), a notification with the result and Apply / Discard,
 * and, on demand, the summary (speedups, optimization path) as a Markdown preview.
 * The answer goes back to the server, which checks the document version and writes.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { PREVIEW_SCHEME } from './common/constants';

export interface PreviewParams {
  sourceUri: string;
  version: number | null;
  function: string;
  mode: 'file' | 'replace';
  targetUri: string;
  reportUri: string;
  proposed: string;
  status: string;
  verified: boolean;
  message: string;
  summary: string;
}

export type PreviewAnswer = { action: 'apply' | 'discard' };

export const APPLY = 'Apply';
export const DISCARD = 'Discard';
export const DETAILS = 'Show details';

/** Read-only documents under `regrapht-preview:`: the proposed text and the summary. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private counter = 0;
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A fresh URI ending in `name` (so the editor picks the language from it) with `text`. */
  put(name: string, text: string): vscode.Uri {
    this.counter += 1;
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${String(this.counter)}/${name}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Closes the diff, the summary and its Markdown preview (a webview tab, known by its label). */
function closeTabsShowing(uris: vscode.Uri[]): Thenable<boolean> {
  const wanted = new Set(uris.map((u) => u.toString()));
  const previews = new Set(uris.map((u) => `Preview ${path.posix.basename(u.path)}`));
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputWebview) {
      return previews.has(tab.label);
    }
    if (input instanceof vscode.TabInputTextDiff) {
      return wanted.has(input.modified.toString());
    }
    return input instanceof vscode.TabInputText && wanted.has(input.uri.toString());
  });
  return vscode.window.tabGroups.close(tabs);
}

/** Shows one proposal; resolves with what the user chose (closing the message: discard). */
export async function showPreview(params: PreviewParams, documents: PreviewDocuments,
                                  log: vscode.LogOutputChannel): Promise<PreviewAnswer> {
  const source = vscode.Uri.parse(params.sourceUri);
  const target = vscode.Uri.parse(params.targetUri);
  const targetName = path.basename(target.fsPath);
  const proposed = documents.put(targetName, params.proposed);
  const summary = documents.put(`${params.function}-summary.md`, params.summary);
  log.info(`preview of ${params.function} -> ${targetName} (${params.status}):\n${params.summary}`);
  const shown = [proposed, summary];
  try {
    const title = `${path.basename(source.fsPath)} ↔ ${targetName} (proposed, ${params.status})`;
    await vscode.commands.executeCommand('vscode.diff', source, proposed, title, { preview: false });
    const text = `regrapht: ${params.function} → ${targetName}: ${params.status}` +
      `${params.verified ? '' : ' (NOT verified)'}. ${params.message}`;
    for (;;) {
      const choice = params.verified
        ? await vscode.window.showInformationMessage(text, APPLY, DISCARD, DETAILS)
        : await vscode.window.showWarningMessage(text, APPLY, DISCARD, DETAILS);
      if (choice === DETAILS) {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', summary);
        continue;
      }
      log.info(`preview of ${params.function}: ${choice ?? 'dismissed'}`);
      return { action: choice === APPLY ? 'apply' : 'discard' };
    }
  } finally {
    await closeTabsShowing(shown);
    shown.forEach((uri) => { documents.forget(uri); });
  }
}

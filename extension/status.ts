/**
 * The status-bar item: the model, where it runs (CPU or GPU), and idle/busy; a problem that
 * stops the server shows here too. Clicking it shows the log. The server's `regrapht/status`
 * request (server/regrapht/lsp/status.py) says what is in effect.
 */
import * as vscode from 'vscode';
import { Commands } from './common/constants';

export interface ServerStatus {
  version: string;
  model: string;
  modelPath: string;
  modelReady: boolean;
  modelProblem: string;
  gpuLayers: number;
  gpu: boolean;
  gpuProblem: string;
  method: string;
  searchBudget: number;
  outputMode: string;
  busy: boolean;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('regrapht.status', vscode.StatusBarAlignment.Left, 10);
  private info: ServerStatus | undefined;
  private busy = 0;

  constructor() {
    this.item.name = 'regrapht';
    this.item.command = Commands.showLog;
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.info = undefined;
    this.item.text = '$(loading~spin) regrapht: starting';
    this.item.tooltip = 'Starting the regrapht language server';
    this.item.backgroundColor = undefined;
  }

  failed(problem: string): void {
    this.info = undefined;
    this.item.text = '$(error) regrapht: not running';
    this.item.tooltip = problem;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  update(info: ServerStatus): void {
    this.info = info;
    this.render();
  }

  /** Counts runs, so that overlapping ones keep it busy until the last ends. */
  setBusy(busy: boolean): void {
    this.busy = Math.max(0, this.busy + (busy ? 1 : -1));
    this.render();
  }

  private render(): void {
    const info = this.info;
    if (!info) {
      return;
    }
    const where = info.gpuLayers === 0 ? 'CPU' : 'GPU';
    const state = this.busy > 0 ? 'busy' : 'idle';
    const icon = this.busy > 0 ? '$(sync~spin)' : info.modelReady ? '$(circuit-board)' : '$(warning)';
    this.item.text = `${icon} regrapht: ${info.model} · ${where} · ${state}`;
    this.item.backgroundColor = info.modelReady ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**regrapht ${info.version}**: ${state}\n\n`);
    tooltip.appendMarkdown(`- model: \`${info.modelPath}\` ${info.modelReady ? '' : `(**not ready**: ${info.modelProblem})`}\n`);
    tooltip.appendMarkdown(`- model layers on the GPU: ${info.gpuLayers === 0 ? '0 (the model runs on the CPU)' : String(info.gpuLayers)}\n`);
    tooltip.appendMarkdown(`- candidates checked on a GPU: ${info.gpu ? 'yes' : `no (${info.gpuProblem}); results are compiled, not run`}\n`);
    tooltip.appendMarkdown(`- search: ${info.method}, ${info.searchBudget} model calls; output: ${info.outputMode}\n\n`);
    tooltip.appendMarkdown('Click to show the log.');
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}

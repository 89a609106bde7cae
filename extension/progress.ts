/**
 * Work-done progress from the server as a notification with a Cancel button that stops the
 * run (vscode-languageclient's own progress goes to the status bar, which has no Cancel).
 *
 * A static feature of the client: it says the client supports work-done progress, answers
 * window/workDoneProgress/create, shows the stages the server reports ($/progress), and turns
 * Cancel into window/workDoneProgress/cancel, which the server's run checks between tokens.
 */
import * as vscode from 'vscode';
import {
  BaseLanguageClient,
  ClientCapabilities,
  Disposable,
  FeatureState,
  ProgressToken,
  StaticFeature,
  WorkDoneProgress,
  WorkDoneProgressBegin,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import { TITLE } from './common/constants';

type Value = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export class NotificationProgressFeature implements StaticFeature {
  private readonly active = new Set<Disposable>();

  constructor(private readonly client: BaseLanguageClient) {}

  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.window = { ...capabilities.window, workDoneProgress: true };
  }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => { this.show(token); });
  }

  getState(): FeatureState {
    return { kind: 'static' };
  }

  clear(): void {
    for (const part of this.active) {
      part.dispose();
    }
    this.active.clear();
  }

  private show(token: ProgressToken): void {
    // subscribe now: the server sends `begin` as soon as `create` is answered
    const pending: Value[] = [];
    let sink: ((value: Value) => void) | undefined;
    let finish: (() => void) | undefined;
    const subscription = this.client.onProgress(WorkDoneProgress.type, token, (value) => {
      if (sink) {
        sink(value);
      } else {
        pending.push(value);
      }
    });
    const part = { dispose: () => { subscription.dispose(); finish?.(); } };
    this.active.add(part);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: TITLE, cancellable: true },
      (progress, cancellation) => new Promise<void>((resolve) => {
        let percent = 0;
        finish = () => { this.active.delete(part); resolve(); };
        cancellation.onCancellationRequested(() => {
          void this.client.sendNotification(WorkDoneProgressCancelNotification.type, { token });
        });
        sink = (value) => {
          if (value.kind === 'end') {
            part.dispose();
            return;
          }
          const increment = value.percentage !== undefined ? Math.max(0, value.percentage - percent) : undefined;
          percent = value.percentage ?? percent;
          progress.report({ message: value.message, increment });
        };
        pending.splice(0).forEach(sink);
      }),
    );
  }
}

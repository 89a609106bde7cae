/**
 * The regrapht extension: "Parallelize to CUDA" for C, C++ and CUDA files.
 *
 * On activation it finds a Python with the regrapht package (common/python.ts), starts the
 * language server (common/server.ts) and asks it what is in effect (status.ts); whatever is
 * missing (Python, the package, the model) is said in a message with a button that fixes it
 * where it can. `regrapht.parallelize` runs the server's command with a cancellable progress
 * notification (progress.ts); the result comes back as a preview (preview.ts) and is written
 * only on Apply. Hovers come straight from the server.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, State } from 'vscode-languageclient/node';
import { Commands, CONFIG_SECTION, LANGUAGES, PREVIEW_SCHEME, Requests } from './common/constants';
import { checkInterpreter, findInterpreter, Interpreter } from './common/python';
import { createClient, RegraphtLanguageClient } from './common/server';
import { serverSettings } from './common/settings';
import { PreviewDocuments, PreviewParams, showPreview } from './preview';
import { ServerStatus, StatusItem } from './status';
import { fetchModel, showGraph } from './tools';

interface Target { uri: string; line: number; character: number }

/** The server's code action passes a Target; the editor's context menu passes the file's Uri. */
function isTarget(value: unknown): value is Target {
  const x = value as Partial<Target> | null | undefined;
  return typeof x?.uri === 'string' && typeof x.line === 'number' && typeof x.character === 'number';
}
interface RunAnswer { status: string; applied: boolean; message: string; output?: string; report?: string }

const OPEN_SETTINGS = 'Open settings';
const FETCH_MODEL = 'Fetch model';
const SHOW_LOG = 'Show log';

class Extension implements vscode.Disposable {
  private client: RegraphtLanguageClient | undefined;
  private python: Interpreter | undefined;
  private problem = '';
  private readonly log = vscode.window.createOutputChannel('regrapht', { log: true });
  private readonly status = new StatusItem();
  private readonly documents = new PreviewDocuments();

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      this,
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this.documents),
      vscode.commands.registerCommand(Commands.parallelize, (given: unknown) => this.parallelize(given)),
      vscode.commands.registerCommand(Commands.fetchModel, () => this.fetchModel()),
      vscode.commands.registerCommand(Commands.showGraph, () => this.showGraph()),
      vscode.commands.registerCommand(Commands.restartServer, () => this.start()),
      vscode.commands.registerCommand(Commands.showLog, () => { this.log.show(); }),
      vscode.workspace.onDidChangeConfiguration((event) => this.configurationChanged(event)),
    );
  }

  // -- server ---------------------------------------------------------------------------

  async start(): Promise<void> {
    await this.stop();
    this.status.starting();
    const python = await findInterpreter();
    this.python = python;
    this.log.info(`Python: ${[python.command, ...python.args].join(' ')} (${python.source})`);
    const check = await checkInterpreter(python);
    if (!check.ok) {
      this.fail(check.message);
      this.tell('error', check.message, OPEN_SETTINGS, SHOW_LOG);
      return;
    }
    this.log.info(`regrapht ${check.version}: starting the language server`);
    const client = createClient(python, this.log);
    client.onRequest(Requests.preview, (params: PreviewParams) => showPreview(params, this.documents, this.log));
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped && this.client === client) {
        this.fail('the regrapht language server stopped; see the log (regrapht: Show Log)');
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.fail(`the regrapht language server did not start: ${String(error)}`);
      this.tell('error', `regrapht: ${this.problem}`, SHOW_LOG, OPEN_SETTINGS);
      return;
    }
    this.problem = '';
    await this.refreshStatus(true);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) {
      await client.stop().catch((error: unknown) => { this.log.warn(`stopping the server: ${String(error)}`); });
    }
  }

  private fail(problem: string): void {
    this.problem = problem;
    this.log.error(problem);
    this.status.failed(problem);
  }

  /** A message whose buttons fix the problem; not awaited, so nothing waits on the user. */
  private tell(kind: 'error' | 'warning', text: string, ...buttons: string[]): void {
    const show = kind === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(text, ...buttons).then((choice) => this.answer(choice));
  }

  private async answer(choice: string | undefined): Promise<void> {
    if (choice === OPEN_SETTINGS) {
      await vscode.commands.executeCommand('workbench.action.openSettings', CONFIG_SECTION);
    } else if (choice === SHOW_LOG) {
      this.log.show();
    } else if (choice === FETCH_MODEL) {
      await this.fetchModel();
    }
  }

  /** Asks the server what is in effect; `tellProblems`: say now if the model is missing. */
  private async refreshStatus(tellProblems = false): Promise<ServerStatus | undefined> {
    const client = this.client;
    if (!client?.isRunning()) {
      return undefined;
    }
    try {
      // params {}: pygls cannot read a request that has none
      const info = await client.sendRequest<ServerStatus>(Requests.status, {});
      this.status.update(info);
      if (tellProblems && !info.modelReady) {
        this.tell('warning', `regrapht: the model is not ready: ${info.modelProblem}`, FETCH_MODEL, OPEN_SETTINGS);
      }
      return info;
    } catch (error) {
      this.log.warn(`regrapht/status failed: ${String(error)}`);
      return undefined;
    }
  }

  private async configurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (event.affectsConfiguration(`${CONFIG_SECTION}.interpreter`)) {
      await this.start();
    } else if (event.affectsConfiguration(CONFIG_SECTION) && this.client?.isRunning()) {
      await this.client.sendNotification('workspace/didChangeConfiguration',
        { settings: { [CONFIG_SECTION]: serverSettings() } });
      await this.refreshStatus();
    }
  }

  // -- commands -------------------------------------------------------------------------

  private targetAtCursor(): Target | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !LANGUAGES.includes(editor.document.languageId)) {
      void vscode.window.showErrorMessage('regrapht: open a C, C++ or CUDA file and put the cursor in a loop.');
      return undefined;
    }
    const at = editor.selection.active;
    return { uri: editor.document.uri.toString(), line: at.line, character: at.character };
  }

  /** From the menu or palette (at the cursor), or the server's code action (its Target). */
  async parallelize(given: unknown): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) {
      this.tell('error', `regrapht: the server is not running${this.problem ? `: ${this.problem}` : ''}`,
        SHOW_LOG, OPEN_SETTINGS);
      return;
    }
    const target = isTarget(given) ? given : this.targetAtCursor();
    if (!target) {
      return;
    }
    this.status.setBusy(true);
    try {
      const answer = await client.sendRequest(ExecuteCommandRequest.type,
        { command: Commands.parallelize, arguments: [target] }) as RunAnswer | null;
      this.log.info(`parallelize: ${JSON.stringify(answer)}`);
      if (answer?.applied) {
        await this.saveWritten(answer);
      }
    } catch (error) {
      this.log.error(`parallelize failed: ${String(error)}`);
      this.tell('error', `regrapht: ${String(error)}`, SHOW_LOG);
    } finally {
      this.status.setBusy(false);
    }
  }

  /** The server's edit fills the new files in the editor: Apply means on disk too. */
  private async saveWritten(answer: RunAnswer): Promise<void> {
    for (const uri of [answer.report, answer.output]) {
      if (uri) {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        await document.save();
      }
    }
    if (answer.output) {
      await vscode.window.showTextDocument(vscode.Uri.parse(answer.output), { preview: false });
    }
  }

  private async fetchModel(): Promise<void> {
    const python = this.python ?? await findInterpreter();
    const code = await fetchModel(python);
    this.log.info(`regrapht model fetch ended (exit code ${String(code)})`);
    await this.refreshStatus();
  }

  private async showGraph(): Promise<void> {
    const python = this.python ?? await findInterpreter();
    const graph = serverSettings().graphPath;
    try {
      await showGraph(python, typeof graph === 'string' ? graph : null);
    } catch (error) {
      this.log.error(`regrapht graph show: ${String(error)}`);
      void vscode.window.showErrorMessage(`regrapht: the graph could not be shown: ${String(error)}`);
    }
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    this.documents.dispose();
    this.log.dispose();
  }
}

let extension: Extension | undefined;

export function activate(context: vscode.ExtensionContext): void {
  extension = new Extension();
  extension.register(context);
  void extension.start(); // the commands work (and say what is missing) while it starts
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
}

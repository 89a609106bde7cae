/**
 * The language client: starts `<python> -m regrapht lsp` over stdio for C, C++ and CUDA files,
 * passes the settings (initialization options, then workspace configuration), and leaves two
 * things of vscode-languageclient's to this extension: the `regrapht.parallelize` command (it is
 * this extension's, with its progress and preview) and the progress UI (progress.ts).
 */
import * as vscode from 'vscode';
import {
  DynamicFeature,
  ExecuteCommandRequest,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  StaticFeature,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, LANGUAGES, SERVER_MODULE, SERVER_NAME } from './constants';
import { Interpreter } from './python';
import { initializationOptions, serverSettings } from './settings';
import { NotificationProgressFeature } from '../progress';

/** Built-in features replaced here: the server's command is registered by extension.ts (the
 * client would register it a second time and fail), and progress gets a Cancel button. */
const REPLACED = new Set<string>([ExecuteCommandRequest.method, WorkDoneProgressCreateRequest.method]);

export class RegraphtLanguageClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const state = feature.getState();
    if ('id' in state && REPLACED.has(state.id)) {
      return;
    }
    super.registerFeature(feature);
  }
}

export function createClient(python: Interpreter, log: vscode.LogOutputChannel): RegraphtLanguageClient {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server: Executable = {
    command: python.command,
    args: [...python.args, '-m', SERVER_MODULE, 'lsp'],
    options: { cwd: folder, env: { ...process.env, PYTHONUNBUFFERED: '1' } },
  };
  const options: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    outputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: initializationOptions(),
    middleware: {
      workspace: {
        // the server asks for its section; answer with its keys only (not `interpreter`)
        configuration: (params) => params.items.map((item) => item.section === CONFIG_SECTION
          ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
          : null),
      },
    },
  };
  const client = new RegraphtLanguageClient(SERVER_NAME, 'regrapht', server, options);
  client.registerFeature(new NotificationProgressFeature(client));
  return client;
}

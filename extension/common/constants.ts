/** Names the manifest (package.json), this client and the Python server share, in one place. */

/** The server: `<python> -m regrapht lsp` (the `serverInfo` of package.json). */
export const SERVER_MODULE = 'regrapht';
export const SERVER_NAME = 'regrapht';

/** Settings section; every key but `interpreter` is passed on to the server. */
export const CONFIG_SECTION = 'regrapht';

/** Editor languages the server works on (VS Code's C/C++ extension calls CUDA `cuda-cpp`). */
export const LANGUAGES = ['c', 'cpp', 'cuda', 'cuda-cpp'];

export const Commands = {
  parallelize: 'regrapht.parallelize', // also the server's own command (its code action)
  fetchModel: 'regrapht.fetchModel',
  showGraph: 'regrapht.showGraph',
  restartServer: 'regrapht.restartServer',
  showLog: 'regrapht.showLog',
} as const;

/** regrapht's own LSP messages (server/regrapht/lsp/preview.py and status.py). */
export const Requests = {
  preview: 'regrapht/preview', // server -> client: show a finished run, answer apply/discard
  status: 'regrapht/status', // client -> server: model, GPU, busy
} as const;

/** URI scheme of the read-only proposed CUDA shown in the diff. */
export const PREVIEW_SCHEME = 'regrapht-preview';

export const TITLE = 'Parallelize to CUDA';

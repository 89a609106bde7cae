"""The language server (`regrapht lsp`): a pygls server on stdio for editors.

Modules by role: server.py (registration, state, thin handlers), options.py (settings),
actions.py (where the action applies, progress stages, output plan, apply-or-ask), hover.py
(predicted and measured paths as Markdown), runner.py (the heavy work, in a worker thread),
parallelize.py (the command from start to finish), lsp_types.py (`lsp_*` builders: with
server.py, the only modules importing lsprotocol).
"""

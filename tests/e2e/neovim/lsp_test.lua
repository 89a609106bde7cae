-- Headless Neovim (0.7, Debian 12) as a second, unrelated LSP client of `regrapht lsp`:
-- hover (predicted path), the code action list, and the action's command run to the end with
-- a scripted model (the "Write anyway" question answered, the edit applied by Neovim itself).
-- nvim 0.7 has no vim.lsp.start(): start_client + buf_attach_client.
-- Environment: PYTHON, SERVER_PYTHONPATH, SOURCE (file to open), SCRIPTED (answers file),
-- BUILD_DIR. Prints "PASS ..." lines and "N passed"; exits non-zero on the first failure.
local function out(s) io.stdout:write(s .. "\n") end
local function fail(msg) out("FAIL: " .. msg); vim.cmd("cquit 1") end

vim.cmd("edit " .. os.getenv("SOURCE"))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "regrapht",
  cmd = { os.getenv("PYTHON"), "-m", "regrapht", "lsp" },
  cmd_env = { PYTHONPATH = os.getenv("SERVER_PYTHONPATH") },
  root_dir = vim.fn.fnamemodify(os.getenv("SOURCE"), ":h"),
  init_options = { regrapht = { scriptedModel = os.getenv("SCRIPTED"), useGpu = false,
                                searchBudget = 1, buildDir = os.getenv("BUILD_DIR") } },
})
if not client_id then fail("start_client returned nil") end
vim.lsp.buf_attach_client(bufnr, client_id)
if not vim.wait(20000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized
end, 50) then fail("server did not initialize") end

local uri = vim.uri_from_bufnr(bufnr)
local passed = 0

-- 1. hover inside the loop: the predicted path (or the empty-graph note)
local res = vim.lsp.buf_request_sync(bufnr, "textDocument/hover",
  { textDocument = { uri = uri }, position = { line = 4, character = 8 } }, 10000)
local hover
for _, r in pairs(res or {}) do if r.result then hover = r.result.contents.value end end
if not (hover and hover:find("predicted optimization path", 1, true)) then
  fail("hover: " .. tostring(hover))
end
out("PASS hover: " .. hover:gsub("\n.*", ""))
passed = passed + 1

-- 2. the code action list
local res2 = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
  textDocument = { uri = uri },
  range = { start = { line = 4, character = 8 }, ["end"] = { line = 4, character = 8 } },
  context = { diagnostics = {} },
}, 10000)
local action
for _, r in pairs(res2 or {}) do for _, a in ipairs(r.result or {}) do action = a end end
if not (action and action.title == "Parallelize to CUDA" and action.kind == "refactor.rewrite")
then fail("code action: " .. vim.inspect(action)) end
out("PASS code action: " .. action.title .. " (" .. action.kind .. ")")
passed = passed + 1

-- 3. run the action's command; answer the question; Neovim applies the edit
local asked
vim.lsp.handlers["window/showMessageRequest"] = function(_, params)
  asked = params.message
  return { title = "Write anyway" }
end
local res3 = vim.lsp.buf_request_sync(bufnr, "workspace/executeCommand",
  { command = action.command.command, arguments = action.command.arguments }, 120000)
local answer
for _, r in pairs(res3 or {}) do answer = r.result or r.err end
if not (answer and answer.applied == true) then fail("command: " .. vim.inspect(answer)) end
if not (asked and asked:find("NOT run", 1, true)) then fail("not asked: " .. tostring(asked)) end
local cuda = vim.fn.bufnr(vim.fn.fnamemodify(os.getenv("SOURCE"), ":r") .. ".cu")
if cuda < 0 then fail("no buffer for the CUDA file") end
local text = table.concat(vim.api.nvim_buf_get_lines(cuda, 0, -1, false), "\n")
if not text:find("__global__ void saxpy_kernel", 1, true) then fail("CUDA buffer: " .. text) end
out("PASS command: " .. answer.status .. ", asked first, CUDA buffer has the kernel")
passed = passed + 1

out(passed .. " passed")
vim.lsp.stop_client(client_id)
vim.cmd("qall!")

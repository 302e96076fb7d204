-- Neovim end-to-end test of py3port-lsp (see README.md beside this file).
-- Reads PY3PORT_LSP (the server binary), PY3PORT_E2E_FILE (a copy of legacy.py) and
-- PY3PORT_E2E_OUT (a prefix: writes <prefix>.log, <prefix>.buffer, and <prefix>.error on
-- failure). Written for Neovim 0.7: vim.lsp.start_client, UTF-16 positions.

local server = assert(os.getenv('PY3PORT_LSP'), 'PY3PORT_LSP is not set')
local file = assert(os.getenv('PY3PORT_E2E_FILE'), 'PY3PORT_E2E_FILE is not set')
local out = assert(os.getenv('PY3PORT_E2E_OUT'), 'PY3PORT_E2E_OUT is not set')
local TIMEOUT = 30000 -- a failsafe: the Rust side asserts only on what was written
local log = {}

local function say(line)
  table.insert(log, line)
end

local function wait(what, condition)
  if not vim.wait(TIMEOUT, condition, 20) then
    error('timed out waiting for ' .. what)
  end
end

local function code_of(diagnostic)
  if diagnostic.code then
    return diagnostic.code
  end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code or '?'
end

local function diagnostics(bufnr)
  local found = vim.diagnostic.get(bufnr)
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return found
end

local function has_message(bufnr, code, message)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == code and d.message == message then
      return true
    end
  end
  return false
end

local function code_actions(client, bufnr, line, character, only)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = character }, ['end'] = { line = line, character = character } },
    context = { diagnostics = {}, only = only },
  }
  local response = client.request_sync('textDocument/codeAction', params, TIMEOUT, bufnr)
  assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response))
  return response.result or {}
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'py3port',
    cmd = { server },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    flags = { debounce_text_changes = 0 },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  wait('diagnostics', function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  say('offset encoding: ' .. tostring(client.offset_encoding))
  for _, d in ipairs(diagnostics(bufnr)) do
    -- lnum and col are 0-based, col in bytes (Neovim converted from UTF-16).
    say(string.format('diagnostic %s %d:%d %s', code_of(d), d.lnum, d.col, d.message))
  end

  -- The print statement's quick fix, on line 4 (0-based 3).
  local fix
  for _, action in ipairs(code_actions(client, bufnr, 3, 6, nil)) do
    say('action ' .. (action.kind or '?') .. ': ' .. action.title)
    if action.kind == 'quickfix.py3port.PY3101' then
      fix = action
    end
  end
  assert(fix and fix.edit, 'no print-statement quick fix')
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  wait('the print statement diagnostic to go', function()
    return not has_message(bufnr, 'PY3101', '`print` statement is a syntax error on Python 3')
  end)
  say('after quick fix: ' .. vim.api.nvim_buf_get_lines(bufnr, 3, 4, false)[1])
  for _, d in ipairs(diagnostics(bufnr)) do
    say(string.format('diagnostic %s %d:%d %s', code_of(d), d.lnum, d.col, d.message))
  end

  -- The whole-file fix, resolved by codeAction/resolve when it comes without an edit.
  local actions = code_actions(client, bufnr, 0, 0, { 'source.fixAll' })
  assert(#actions == 1, 'expected one source.fixAll action, got ' .. vim.inspect(actions))
  local fix_all = actions[1]
  say('action ' .. fix_all.kind .. ': ' .. fix_all.title .. (fix_all.edit and '' or ' (resolved lazily)'))
  if not fix_all.edit then
    local resolved = client.request_sync('codeAction/resolve', fix_all, TIMEOUT, bufnr)
    assert(resolved and not resolved.err, 'resolve failed: ' .. vim.inspect(resolved))
    fix_all = resolved.result
  end
  vim.lsp.util.apply_workspace_edit(fix_all.edit, client.offset_encoding)
  wait('the diagnostics to clear', function()
    return #vim.diagnostic.get(bufnr) == 0
  end)
  say('diagnostics after fix all: ' .. #vim.diagnostic.get(bufnr))

  vim.fn.writefile(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), out .. '.buffer')
  vim.lsp.stop_client(client_id)
  wait('the server to stop', function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end)
  say('server stopped')
end

local ok, err = pcall(run)
vim.fn.writefile(log, out .. '.log')
if ok then
  vim.cmd('qa!')
else
  vim.fn.writefile(vim.split(tostring(err), '\n'), out .. '.error')
  vim.cmd('cquit 1')
end

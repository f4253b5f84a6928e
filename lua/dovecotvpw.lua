-- dovecotvpw.lua (vmailmgr @version@): the virtual domains of vmailmgr for
-- Dovecot 2.4 and 2.3 through Dovecot's Lua passdb and userdb. See
-- dovecotvpw(8) and INSTALL. Configured with nothing but this file's path:
--   Dovecot 2.4:  passdb lua { lua_file = /usr/local/bin/dovecotvpw.lua }
--                 userdb prefetch { }
--   Dovecot 2.3:  passdb { driver = lua
--                          args = file=/usr/local/bin/dovecotvpw.lua blocking=yes }
--                 userdb { driver = prefetch }
-- plus a "userdb lua" with the same file for lookups without a login
-- (doveadm user, LMTP, dovecot-lda), and VMAILMGR_ETC in import_environment
-- when the settings are not in the compiled-in directory.
--
-- Every decision is made by the program dovecotvpw in this file's own
-- directory, with the same code as checkvpw; this glue only carries the
-- request there and the answer back. One helper serves this Lua state for
-- as long as the auth worker lives (dovecotvpw --serve): no process is
-- started per login. It makes a FIFO in a new 0700 directory of its own
-- and prints the path; the requests, passwords included, go through that
-- FIFO (no command line, no environment, no shell word), the answers come
-- back on its standard output, each ended by an empty line. The helper
-- bounds every request itself: its hooks are killed with everything they
-- started after 4 seconds, and the kernel ends it after 5 (alarm), so a
-- hanging helper or hook never pins an auth worker longer than that; the
-- next request then starts a new helper.

local here = debug.getinfo(1, "S").source:match("^@(.*/)[^/]*$") or "./"
local helper = here .. "dovecotvpw"
local version = "2.3"

-- s as one word for /bin/sh: only our own paths are ever quoted this way.
local function quoted(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function readable(path)
  local f = io.open(path, "r")
  if f == nil then return false end
  f:close()
  return true
end

-- Dovecot 2.3 calls script_init() and wants 0; 2.4 calls
-- script_init(settings) and ignores what comes back.
function script_init(settings)
  if settings ~= nil then version = "2.4" end
  if not readable(helper) then
    error("dovecotvpw.lua: the helper program " .. helper .. " is missing")
  end
  return 0
end

function script_deinit()
  stop()
end

local function answer_of(text, kind, status)
  local failure = dovecot.auth[kind .. "INTERNAL_FAILURE"]
  local name, message, rest = text:match("^([A-Z_]+)\t([^\n]*)\n(.*)$")
  if name == nil then
    return failure, "dovecotvpw gave no answer (" .. status .. ")"
  end
  local code = dovecot.auth[name]
  if name:sub(1, #kind) ~= kind or type(code) ~= "number" then
    return failure, "dovecotvpw answered " .. name
  end
  if name ~= kind .. "OK" then
    return code, "dovecotvpw: " .. message
  end
  local fields = {}
  for key, value in rest:gmatch("([^\t\n]+)\t([^\n]*)\n") do
    fields[key] = value
  end
  return code, fields
end

-- The running helper: { answers = its stdout, requests = the FIFO }.
local serving = nil

-- Ends the helper (it exits when the FIFO has no writer left, or by its
-- own alarm) and says how it ended.
local function stop()
  local s = serving
  serving = nil
  if s == nil then return "not running" end
  if s.requests ~= nil then pcall(s.requests.close, s.requests) end
  local _, _, how, status = pcall(s.answers.close, s.answers)
  return tostring(how) .. " " .. tostring(status)
end

local function start()
  local answers = assert(io.popen("exec " .. quoted(helper) .. " --serve --dovecot=" .. version, "r"))
  serving = { answers = answers }
  local fifo = answers:read("l")
  if fifo == nil or not fifo:match("^/tmp/dovecotvpw%.[%w]+/requests$") then
    error("dovecotvpw --serve did not start (" .. stop() .. ")")
  end
  -- Read and write: the open never waits, and the helper's reads see end
  -- of file only when this worker is gone.
  serving.requests = assert(io.open(fifo, "r+"))
end

-- One request to the helper: the answer's text, or nil and why not.
local function exchange(request)
  if serving == nil then start() end
  assert(serving.requests:write(request))
  assert(serving.requests:flush())
  local lines = {}
  while true do
    local line = serving.answers:read("l")
    if line == nil then return nil, stop() end
    if line == "" then break end
    lines[#lines + 1] = line
  end
  return table.concat(lines, "\n") .. "\n"
end

-- One request: userdb (a lookup) or passdb (a login with password).
local function ask(req, password, userdb)
  local kind = userdb and "USERDB_RESULT_" or "PASSDB_RESULT_"
  local ran, code, value = pcall(function()
    local text, ended = exchange(table.concat({userdb and "userdb" or "passdb", req.user or "",
      password or "", req.local_ip or "", req.remote_ip or "", req.protocol or req.service or ""},
      "\0") .. "\0")
    return answer_of(text or "", kind, ended or "")
  end)
  if not ran then
    stop()
    return dovecot.auth[kind .. "INTERNAL_FAILURE"], "dovecotvpw.lua: " .. tostring(code)
  end
  if not userdb and type(value) == "string" and
      code ~= dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE then
    req:log_info(value)  -- why a login was refused: unknown, wrong password, disabled...
  end
  return code, value
end

-- A login with a plaintext mechanism: the password is checked by
-- dovecotvpw (every hash VMailMgr ever stored, legacy ones rehashed), so
-- Dovecot 2.4's refusal of weak schemes never applies.
function auth_password_verify(req, password)
  return ask(req, password, false)
end

-- Dovecot asks for stored credentials only for non-plaintext mechanisms
-- (CRAM-MD5 ...) and doveadm auth lookup: vmailmgr never hands out hashes.
function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_SCHEME_NOT_AVAILABLE,
    "dovecotvpw.lua checks passwords itself: use a plaintext mechanism"
end

-- doveadm user, LMTP, dovecot-lda, and logins without userdb prefetch.
function auth_userdb_lookup(req)
  return ask(req, nil, true)
end

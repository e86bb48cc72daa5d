-- wrk script for proof/fault-kill.sh: every request starts its own conversation ("kill-<phase>x<thread>-<n>") with one
-- expectReplies message (PHASE tells the runs before and after the restart apart); each reply acknowledged with HTTP 200 has its conversation id appended to
-- $ACKED_DIR/acked-<thread>.txt, so the script can check each acknowledged turn against the transcript store.
local counter = 0
-- not "local": thread:set() in setup() assigns the global in each thread's own Lua state
thread_id = 0
local out = nil
local phase = os.getenv("PHASE") or "1"

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  out = io.open(os.getenv("ACKED_DIR") .. "/acked-" .. thread_id .. ".txt", "a")
end

function request()
  counter = counter + 1
  local conv = "kill-" .. phase .. "x" .. thread_id .. "-" .. counter
  local body = '{"type":"message","id":"' .. conv .. '","channelId":"webchat","serviceUrl":"http://localhost:1",' ..
    '"deliveryMode":"expectReplies","text":"How long does a back spasm usually last?","from":{"id":"user-' .. conv .. '"},' ..
    '"recipient":{"id":"spasmbot"},"conversation":{"id":"' .. conv .. '"}}'
  return wrk.format("POST", "/api/messages", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 200 then
    local conv = string.match(body, '"conversation":{"id":"(kill%-[0-9]+x[0-9]+%-[0-9]+)"')
    if conv then
      out:write(conv, "\n")
      out:flush()
    end
  end
end

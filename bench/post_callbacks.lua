-- wrk script: POST Dash callback bodies to /_dash-update-component, rotating over the lines of a file.
-- Usage: wrk -t2 -c20 -d15s --timeout 10s -s bench/post_callbacks.lua http://127.0.0.1:PORT -- BODIES_FILE
-- BODIES_FILE holds one JSON request body per line (bench/throughput.py writes it).
local bodies = {}
local i = 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  f:close()
  assert(#bodies > 0, "no bodies in " .. args[1])
  i = math.random(#bodies) - 1 -- threads start at different bodies
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"
end

function request()
  i = i % #bodies + 1
  return wrk.format(nil, "/_dash-update-component", nil, bodies[i])
end

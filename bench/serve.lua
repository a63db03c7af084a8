-- serve.lua - the wrk script of bench/serve.sh: POSTs dev articles to
-- /v1/summarize as JSON, cycling through the file $NG_BENCH_ARTICLES (one
-- CNN/DailyMail JSON record a line).  The records' own "format" field (the
-- dataset's "raw") is dropped, since the API's "format" names an input format.
local bodies = {}
for line in io.lines(os.getenv("NG_BENCH_ARTICLES")) do
  local body = line:gsub('"format": *"[^"]*", *', '', 1)
  bodies[#bodies + 1] = body
end
local headers = { ["Content-Type"] = "application/json" }
local i = 0

function setup(thread)
  thread:set("offset", math.random(#bodies))
end

function init(args)
  i = tonumber(offset) or 0
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[i])
end

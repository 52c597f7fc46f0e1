-- GET /activiteiten (the search page) for a different municipality on every request, as search.lua does for the API.
local codes = {}
for code in string.gmatch(os.getenv("WTE_CODES") or "GM0363", "[^,]+") do codes[#codes + 1] = code end
local year = os.getenv("WTE_YEAR") or "2027"
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/activiteiten?jaar=" .. year .. "&gemeente=" .. codes[(n % #codes) + 1], { ["Accept"] = "text/html" })
end

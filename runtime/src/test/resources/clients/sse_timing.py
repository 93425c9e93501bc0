# Reads a server-sent events stream through the proxy and prints, as JSON, when the first event
# and the end of the stream arrived (milliseconds after the request was sent).
import json
import sys
import time
import urllib.request

started = time.monotonic()
with urllib.request.urlopen(sys.argv[1], timeout=30) as response:
    first_line = response.readline()
    first = time.monotonic()
    rest = response.read()
    end = time.monotonic()
print(json.dumps({"first_ms": round((first - started) * 1000), "end_ms": round((end - started) * 1000),
                  "first": first_line.decode().strip(), "events": 1 + rest.decode().count("data:")}))

"""A loopback OAuth 2.0 server for bench/team.sh: the device code flow approves at once; refresh
tokens rotate and work once (a used one presented again is refused, as providers that rotate do,
which would end the session). GET /stats answers what it saw, as JSON."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

LIFETIME = int(sys.argv[2]) if len(sys.argv) > 2 else 20
lock = threading.Lock()
state = {"issued": 0, "refreshes": 0, "rejected": 0, "live": set(), "refreshed": set()}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.answer(200, {"issued": state["issued"], "refreshes": state["refreshes"],
                              "rejected": state["rejected"], "refreshed_tokens": len(state["refreshed"])})

    def do_POST(self):
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()).items()}
        if self.path == "/device":
            return self.answer(200, {"device_code": "dev", "user_code": "BENCH-0001",
                                     "verification_uri": "http://127.0.0.1/activate", "interval": 1, "expires_in": 60})
        with lock:
            if form.get("grant_type") == "refresh_token":
                state["refreshes"] += 1
                token = form.get("refresh_token")
                if token not in state["live"]:
                    state["rejected"] += 1
                    return self.answer(400, {"error": "invalid_grant", "error_description": "refresh token used"})
                state["live"].discard(token)
                state["refreshed"].add(token)
            state["issued"] += 1
            n = state["issued"]
            state["live"].add("refresh-%d" % n)
        self.answer(200, {"access_token": "access-%d" % n, "token_type": "Bearer", "expires_in": LIFETIME,
                          "refresh_token": "refresh-%d" % n})


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

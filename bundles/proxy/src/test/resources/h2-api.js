// An API server that speaks HTTP/2 (and HTTP/1.1) for the proxy's tests, with Node's own HTTP/2:
// an implementation independent of the proxy's. Usage: node h2-api.js KEY.pem CERT.pem
// It prints its port, then answers every request with JSON: the protocol it came over, the
// Authorization it carried, the size and SHA-256 of its body, and how many HTTP/2 connections the
// server has had. /big answers 8 MiB; /events three server-sent events 300 ms apart; /rotate
// answers as any other path, but a connection ends gracefully (GOAWAY, then close once its open
// streams are answered) after its sixteenth /rotate, as nginx ends one after keepalive_requests;
// /cut sends 100 KiB of an answer of unknown length and then resets its stream; /sized?n=N answers
// N bytes (byte i is i % 251) with their Content-Length, 64 KiB at a time as the stream takes them;
// /cutsized says 1 MiB in its Content-Length, sends 100 KiB, and then resets its stream.
const http2 = require('http2');
const fs = require('fs');
const crypto = require('crypto');

let sessions = 0;
const server = http2.createSecureServer({
  key: fs.readFileSync(process.argv[2]),
  cert: fs.readFileSync(process.argv[3]),
  allowHTTP1: true,
}, (req, res) => {
  if (req.url === '/big') {
    res.writeHead(200, {'content-type': 'application/octet-stream'});
    res.end(Buffer.alloc(8 * 1024 * 1024, 7));
    return;
  }
  if (req.url === '/cut' && req.stream) {
    res.writeHead(200, {'content-type': 'application/octet-stream'});
    res.write(Buffer.alloc(100 * 1024, 7), () => setTimeout(() => req.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR), 100));
    return;
  }
  if (req.url.startsWith('/sized?n=')) {
    const size = Number(req.url.substring('/sized?n='.length));
    res.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': size});
    let sent = 0;
    const more = () => {
      while (sent < size) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, size - sent));
        for (let i = 0; i < chunk.length; i++) chunk[i] = (sent + i) % 251;
        sent += chunk.length;
        if (!res.write(chunk)) { res.once('drain', more); return; }
      }
      res.end();
    };
    more();
    return;
  }
  if (req.url === '/cutsized' && req.stream) {
    res.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': 1024 * 1024});
    res.write(Buffer.alloc(100 * 1024, 7), () => setTimeout(() => req.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR), 100));
    return;
  }
  if (req.url === '/events') {
    res.writeHead(200, {'content-type': 'text/event-stream'});
    let n = 0;
    const next = () => {
      res.write(`data: ${++n}\n\n`);
      if (n < 3) setTimeout(next, 300); else res.end();
    };
    next();
    return;
  }
  if (req.url === '/rotate' && req.stream.session) {
    const session = req.stream.session;
    session.rotations = (session.rotations || 0) + 1;
    if (session.rotations === 16) res.on('finish', () => session.close());
  }
  const hash = crypto.createHash('sha256');
  let received = 0;
  req.on('data', (chunk) => { received += chunk.length; hash.update(chunk); });
  req.on('end', () => {
    const body = JSON.stringify({
      protocol: req.httpVersion,
      authorization: req.headers.authorization || null,
      received,
      sha256: hash.digest('hex'),
      sessions,
    });
    res.writeHead(200, {'content-type': 'application/json'});
    res.end(body);
  });
});
server.on('session', () => { sessions++; });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));

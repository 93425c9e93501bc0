// A Node.js child of 'authsome run'. Node 20's fetch() ignores HTTPS_PROXY (22.21+ and 24.5+ honour
// it with NODE_USE_ENV_PROXY=1, which authsome sets), so this opens the CONNECT tunnel itself with
// the proxy URL and credentials from HTTPS_PROXY; TLS trusts NODE_EXTRA_CA_CERTS.
const http = require('http');
const https = require('https');
const tls = require('tls');

const proxy = new URL(process.env.HTTPS_PROXY);
const target = new URL(process.argv[2]);
const credentials = decodeURIComponent(proxy.username) + ':' + decodeURIComponent(proxy.password);
http.request({
  host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: target.host,
  headers: {'Proxy-Authorization': 'Basic ' + Buffer.from(credentials).toString('base64')},
}).on('connect', (answer, socket) => {
  if (answer.statusCode !== 200) {
    console.error('CONNECT answered ' + answer.statusCode);
    process.exit(3);
  }
  https.get({
    host: target.hostname, port: target.port, path: target.pathname + target.search,
    createConnection: () => tls.connect({socket, servername: target.hostname}),
  }, (response) => {
    let body = '';
    response.on('data', (chunk) => body += chunk);
    response.on('end', () => console.log(body));
  }).on('error', (e) => { console.error(e.message); process.exit(4); });
}).on('error', (e) => { console.error(e.message); process.exit(2); }).end();

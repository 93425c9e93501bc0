"""A loopback HTTPS stand-in for AWS that checks every request's SigV4 signature with botocore.

For AwsSigV4IT. Usage: sigv4_upstream.py CONFIG.json, where the file holds
{"cert": chain PEM, "key": key PEM, "keys": [{"access_key_id", "secret_access_key", "session_token"
(or null)}, ...], "skewed_hosts": [host names whose server clock runs "skew_seconds" ahead],
"skew_seconds"}.
Prints "port N" once it listens on 127.0.0.1, then serves until killed.

Each request is checked as AWS checks it: the access key id is a known one, with its session
token; X-Amz-Date is within 5 minutes of the server clock (else 403 RequestTimeTooSkewed, or
"Signature expired" outside S3, with the server's Date); S3 requests carry x-amz-content-sha256,
and a hash given there matches the body; the signature, recomputed by botocore's SigV4Auth (or
S3SigV4Auth) over the headers the request lists in SignedHeaders, equals the one sent (else 403
SignatureDoesNotMatch with the canonical request botocore built). The path and query are first
put in the single encoding AWS decodes them to. A request that passes gets 200 and a JSON echo:
method, raw path and query, service and region of the credential scope, signed headers, the
payload hash sent, the body's length and SHA-256 (aws-chunked bodies decoded), and the header
fields but Authorization and X-Amz-Security-Token. (An AWS SDK's S3 upload gets an empty 200: the
SDKs take a 200 to an S3 upload whose body is not XML for a broken answer.)
"""
import base64
import datetime
import email.utils
import hashlib
import hmac
import json
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote_to_bytes

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CONFIG = json.load(open(sys.argv[1]))
KEYS = {key['access_key_id']: key for key in CONFIG['keys']}
S3_SERVICES = {'s3', 's3-object-lambda', 's3-outposts'}
MAX_SKEW = datetime.timedelta(minutes=5)


def canonical_path(raw):
    return '/'.join(quote(unquote_to_bytes(segment), safe='-_.~') for segment in (raw or '/').split('/'))


def canonical_query(raw):
    pairs = []
    for piece in raw.split('&'):
        if piece:
            name, _, value = piece.partition('=')
            pairs.append(quote(unquote_to_bytes(name), safe='-_.~') + '='
                         + quote(unquote_to_bytes(value), safe='-_.~'))
    return '&'.join(pairs)


def decode_aws_chunked(body):
    """The data of an aws-chunked body (size;extensions CRLF data CRLF ... 0 CRLF trailers CRLF)."""
    data, at = b'', 0
    while True:
        end = body.index(b'\r\n', at)
        size = int(body[at:end].split(b';')[0], 16)
        if size == 0:
            return data
        data += body[end + 2:end + 2 + size]
        at = end + 2 + size + 2


class Refused(Exception):
    def __init__(self, status, code, message, extra=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.extra, self.headers = status, code, extra or {}, headers or {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, format, *args):
        pass

    def body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            data = b''
            while True:
                size = int(self.rfile.readline().split(b';')[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return data, True
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get('Content-Length', '0'))
        return self.rfile.read(length), False

    def handle_one(self):
        body, chunked = self.body()
        host = self.headers.get('Host', '')
        now = datetime.datetime.now(datetime.timezone.utc)
        if host.split(':')[0] in CONFIG.get('skewed_hosts', []):
            now += datetime.timedelta(seconds=CONFIG['skew_seconds'])
        try:
            echo = self.verify(host, body, now)
        except Refused as refusal:
            return self.answer_error(refusal, now)
        echo['chunked'] = chunked
        if echo['service'] in S3_SERVICES and self.command == 'PUT' and 'amz-sdk-invocation-id' in self.headers:
            # an SDK takes a 200 to an S3 upload with a body that is no XML for a broken answer
            return self.answer(200, 'application/xml', b'', now)
        self.answer(200, 'application/json', json.dumps(echo).encode(), now)

    def verify(self, host, body, now):
        authorization = self.headers.get('Authorization', '')
        if not authorization.startswith('AWS4-HMAC-SHA256 '):
            raise Refused(403, 'MissingAuthenticationToken', 'no SigV4 Authorization header')
        parts = dict(part.strip().split('=', 1) for part in authorization[len('AWS4-HMAC-SHA256 '):].split(','))
        key_id, date, region, service, terminal = parts['Credential'].split('/')
        signed_headers = parts['SignedHeaders'].split(';')
        key = KEYS.get(key_id)
        if key is None:
            raise Refused(403, 'InvalidAccessKeyId', 'unknown access key id ' + key_id)
        if self.headers.get('X-Amz-Security-Token') != key.get('session_token'):
            raise Refused(403, 'InvalidToken', 'the security token is not the one of this key')
        if 'host' not in signed_headers or any(name.startswith('x-amz-') and name not in signed_headers
                                               for name in (n.lower() for n in self.headers.keys())):
            raise Refused(403, 'AccessDenied', 'host and every x-amz-* header must be signed')
        amz_date = self.headers.get('X-Amz-Date', '')
        signed_at = datetime.datetime.strptime(amz_date, '%Y%m%dT%H%M%SZ').replace(tzinfo=datetime.timezone.utc)
        if abs(signed_at - now) > MAX_SKEW:
            if service in S3_SERVICES:
                raise Refused(403, 'RequestTimeTooSkewed', 'The difference between the request time and the'
                              ' current time is too large.', {'RequestTime': amz_date,
                                                             'ServerTime': now.strftime('%Y-%m-%dT%H:%M:%SZ')})
            raise Refused(403, 'SignatureDoesNotMatch', 'Signature expired: %s is now earlier than %s (%s - 5 min.)'
                          % (amz_date, (now - MAX_SKEW).strftime('%Y%m%dT%H%M%SZ'), now.strftime('%Y%m%dT%H%M%SZ')))
        content_sha256 = self.headers.get('X-Amz-Content-Sha256')
        data = decode_aws_chunked(body) if 'aws-chunked' in self.headers.get('Content-Encoding', '') else body
        if service in S3_SERVICES:
            if content_sha256 is None:
                raise Refused(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256')
            if len(content_sha256) == 64 and content_sha256 != hashlib.sha256(body).hexdigest():
                raise Refused(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not'
                              ' match what was computed.')
        raw_path, _, raw_query = self.path.partition('?')
        query = canonical_query(raw_query)
        request = AWSRequest(method=self.command, url='https://' + host + canonical_path(raw_path)
                             + ('?' + query if query else ''), data=body)
        for name, value in self.headers.items():
            if name.lower() in signed_headers:
                request.headers[name] = value
        request.context['timestamp'] = amz_date
        credentials = Credentials(key_id, key['secret_access_key'], key.get('session_token'))
        signer = (S3SigV4Auth if service in S3_SERVICES else SigV4Auth)(credentials, service, region)
        canonical = signer.canonical_request(request)
        expected = signer.signature(signer.string_to_sign(request, canonical), request)
        if date != amz_date[:8] or terminal != 'aws4_request' or not hmac.compare_digest(expected, parts['Signature']):
            raise Refused(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the'
                          ' signature you provided.', {'CanonicalRequest': canonical})
        return {'method': self.command, 'path': raw_path, 'query': raw_query, 'service': service, 'region': region,
                'signed_headers': signed_headers, 'content_sha256': content_sha256, 'x_amz_date': amz_date,
                'body_length': len(data), 'body_sha256': hashlib.sha256(data).hexdigest(),
                'headers': {name.lower(): self.headers.get_all(name) for name in self.headers.keys()
                            if name.lower() not in ('authorization', 'x-amz-security-token')}}

    def answer_error(self, refusal, now):
        extra = ''.join('<%s>%s</%s>' % (name, value.replace('&', '&amp;').replace('<', '&lt;'), name)
                        for name, value in refusal.extra.items())
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>%s</Error>'
               % (refusal.code, refusal, extra)).encode()
        self.answer(refusal.status, 'application/xml', xml, now)

    def answer(self, status, content_type, payload, now):
        self.log_request(status)
        self.send_response_only(status)  # send_response would add a Date of this machine's clock
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(payload)))
        self.send_header('Date', email.utils.formatdate(now.timestamp(), usegmt=True))
        self.send_header('x-amz-request-id', base64.b16encode(hashlib.sha256(payload).digest()[:8]).decode())
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(payload)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = handle_one


context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CONFIG['cert'], CONFIG['key'])
server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
server.socket = context.wrap_socket(server.socket, server_side=True)
print('port %d' % server.server_address[1], flush=True)
server.serve_forever()

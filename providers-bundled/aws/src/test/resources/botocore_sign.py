"""Signs requests with botocore, for BotocoreSignatureTest: an independent SigV4 implementation.

Reads one JSON object a line on standard input (method, host, port, raw_path, raw_query,
headers as [name, value] pairs, body_base64, amz_date, access_key_id, secret_access_key,
session_token, region, service, s3) and writes one a line: botocore's Authorization for it, a tab, and
its canonical request with newlines as \\n. The request's headers are those authsome's signer set (X-Amz-Date,
X-Amz-Security-Token, X-Amz-Content-Sha256) without its Authorization; botocore chooses the
headers to sign, normalises the path, sorts the query and hashes the body itself. The path and
query are first put in the canonical single encoding an AWS server decodes them to (each
%XY byte and each other character's UTF-8 bytes, encoded again but for A-Z a-z 0-9 - _ . ~).
"""
import base64
import json
import sys
from urllib.parse import quote, unquote_to_bytes

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


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


def sign(case):
    credentials = Credentials(case['access_key_id'], case['secret_access_key'], case.get('session_token'))
    signer = (S3SigV4Auth if case['s3'] else SigV4Auth)(credentials, case['service'], case['region'])
    netloc = case['host'] if case['port'] == 443 else '%s:%d' % (case['host'], case['port'])
    query = canonical_query(case['raw_query'])
    url = 'https://' + netloc + canonical_path(case['raw_path']) + ('?' + query if query else '')
    request = AWSRequest(method=case['method'], url=url, data=base64.b64decode(case['body_base64']))
    for name, value in case['headers']:
        if name.lower() != 'authorization':
            request.headers[name] = value  # appends: repeated fields stay repeated
    request.context['timestamp'] = case['amz_date']
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    signer._inject_signature_to_request(request, signature)
    return {'canonical_request': canonical, 'authorization': request.headers['Authorization']}


for line in sys.stdin:
    answer = sign(json.loads(line))
    print(answer['authorization'] + '\t' + answer['canonical_request'].replace('\n', '\\n'), flush=True)

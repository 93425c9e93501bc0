# A Python child of 'authsome run' for AwsSigV4IT: plain urllib (HTTPS_PROXY and SSL_CERT_FILE from
# the environment), unsigned requests that the proxy signs. Arguments: the base URL of a service
# other than S3 and that of an S3 bucket. Prints each answer's body on its own line (an error's
# as {"status": ..., "error": ...}).
import json
import sys
import urllib.error
import urllib.request

service, bucket = sys.argv[1], sys.argv[2]


def send(url, data=None, method='GET', headers=None):
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            print(response.read().decode(), flush=True)
    except urllib.error.HTTPError as error:
        print(json.dumps({'status': error.code, 'error': error.read().decode()}), flush=True)


def pieces():
    for i in range(64):
        yield (b'%04d ' % i) * 256  # sent chunked: urllib knows no length for a generator


send(service + '/', b'Action=SendMessage&MessageBody=hello%20from%20urllib&Version=2012-11-05', 'POST',
     {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'})
send(service + '/', pieces(), 'POST', {'Content-Type': 'application/octet-stream'})
send(bucket + '/streamed/chunks.bin', pieces(), 'PUT', {'Content-Type': 'application/octet-stream'})
send(bucket + '/?list-type=2&prefix=a%2Fb&start-after=x%20y')

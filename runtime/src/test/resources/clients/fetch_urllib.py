# A Python child of 'authsome run': plain urllib, which takes HTTPS_PROXY and SSL_CERT_FILE from
# the environment. Prints each response body on its own line.
import sys
import urllib.request

for url in sys.argv[1:]:
    with urllib.request.urlopen(url, timeout=30) as response:
        print(response.read().decode())

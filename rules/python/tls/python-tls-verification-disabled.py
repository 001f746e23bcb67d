import ssl
import requests


def call_partner(url):
    # ruleid: python-tls-verification-disabled
    response = requests.get(url, verify=False)
    # ruleid: python-tls-verification-disabled
    context = ssl._create_unverified_context()
    strict = ssl.create_default_context()
    # ruleid: python-tls-verification-disabled
    strict.check_hostname = False
    # ruleid: python-tls-verification-disabled
    strict.verify_mode = ssl.CERT_NONE
    # ok: python-tls-verification-disabled
    ok = requests.get(url, verify="/etc/ssl/private-ca.pem")
    # ok: python-tls-verification-disabled
    default = ssl.create_default_context()
    return response, context, ok, default


def client_context(server_hostname, verify):
    context = ssl.create_default_context()
    if not server_hostname:
        # ok: python-tls-verification-disabled
        context.check_hostname = False
    if server_hostname is None:
        # ruleid: python-tls-verification-disabled
        context.verify_mode = ssl.CERT_NONE
    if not server_hostname:
        pass
    else:
        # ruleid: python-tls-verification-disabled
        context.check_hostname = False
    if not verify:
        # ruleid: python-tls-verification-disabled
        context.check_hostname = False
    return context

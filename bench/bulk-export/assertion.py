#!/usr/bin/env python3
"""Prints a client assertion (RFC 7523, SMART Backend Services) for the bench's system client: ES384 under the
private key in PEM given, for the token endpoint given. Usage: assertion.py CLIENT_ID KEY_PEM TOKEN_URL"""
import base64
import json
import sys
import time
import uuid

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


client, key_file, token_url = sys.argv[1:4]
with open(key_file, "rb") as f:
    key = serialization.load_pem_private_key(f.read(), password=None)
now = int(time.time())
header = b64(json.dumps({"alg": "ES384", "typ": "JWT"}).encode())
claims = b64(json.dumps({"iss": client, "sub": client, "aud": token_url, "iat": now, "exp": now + 240,
                         "jti": str(uuid.uuid4())}).encode())
r, s = decode_dss_signature(key.sign(f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA384())))
print(f"{header}.{claims}.{b64(r.to_bytes(48, 'big') + s.to_bytes(48, 'big'))}")

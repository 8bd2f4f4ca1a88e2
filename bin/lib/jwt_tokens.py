"""HS256 bearer tokens as bin/token mints them, in-process: bin/token forks openssl per token, too slow for the
hundred thousand users a benchmark signs in. The secret is LIKES_JWT_SECRET, or the local stack's default."""
import base64
import hashlib
import hmac
import json
import os
import time

SECRET = os.environ.get("LIKES_JWT_SECRET", "local-dev-secret-change-me-0123456789abcdef").encode()


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(user, valid_seconds=86400):
    now = int(time.time())
    claims = {"sub": user, "iat": now, "exp": now + valid_seconds}
    head = _b64(b'{"alg":"HS256","typ":"JWT"}') + "." + _b64(json.dumps(claims).encode())
    return head + "." + _b64(hmac.new(SECRET, head.encode(), hashlib.sha256).digest())

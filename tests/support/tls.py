"""Real TLS in front of the Temporal dev server, which speaks plain gRPC only.

Certificates are made here with ``cryptography`` (a CA, a server certificate for
127.0.0.1 and localhost, a client certificate); nginx (Debian's package, installed by ``make
test``) terminates TLS, with or without asking for a client certificate, and passes the
gRPC calls on to the dev server.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cpg2pvg.ops.local.ports import free_port, wait_for_port


@dataclass(frozen=True)
class Certificates:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    other_client_cert: Path
    """Signed by a CA the server does not trust."""
    other_client_key: Path


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _ca(name: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = _key()
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _leaf(
    common_name: str,
    ca: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
    *,
    server: bool,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    ca_cert, ca_key = ca
    key = _key()
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    return builder.sign(ca_key, hashes.SHA256()), key


def make_certificates(folder: Path) -> Certificates:
    folder.mkdir(parents=True, exist_ok=True)
    ca = _ca("cpg2pvg test CA")
    other_ca = _ca("untrusted test CA")
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca[0].public_bytes(pem))
    for stem, (cert, key) in {
        "server": _leaf("localhost", ca, server=True),
        "client": _leaf("cpg2pvg-worker", ca, server=False),
        "other-client": _leaf("cpg2pvg-worker", other_ca, server=False),
    }.items():
        (folder / f"{stem}.pem").write_bytes(cert.public_bytes(pem))
        _write_key(folder / f"{stem}-key.pem", key)
    return Certificates(
        ca=folder / "ca.pem",
        server_cert=folder / "server.pem",
        server_key=folder / "server-key.pem",
        client_cert=folder / "client.pem",
        client_key=folder / "client-key.pem",
        other_client_cert=folder / "other-client.pem",
        other_client_key=folder / "other-client-key.pem",
    )


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if found is None:
        raise RuntimeError("nginx is missing: `apt-get install -y nginx` (make test does it)")
    return found


class TlsProxy:
    """nginx on two loopback ports in front of the gRPC ``backend``: ``tls_port`` asks for
    no client certificate, ``mtls_port`` refuses a client without one signed by our CA.

    A TLS-terminating gRPC proxy as production puts in front of Temporal's frontend
    (HTTP/2 negotiated with ALPN, which gRPC clients insist on).
    """

    def __init__(self, folder: Path, certs: Certificates, backend: str) -> None:
        self.folder = folder
        self.tls_port = free_port()
        self.mtls_port = free_port()
        self.config = folder / "nginx.conf"
        self.error_log = folder / "nginx-error.log"
        self.access_log = folder / "nginx-access.log"
        """What the TLS port received: each call's path and its authorization header."""
        tls = (
            f"ssl_certificate {certs.server_cert}; ssl_certificate_key {certs.server_key};\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n"
            # Workers hold long polls open for up to a minute and more.
            f"    location / {{ grpc_pass grpc://{backend}; grpc_read_timeout 600s;"
            " grpc_send_timeout 600s; }\n"
        )
        self.config.write_text(
            f"daemon off;\nmaster_process off;\npid {folder / 'nginx.pid'};\n"
            f"error_log {self.error_log} info;\n"
            "events { worker_connections 256; }\n"
            "http {\n"
            "  log_format calls '$request_uri $http_authorization';\n"
            f"  access_log {self.access_log} calls;\n  client_max_body_size 0;\n"
            + "".join(
                f"  {kind}_temp_path {folder / kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"  server {{\n    listen 127.0.0.1:{self.tls_port} ssl http2;\n    {tls}  }}\n"
            f"  server {{\n    listen 127.0.0.1:{self.mtls_port} ssl http2;\n    {tls}"
            f"    ssl_client_certificate {certs.ca}; ssl_verify_client on;\n  }}\n"
            "}\n"
        )
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [nginx_binary(), "-p", str(self.folder), "-c", str(self.config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        process = self.process
        for port in (self.tls_port, self.mtls_port):
            wait_for_port("127.0.0.1", port, 20, alive=lambda: process.poll() is None)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

#!/usr/bin/env bash
# Development PKI for Murmur's TLS listeners (never for production): a CA, a server
# certificate for localhost / 127.0.0.1 and two client certificates, written to
# config/tls/dev/ (git-ignored). Re-running replaces them; a running node picks up the new
# server certificate by itself (tls.reload-interval) or on SIGHUP.
#   config/tls/gen-dev-certs.sh [extra-server-DNS-name ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/dev"
days=825
mkdir -p "$out"
cd "$out"

san="DNS:localhost,IP:127.0.0.1,IP:::1"
for name in "$@"; do san="$san,DNS:$name"; done

# The CA (EC P-256: small, fast, supported by every current client).
openssl ecparam -name prime256v1 -genkey -noout -out ca.key.tmp
openssl pkcs8 -topk8 -nocrypt -in ca.key.tmp -out ca.key && rm ca.key.tmp
openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/O=Murmur Dev/CN=Murmur Dev CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

issue() { # name subject extensions
  openssl ecparam -name prime256v1 -genkey -noout -out "$1.key.tmp"
  openssl pkcs8 -topk8 -nocrypt -in "$1.key.tmp" -out "$1.key" && rm "$1.key.tmp"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days "$days" -sha256 \
    -extfile "$1.ext" -out "$1.crt"
  cat "$1.crt" ca.pem > "$1.pem" # chain: leaf, then CA
  rm "$1.csr" "$1.ext" "$1.crt"
}

issue server "/O=Murmur Dev/CN=localhost" \
  "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$san"
for client in device-1 device-2; do
  issue "$client" "/O=Murmur Dev/CN=$client" \
    "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
done
# The same server key and chain as PKCS#12, for keystore = ... (password: murmur).
openssl pkcs12 -export -in server.pem -inkey server.key -name server -passout pass:murmur -out server.p12
chmod 600 ./*.key server.p12
echo "config/tls/dev: ca.pem, server.pem/.key/.p12, device-1.pem/.key, device-2.pem/.key" >&2

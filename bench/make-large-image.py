#!/usr/bin/env python3
"""Builds a large synthetic OCI image archive for scaling benchmarks (bench/large-image.sh).

Deterministic (fixed seed): the same file every time. Four gzip layers, about 1.1 GB uncompressed and 230,000 files:
  1. base: a real dpkg status (taken from a corpus Debian image when given, so packages match advisories), one
     /var/lib/dpkg/info/*.list per package, 1,500 ELF-like binaries and 20,000 small text files under /usr/share;
  2. node: /app/node_modules with 4,000 packages (package.json plus 20 JavaScript files each; a few real, vulnerable
     name/version pairs);
  3. java: /app/lib with 150 jars (MANIFEST.MF, pom.properties, ~300 class-like entries each; a few real, vulnerable
     coordinates);
  4. data: /srv/data with 120,000 text files, a handful holding fake (randomly generated) credentials.
Content is pseudo-random words and bytes, so gzip compresses it about as much as real file systems (2-4x).

Usage: make-large-image.py OUTPUT.oci.tar [DPKG_STATUS_FILE]
"""
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import zipfile

SEED = 20261122
MTIME = 1700000000
rng = random.Random(SEED)

WORDS = [''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(rng.randint(2, 10))) for _ in range(3000)]


def text_pool(size):
    out, n = [], 0
    while n < size:
        line = ' '.join(rng.choices(WORDS, k=rng.randint(3, 14))) + '\n'
        out.append(line)
        n += len(line)
    return ''.join(out).encode()


TEXT = text_pool(16 << 20)
# Binary-like bytes: a mix of random bytes, sparse structures and text, as in real executables.
BIN = bytearray()
while len(BIN) < (12 << 20):
    kind = rng.randrange(3)
    chunk = rng.randint(256, 4096)
    if kind == 0:
        BIN += rng.randbytes(chunk)
    elif kind == 1:
        BIN += bytes(b if i % 4 == 0 else 0 for i, b in enumerate(rng.randbytes(chunk)))
    else:
        start = rng.randrange(len(TEXT) - chunk)
        BIN += TEXT[start:start + chunk]
BIN = bytes(BIN)


def slice_of(pool, size):
    start = rng.randrange(len(pool) - size)
    return pool[start:start + size]


class HashingWriter(io.RawIOBase):
    """Forwards the uncompressed layer tar to gzip while hashing it (the diffID)."""

    def __init__(self, sink):
        self.sink, self.sha = sink, hashlib.sha256()

    def writable(self):
        return True

    def write(self, b):
        self.sha.update(b)
        self.sink.write(b)
        return len(b)


def add_dir(tar, path, seen):
    parts = path.strip('/').split('/')
    for i in range(1, len(parts) + 1):
        d = '/'.join(parts[:i])
        if d not in seen:
            seen.add(d)
            info = tarfile.TarInfo(d + '/')
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
            tar.addfile(info)


def add_file(tar, path, data, seen, mode=0o644):
    add_dir(tar, os.path.dirname(path), seen)
    info = tarfile.TarInfo(path.lstrip('/'))
    info.size, info.mode, info.mtime = len(data), mode, MTIME
    tar.addfile(info, io.BytesIO(data))


def fake_secret_file():
    key = 'AKIA' + ''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16))
    secret = ''.join(rng.choice('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/') for _ in range(40))
    token = 'ghp_' + ''.join(rng.choice('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(36))
    return (f'[default]\naws_access_key_id = {key}\naws_secret_access_key = {secret}\n'
            f'github_token = {token}\n').encode()


def layer_base(tar, status):
    seen = set()
    if status is None:
        status = b''.join(f'Package: synth{i}\nStatus: install ok installed\nVersion: 1.{i}-1\nArchitecture: amd64\n'
                          f'Description: synthetic\n\n'.encode() for i in range(100))
    add_file(tar, '/var/lib/dpkg/status', status, seen)
    names = [line.split(b':', 1)[1].strip().decode() for line in status.splitlines() if line.startswith(b'Package:')]
    for name in names:
        listing = ''.join(f'/usr/share/doc/{name}/file{j}\n' for j in range(rng.randint(3, 40))).encode()
        add_file(tar, f'/var/lib/dpkg/info/{name}.list', listing, seen)
    for i in range(1500):
        size = int(rng.lognormvariate(11.2, 0.9))  # median ~73 KB, mean ~110 KB
        size = max(4096, min(size, len(BIN) - 1))
        data = b'\x7fELF\x02\x01\x01' + b'\0' * 9 + slice_of(BIN, size - 16)
        add_file(tar, f'/usr/{"bin" if i % 3 == 0 else "lib/x86_64-linux-gnu"}/synth-{i}', data, seen, 0o755)
    for i in range(20000):
        add_file(tar, f'/usr/share/synth/{i % 200}/doc-{i}.txt', slice_of(TEXT, rng.randint(200, 4000)), seen)


REAL_NPM = [('lodash', '4.17.15'), ('minimist', '1.2.0'), ('axios', '0.21.0'), ('node-fetch', '2.6.0'),
            ('jsonwebtoken', '8.5.0'), ('moment', '2.29.1'), ('qs', '6.5.2'), ('express', '4.17.1')]


def layer_node(tar):
    seen = set()
    for i in range(4000):
        name, version = REAL_NPM[i] if i < len(REAL_NPM) else (f'synth-pkg-{i}', f'1.{i % 50}.{i % 7}')
        base = f'/app/node_modules/{name}'
        manifest = {'name': name, 'version': version, 'license': 'MIT', 'main': 'index.js',
                    'description': ' '.join(rng.choices(WORDS, k=8)),
                    'dependencies': {f'synth-pkg-{rng.randrange(8, 4000)}': '^1.0.0' for _ in range(rng.randint(0, 4))}}
        add_file(tar, base + '/package.json', json.dumps(manifest, indent=2).encode(), seen)
        for j in range(20):
            body = b'"use strict";\nmodule.exports = function () {\n' + slice_of(TEXT, rng.randint(500, 5500)) + b'};\n'
            add_file(tar, f'{base}/lib/part{j}.js', body, seen)


REAL_JARS = [('org.apache.logging.log4j', 'log4j-core', '2.14.1'), ('com.fasterxml.jackson.core', 'jackson-databind', '2.9.8'),
             ('commons-collections', 'commons-collections', '3.2.1'), ('org.springframework', 'spring-core', '5.3.17'),
             ('org.yaml', 'snakeyaml', '1.26')]


def jar_bytes(group, artifact, version):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr('META-INF/MANIFEST.MF', f'Manifest-Version: 1.0\nImplementation-Title: {artifact}\n'
                                           f'Implementation-Version: {version}\n\n')
        z.writestr(f'META-INF/maven/{group}/{artifact}/pom.properties',
                   f'groupId={group}\nartifactId={artifact}\nversion={version}\n')
        pkg = group.replace('.', '/') + '/' + artifact.replace('-', '')
        for k in range(rng.randint(150, 450)):
            z.writestr(f'{pkg}/sub{k % 12}/Class{k}.class', b'\xca\xfe\xba\xbe\0\0\0\x41' + slice_of(BIN, rng.randint(500, 4000)))
    return buf.getvalue()


def layer_java(tar):
    seen = set()
    for i in range(150):
        g, a, v = REAL_JARS[i] if i < len(REAL_JARS) else ('com.example.synth', f'lib-{i}', f'1.0.{i}')
        add_file(tar, f'/app/lib/{a}-{v}.jar', jar_bytes(g, a, v), seen)


def layer_data(tar):
    seen = set()
    for i in range(120000):
        data = fake_secret_file() if i % 20000 == 7 else slice_of(TEXT, rng.randint(500, 7500))
        add_file(tar, f'/srv/data/{i % 400}/{i // 400}/record-{i}.txt', data, seen)


def write_layer(fill, blob_dir):
    tmp = os.path.join(blob_dir, 'layer.tmp')
    with open(tmp, 'wb') as out:
        gz = subprocess.Popen(['gzip', '-6', '-n'], stdin=subprocess.PIPE, stdout=out)
        writer = HashingWriter(gz.stdin)
        buffered = io.BufferedWriter(writer, 1 << 20)
        with tarfile.open(fileobj=buffered, mode='w|', format=tarfile.PAX_FORMAT) as tar:
            fill(tar)
        buffered.flush()
        gz.stdin.close()
        if gz.wait() != 0:
            sys.exit('gzip failed')
    return finish_blob(tmp, blob_dir), 'sha256:' + writer.sha.hexdigest()


def finish_blob(tmp, blob_dir):
    sha = hashlib.sha256()
    with open(tmp, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            sha.update(chunk)
    digest = sha.hexdigest()
    os.replace(tmp, os.path.join(blob_dir, digest))
    return 'sha256:' + digest, os.path.getsize(os.path.join(blob_dir, digest))


def json_blob(obj, blob_dir):
    data = json.dumps(obj, separators=(',', ':')).encode()
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blob_dir, digest), 'wb') as f:
        f.write(data)
    return 'sha256:' + digest, len(data)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    output = sys.argv[1]
    status = open(sys.argv[2], 'rb').read() if len(sys.argv) == 3 else None
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(output))) as work:
        blob_dir = os.path.join(work, 'blobs', 'sha256')
        os.makedirs(blob_dir)
        layers, diff_ids = [], []
        for fill in (lambda t: layer_base(t, status), layer_node, layer_java, layer_data):
            (digest, size), diff_id = write_layer(fill, blob_dir)
            layers.append({'mediaType': 'application/vnd.oci.image.layer.v1.tar+gzip', 'digest': digest, 'size': size})
            diff_ids.append(diff_id)
        config = {'architecture': 'amd64', 'os': 'linux', 'created': '2026-11-22T00:00:00Z',
                  'config': {'Env': ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
                             'Cmd': ['/bin/sh']},
                  'rootfs': {'type': 'layers', 'diff_ids': diff_ids},
                  'history': [{'created': '2026-11-22T00:00:00Z', 'created_by': f'synthetic layer {i}'} for i in range(4)]}
        cdigest, csize = json_blob(config, blob_dir)
        manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.manifest.v1+json',
                    'config': {'mediaType': 'application/vnd.oci.image.config.v1+json', 'digest': cdigest, 'size': csize},
                    'layers': layers}
        mdigest, msize = json_blob(manifest, blob_dir)
        index = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.index.v1+json',
                 'manifests': [{'mediaType': 'application/vnd.oci.image.manifest.v1+json', 'digest': mdigest,
                                'size': msize, 'annotations': {'org.opencontainers.image.ref.name': 'large'}}]}
        with open(os.path.join(work, 'index.json'), 'w') as f:
            json.dump(index, f)
        with open(os.path.join(work, 'oci-layout'), 'w') as f:
            json.dump({'imageLayoutVersion': '1.0.0'}, f)
        tmp_out = output + '.tmp'
        with tarfile.open(tmp_out, 'w') as out:
            for name in ('oci-layout', 'index.json', 'blobs'):
                out.add(os.path.join(work, name), arcname=name)
        os.replace(tmp_out, output)


if __name__ == '__main__':
    main()

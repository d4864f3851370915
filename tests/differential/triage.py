#!/usr/bin/env python3
"""Builds and runs each differential body on its own, so one body that does not compile
does not hide the others. Prints one line per body: `ok`, `FAIL (runtime)` with the first
differing lines, or `COMPILE` with the first error lines.

    python3 tests/differential/triage.py [REPO] [BODY-SUBSTRING...]

`send_parity` cases are triaged the same way (labels `send_parity::CASE`).

REPO defaults to the repository holding this file. With TRIAGE_VALGRIND=1, each body that
passes is run again under valgrind and reported as `UB` if valgrind finds an error. It builds in a scratch package under
$TRIAGE_DIR (default /tmp/async-lower-triage) against REPO's `async-lower`, with
CARGO_TARGET_DIR=$REPO/target-tests/triage, under `nice`.
"""
import os, re, shutil, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(here))
only = sys.argv[2:]
tests = os.path.join(repo, 'tests')
scratch = os.environ.get('TRIAGE_DIR', '/tmp/async-lower-triage')
target = os.path.join(repo, 'target-tests', 'triage')

# A body, with the comment and `#[cfg(feature = "known-gaps")]` gate that may precede it
# (gated bodies are triaged too: the gate is dropped from the kept body).
BLOCK = re.compile(r'^(?://[^\n]*\n)*(?:#\[cfg\([^\n]*\)\]\n)?twin! \{\n.*?^\}\n', re.S | re.M)
GATE = re.compile(r'^#\[cfg\([^\n]*\)\]\n', re.M)
PARITY = re.compile(r'^(?:parity! \{\n.*?^\}\n|/// [^\n]*\nmod tokio_multi_thread \{\n.*?^\}\n)', re.S | re.M)


def bodies(text, block=BLOCK):
    out = []
    for m in block.finditer(text):
        name = re.search(r'^    ([a-z_0-9]+)(?: \{|, expect)|^mod ([a-z_0-9]+)', m.group(0), re.M)
        out.append((name.group(1) or name.group(2), m.start(), m.end()))
    return out


def keep_only(text, keep, block):
    parts, last = [], 0
    for body, s, e in bodies(text, block):
        parts.append(text[last:s])
        if body == keep:
            parts.append(text[s:e])
        last = e
    parts.append(text[last:])
    return ''.join(parts)


def setup():
    if os.path.exists(scratch):
        shutil.rmtree(scratch)
    os.makedirs(os.path.join(scratch, 'tests'))
    shutil.copytree(os.path.join(tests, 'common'), os.path.join(scratch, 'tests', 'common'))
    shutil.copy(os.path.join(repo, 'Cargo.lock'), scratch)
    with open(os.path.join(scratch, 'Cargo.toml'), 'w') as f:
        f.write(f'''[package]
name = "triage"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
async-lower = {{ path = "{repo}" }}

[dev-dependencies]
pretty_assertions = "1"
futures = "0.3"
tokio = {{ version = "1", features = ["rt", "rt-multi-thread", "macros", "sync", "time"] }}
''')
    os.makedirs(os.path.join(scratch, 'src'))
    open(os.path.join(scratch, 'src', 'lib.rs'), 'w').write('')


# The test crates that hold the body files (see `differential_probes.rs` for why three).
ROOTS = ('differential', 'differential_probes', 'differential_probes2')


def root_of(category):
    """The test crate whose root names the body file `category`."""
    for root in ROOTS:
        if f'"differential/{category}"' in open(os.path.join(tests, root + '.rs')).read():
            return root
    raise SystemExit(f'{category} is in no test crate')


def write_variant(files, category, keep):
    d = os.path.join(scratch, 'tests', 'differential')
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for name, text in files.items():
        parts, last = [], 0
        for body, s, e in bodies(text):
            parts.append(text[last:s])
            if name == category and body == keep:
                parts.append(GATE.sub('', text[s:e]))
            last = e
        parts.append(text[last:])
        open(os.path.join(d, name), 'w').write(''.join(parts))
    for shared in ('harness.rs', 'prelude.rs'):
        shutil.copy(os.path.join(tests, 'differential', shared), d)
    for other in ROOTS:
        path = os.path.join(scratch, 'tests', other + '.rs')
        if os.path.exists(path):
            os.remove(path)
    test = root_of(category)
    root = open(os.path.join(tests, test + '.rs')).read()
    root = re.sub(r'#\[path = "differential/selftest.rs"\]\nmod selftest;\n', '', root)
    open(os.path.join(scratch, 'tests', test + '.rs'), 'w').write(root)
    sp = os.path.join(scratch, 'tests', 'send_parity.rs')
    if os.path.exists(sp):
        os.remove(sp)


def run_one(label, test, env):
    p = subprocess.run(['nice', '-n', '10', 'cargo', 'test', '--test', test, '--', '--test-threads=1'],
                       cwd=scratch, env=env, capture_output=True, text=True)
    out = p.stdout + p.stderr
    if re.search(r'test result: ok\. [1-9]', out):
        status, detail = 'ok', ''
        exe = re.search(r'Running tests/\S+ \((\S+)\)', out)
        if os.environ.get('TRIAGE_VALGRIND') and exe:
            vg = subprocess.run(['nice', '-n', '10', 'valgrind', '--error-exitcode=99', '-q', exe.group(1),
                                 '--test-threads=1'], cwd=scratch, capture_output=True, text=True)
            if vg.returncode == 99:
                status = 'UB'
                first = [l for l in vg.stderr.split('\n') if re.match(r'==\d+== [A-Z]', l)]
                where = [l for l in vg.stderr.split('\n') if 'lowered' in l]
                detail = 'valgrind: ' + '; '.join((first[:1] + where[:1]))
    elif 'could not compile' in out:
        errs = [l for l in out.split('\n') if re.match(r'error(\[E\d+\])?: ', l) and 'could not compile' not in l]
        status = 'COMPILE'
        detail = '; '.join(dict.fromkeys(errs))[:600]
    else:
        status = 'FAIL'
        plain = re.sub(r'\x1b\[[0-9;]*m', '', out).split('\n')
        m = re.search(r'assertion failed: `\(left == right\)`: ([^\n]*)', out)
        head = m.group(1) if m else ' '.join(re.findall(r"panicked at [^\n]*\n([^\n]*)", out)[:1])
        hunk = []
        for i, l in enumerate(plain):
            if l[:1] in '<>' and plain[i - 1].startswith(' '):
                hunk = plain[max(0, i - 3):i + 7]
                break
        detail = head + ('\n          ' + '\n          '.join(h.rstrip() for h in hunk) if hunk else '')
    print(f'{status:8} {label}  {detail}', flush=True)
    return status


def main():
    setup()
    cats = sorted(f for f in os.listdir(os.path.join(tests, 'differential'))
                  if f.endswith('.rs') and f not in ('harness.rs', 'selftest.rs', 'prelude.rs'))
    files = {c: open(os.path.join(tests, 'differential', c)).read() for c in cats}
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    summary = []
    for cat in cats:
        for body, _, _ in bodies(files[cat]):
            label = f'{cat[:-3]}::{body}'
            if only and not any(o in label for o in only):
                continue
            write_variant(files, cat, body)
            status = run_one(label, root_of(cat), env)
            summary.append(status)
    sp = open(os.path.join(tests, 'send_parity.rs')).read()
    for case, _, _ in bodies(sp, PARITY):
        label = f'send_parity::{case}'
        if only and not any(o in label for o in only):
            continue
        open(os.path.join(scratch, 'tests', 'send_parity.rs'), 'w').write(keep_only(sp, case, PARITY))
        summary.append(run_one(label, 'send_parity', env))
    print(f'\n{summary.count("ok")} ok, {summary.count("FAIL")} fail at run time, {summary.count("COMPILE")} do not compile'
          + (f', {summary.count("UB")} pass but valgrind reports errors' if summary.count("UB") else ''))


main()

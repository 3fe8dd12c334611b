#!/usr/bin/env python3
"""Where the CPU goes: a JFR recording's execution samples, each counted once under the first
category (in the order below) that one of its frames matches, then the commonest top frames.

    bench/scripts/jfr-cpu.py RECORDING.jfr [TOP_FRAMES]

Record with e.g. -Dhearth.server.jvm="-XX:StartFlightRecording=filename=x.jfr,settings=profile"
on RpcBench (Hearth's JVM only). Needs the JDK's jfr tool on the PATH."""
import subprocess, sys, collections, re
RULES = [
    ("HSQLDB parse+compile", lambda fs: any(f.startswith(("org.hsqldb.Parser", "org.hsqldb.Session.compileStatement", "org.hsqldb.Scanner", "org.hsqldb.StatementManager.compile")) for f in fs)),
    ("HSQLDB execute", lambda fs: any(f.startswith("org.hsqldb") for f in fs)),
    ("PostgreSQL driver", lambda fs: any(f.startswith("org.postgresql") for f in fs)),
    ("jOOQ render SQL", lambda fs: any(("DefaultRenderContext" in f or ".getSQL" in f or "RenderContext" in f or ".accept(org.jooq.Context" in f) and f.startswith("org.jooq") for f in fs)),
    ("jOOQ execute+map", lambda fs: any(f.startswith("org.jooq") for f in fs)),
    ("HikariCP", lambda fs: any(f.startswith("com.zaxxer") for f in fs)),
    ("logging", lambda fs: any(f.startswith(("ch.qos", "org.slf4j")) for f in fs)),
    ("gRPC/Netty/protobuf", lambda fs: any(f.startswith(("io.grpc", "io.netty", "com.google.protobuf")) for f in fs)),
    ("Hearth", lambda fs: any(f.startswith("io.hearth") for f in fs)),
    ("other (JDK)", lambda fs: True),
]
def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                         capture_output=True, text=True, check=True).stdout
    frames, inside = [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            frames, inside = [], True
        elif inside and s == "]":
            inside = False
            yield frames
        elif inside and s and s != "...":
            frames.append(s)
counts = collections.Counter(); top = collections.Counter(); n = 0
for fs in samples(sys.argv[1]):
    n += 1
    for name, rule in RULES:
        if rule(fs):
            counts[name] += 1; break
    top[re.sub(r"\(.*", "", fs[0]) if fs else "?"] += 1
print(f"{n} samples")
for name, _ in RULES:
    if counts[name]:
        print(f"  {name:24s} {100*counts[name]/n:5.1f} %")
print("top frames:")
for f, c in top.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 15):
    print(f"  {100*c/n:5.1f} %  {f}")

"""Runs one command with hostile input, bounded in time, and says how it went.

    python3 measure_run.py [--timeout S] [--stdin KIND:BYTES] [--env K=V]... [--stdout FILE] -- COMMAND ARG...

The command's standard input is generated here and fed through a pipe
(nothing is written to disk), so a 1 GB input costs no disk space:

    line:N    N bytes of Vietnamese, Chinese and English news text on one line
    marks:N   N bytes of combining marks only (acute U+0301 and dot below
              U+0323 alternating, so canonical ordering has work to do)
    nested:N  an HTML document of N nested <div> elements around one name
    none      nothing (the default)

Prints one JSON object: exit status (negative: killed by that signal),
seconds, peak resident memory of the command in KiB (getrusage of this
wrapper's only child; it includes the ~14 MiB of this Python process at the
fork, a floor below which nothing measures), whether the time bound was hit, the first 2,000
characters of standard error and the number of bytes of standard output
(written to FILE with --stdout).
"""
import json
import os
import resource
import subprocess
import sys
import threading
import time

TEXT = ("Chủ tịch nước Lương Cường tiếp Chủ tịch Tập Cận Bình (习近平) tại Hà Nội; "
        "President Luong Cuong met Xi Jinping in Hanoi. ").encode()


def generate(kind, size):
    """Yields the input in pieces of about 1 MiB."""
    if kind == "none":
        return
    if kind == "line":
        piece = TEXT * ((1 << 20) // len(TEXT))
        while size >= len(piece):
            yield piece
            size -= len(piece)
        yield TEXT * (size // len(TEXT)) + b" " * (size % len(TEXT))
    elif kind == "marks":
        piece = ("\u0301\u0323" * (1 << 18)).encode()  # 4 bytes a pair
        while size > 0:
            chunk = piece[:min(size - size % 2, len(piece))]
            if not chunk:
                break
            yield chunk
            size -= len(chunk)
    elif kind == "nested":
        yield b"<!doctype html><html><body>"
        for start in range(0, size, 10000):
            yield b"<div>" * min(10000, size - start)
        yield "<p>Lương Cường</p>".encode()
        for start in range(0, size, 10000):
            yield b"</div>" * min(10000, size - start)
        yield b"</body></html>\n"
    else:
        raise SystemExit(f"unknown input kind {kind}")


def main():
    args = sys.argv[1:]
    timeout, stdin_spec, env, keep = 60.0, "none", dict(os.environ), None
    while args and args[0] != "--":
        option = args.pop(0)
        if option == "--timeout":
            timeout = float(args.pop(0))
        elif option == "--stdin":
            stdin_spec = args.pop(0)
        elif option == "--stdout":
            keep = open(args.pop(0), "wb")
        elif option == "--env":
            key, _, value = args.pop(0).partition("=")
            env[key] = value
        else:
            raise SystemExit(f"unknown option {option}")
    command = args[1:]
    kind, _, size = stdin_spec.partition(":")
    size = int(size or 0)

    started = time.monotonic()
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    output_bytes = [0]
    errors = []

    def feed():
        try:
            for chunk in generate(kind, size):
                child.stdin.write(chunk)
        except (BrokenPipeError, OSError):
            pass  # the command stopped reading: it refused the input
        finally:
            try:
                child.stdin.close()
            except OSError:
                pass

    def drain_output():
        while True:
            block = child.stdout.read(1 << 16)
            if not block:
                break
            output_bytes[0] += len(block)
            if keep:
                keep.write(block)

    def drain_errors():
        errors.append(child.stderr.read())

    threads = [threading.Thread(target=f, daemon=True) for f in (feed, drain_output, drain_errors)]
    for thread in threads:
        thread.start()
    timed_out = False
    try:
        status = child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        child.kill()
        status = child.wait()
    for thread in threads[1:]:
        thread.join(timeout=10)
    seconds = time.monotonic() - started
    if keep:
        keep.close()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stderr = (errors[0] if errors else b"").decode("utf-8", "replace")
    print(json.dumps({"status": status, "seconds": round(seconds, 2), "peak_kib": peak, "timed_out": timed_out,
                      "stderr": stderr[:2000], "stdout_bytes": output_bytes[0]}, ensure_ascii=False))


if __name__ == "__main__":
    main()

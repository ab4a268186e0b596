"""A FUSE passthrough that behaves like a flaky office share, for fault-injection tests.

`FaultMount(tmp_path)` mirrors a real folder at a mount point through mfusepy, run in a child
process (`python tests/faultfs.py ROOT MOUNT LATENCY`), adding ~2 ms per file-system call like a
LAN share. Its mode is switched over the child's stdin:

- `ok`: plain passthrough.
- `flaky`: every read, write, truncate and fsync fails with EIO (SQLite: "disk I/O error").
- `vanish`: the share dropped: every path lookup fails with ENOENT and every call on an already
  open file with ENOTCONN ("Transport endpoint is not connected").

Kernel caches are off (`direct_io`, zero entry/attr timeouts), so every SQLite read and write
really reaches the faulty code. Byte-range locks are left to the kernel (no `lock` operation),
which is what SQLite needs between processes on one machine.

`mounted(tmp_path)` is the context manager the fixtures use; it always unmounts (fusermount3 -u,
then a lazy unmount and a kill if the child does not go) even when the test fails.
`skip_reason()` says why FUSE tests cannot run here (no /dev/fuse, no fusermount3, not root,
no mfusepy) or returns None.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LATENCY_S = 0.002
MODES = ("ok", "flaky", "vanish")
MOUNT_TIMEOUT_S = 10.0


def skip_reason() -> str | None:
    """Why FUSE fault tests cannot run on this machine, or None when they can."""
    if not sys.platform.startswith("linux"):
        return "FUSE fault injection needs Linux"
    if not os.path.exists("/dev/fuse"):
        return "no /dev/fuse on this machine (FUSE fault injection needs it)"
    if not shutil.which("fusermount3"):
        return "fusermount3 missing: install Debian's fuse3 (tools/dev.py does)"
    if os.geteuid() != 0:
        return "FUSE fault injection runs as root only (as CI does)"
    try:
        import mfusepy  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: libfuse3.so not found
        return f"mfusepy unusable ({exc}); pip install -e '.[test]' and apt-get install fuse3"
    return None


# -- the file system (runs in the child process) ------------------------------------------------


def _make_operations():  # noqa: ANN202 - mfusepy is imported in the child only
    import mfusepy
    from mfusepy import FuseOSError

    class FaultOps(mfusepy.Operations):
        use_ns = True

        def __init__(self, root: str, latency: float) -> None:
            self.root = root
            self.latency = latency
            self.mode = "ok"

        # Every call: latency, then the fault of the moment.
        def _path_call(self, path: str) -> str:
            if self.latency:
                time.sleep(self.latency)
            if self.mode == "vanish":
                raise FuseOSError(errno.ENOENT)
            return os.path.join(self.root, path.lstrip("/"))

        def _fh_call(self, io: bool) -> None:
            if self.latency:
                time.sleep(self.latency)
            if self.mode == "vanish":
                raise FuseOSError(errno.ENOTCONN)
            if io and self.mode == "flaky":
                raise FuseOSError(errno.EIO)

        # metadata
        def getattr(self, path, fh=None):  # noqa: ANN001, ANN201
            full = self._path_call(path)
            st = os.fstat(fh) if fh is not None else os.lstat(full)
            keys = ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size")
            attrs = {k: getattr(st, k) for k in keys}
            attrs.update(st_atime=st.st_atime_ns, st_mtime=st.st_mtime_ns, st_ctime=st.st_ctime_ns)
            return attrs

        def access(self, path, amode):  # noqa: ANN001, ANN201
            if not os.access(self._path_call(path), amode):
                raise FuseOSError(errno.EACCES)
            return 0

        def readdir(self, path, fh):  # noqa: ANN001, ANN201
            return [".", "..", *os.listdir(self._path_call(path))]

        def mkdir(self, path, mode):  # noqa: ANN001, ANN201
            return os.mkdir(self._path_call(path), mode)

        def rmdir(self, path):  # noqa: ANN001, ANN201
            return os.rmdir(self._path_call(path))

        def unlink(self, path):  # noqa: ANN001, ANN201
            return os.unlink(self._path_call(path))

        def rename(self, old, new):  # noqa: ANN001, ANN201
            return os.rename(self._path_call(old), self._path_call(new))

        def chmod(self, path, mode):  # noqa: ANN001, ANN201
            return os.chmod(self._path_call(path), mode)

        def chown(self, path, uid, gid):  # noqa: ANN001, ANN201
            return os.chown(self._path_call(path), uid, gid)

        def utimens(self, path, times=None):  # noqa: ANN001, ANN201
            return os.utime(self._path_call(path), ns=times)

        def statfs(self, path):  # noqa: ANN001, ANN201
            st = os.statvfs(self._path_call(path))
            keys = ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree")
            return {
                k: getattr(st, k) for k in (*keys, "f_files", "f_flag", "f_frsize", "f_namemax")
            }

        # files
        def create(self, path, mode, flags):  # noqa: ANN001, ANN201
            # O_RDWR whatever the kernel passes: SQLite reads back through the same handle.
            wanted = (flags & ~os.O_ACCMODE & (os.O_EXCL | os.O_TRUNC)) | os.O_RDWR | os.O_CREAT
            return os.open(self._path_call(path), wanted, mode)

        def open(self, path, flags):  # noqa: ANN001, ANN201
            return os.open(self._path_call(path), flags & ~(os.O_CREAT | os.O_EXCL))

        def read(self, path, size, offset, fh):  # noqa: ANN001, ANN201
            self._fh_call(io=True)
            return os.pread(fh, size, offset)

        def write(self, path, data, offset, fh):  # noqa: ANN001, ANN201
            self._fh_call(io=True)
            return os.pwrite(fh, data, offset)

        def truncate(self, path, length, fh=None):  # noqa: ANN001, ANN201
            if fh is None:
                full = self._path_call(path)
                if self.mode == "flaky":
                    raise FuseOSError(errno.EIO)
                return os.truncate(full, length)
            self._fh_call(io=True)
            return os.ftruncate(fh, length)

        def fsync(self, path, datasync, fh):  # noqa: ANN001, ANN201
            self._fh_call(io=True)
            return os.fdatasync(fh) if datasync else os.fsync(fh)

        def flush(self, path, fh):  # noqa: ANN001, ANN201
            self._fh_call(io=False)
            return 0

        def release(self, path, fh):  # noqa: ANN001, ANN201
            os.close(fh)  # always: a dropped share must not leak our descriptors
            return 0

    return FaultOps


def _child_main(root: str, mountpoint: str, latency: float) -> int:
    import logging

    import mfusepy

    logging.getLogger("mfusepy").setLevel(logging.CRITICAL)  # EIO on purpose is not news
    ops = _make_operations()(root, latency)

    def control() -> None:
        for line in sys.stdin:
            command = line.strip()
            if command in MODES:
                ops.mode = command
                print(f"mode {command}", flush=True)
            elif command == "quit":
                break
        # quit, or the test process went away: never leave a mount behind
        ops.mode = "ok"
        subprocess.run(["fusermount3", "-u", "-z", mountpoint], capture_output=True)

    threading.Thread(target=control, daemon=True).start()
    mfusepy.FUSE(
        ops,
        mountpoint,
        foreground=True,
        fsname="faultfs",
        direct_io=True,
        entry_timeout=0,
        attr_timeout=0,
        negative_timeout=0,
    )
    return 0


# -- the test side -------------------------------------------------------------------------------


def is_mounted(mountpoint: Path) -> bool:
    target = os.path.abspath(mountpoint)
    try:
        lines = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return False
    return any(line.split()[1].replace("\\040", " ") == target for line in lines if line.strip())


class FaultMount:
    """A faultfs child process: `root` (the real folder) seen through `path` (the mount)."""

    def __init__(self, base: Path, latency: float = LATENCY_S) -> None:
        self.root = base / "share-real"
        self.path = base / "share"
        self.root.mkdir(parents=True, exist_ok=True)
        self.path.mkdir(parents=True, exist_ok=True)
        self.mode = "ok"
        self.proc = subprocess.Popen(
            [sys.executable, __file__, str(self.root), str(self.path), str(latency)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        deadline = time.monotonic() + MOUNT_TIMEOUT_S
        while not is_mounted(self.path):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read() if self.proc.poll() is not None else "timeout"
                self.unmount()
                raise RuntimeError(f"faultfs did not mount: {err}")
            time.sleep(0.02)

    def set_mode(self, mode: str) -> None:
        assert mode in MODES, mode
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(mode + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if answer != f"mode {mode}":
            raise RuntimeError(f"faultfs did not switch to {mode}: {answer!r}")
        self.mode = mode

    def flaky(self) -> None:
        self.set_mode("flaky")

    def vanish(self) -> None:
        self.set_mode("vanish")

    def restore(self) -> None:
        self.set_mode("ok")

    def unmount(self) -> None:
        """Unmount and stop the child; tolerant of every half-broken state."""
        import gc

        gc.collect()  # a failed statement kept alive by a traceback keeps its SQLite file open
        proc = self.proc
        if proc.poll() is None and proc.stdin is not None:
            try:
                proc.stdin.write("quit\n")
                proc.stdin.flush()
                proc.stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass
            try:
                # A file still open on the mount (a failed SQLite statement kept alive by a
                # captured traceback) keeps a lazily unmounted FUSE loop running: do not wait.
                proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        for command in (
            ["fusermount3", "-u", "-z", str(self.path)],
            ["umount", "-l", str(self.path)],
        ):
            if not is_mounted(self.path):
                break
            subprocess.run(command, capture_output=True)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


@contextmanager
def mounted(base: Path, latency: float = LATENCY_S) -> Iterator[FaultMount]:
    mount = FaultMount(base, latency)
    try:
        yield mount
    finally:
        mount.unmount()


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1], sys.argv[2], float(sys.argv[3])))

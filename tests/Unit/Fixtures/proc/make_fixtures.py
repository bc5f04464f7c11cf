#!/usr/bin/env python3
"""Writes the /proc byte fixtures next to this script. Run once; the output is checked in.

Each stat line carries the 52 fields of proc(5); only state (3), ppid (4), flags (9) and
starttime (22) are read by ProcParsers, the rest are plausible values from a real system.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def stat_line(pid, comm, state, ppid, flags, starttime):
    # Fields 5..52 after pid, comm, state and ppid; flags is field 9, starttime field 22.
    tail = [pid, pid, 0, -1, flags, 1532, 0, 0, 0, 41, 17, 0, 0, 20, 0, 9, 0, starttime,
            1291845632, 7000, 18446744073709551615, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 2,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    fields = [str(pid), "(" + comm + ")", state, str(ppid)] + [str(v) for v in tail]
    assert len(fields) == 52, len(fields)
    return (" ".join(fields) + "\n").encode("utf-8")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# stat
write("stat-normal", stat_line(4242, "gopls", "S", 4100, 0x00400100, 987654))
write("stat-paren-name", stat_line(31337, "(a) b (c)", "R", 1, 0x00400000, 555))
write("stat-zombie", stat_line(5151, "sleep", "Z", 5150, 0x0040810C, 4711))
write("stat-kthread", stat_line(2, "kthreadd", "S", 0, 0x00208040, 6))
write("stat-malformed", b"1234 (truncated) S 1 1234 1234\n")

# cmdline
write("cmdline-nul", b"/home/gopher/go/bin/gopls\0-mode=stdio\0serve\0")
write("cmdline-electron",
      b"/usr/share/code/code --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US")
write("cmdline-empty", b"")

# environ: the block ends at the first empty entry; STALE follows the double NUL.
write("environ-mixed",
      b"PATH=/usr/local/go/bin:/usr/bin\0"
      b"NOVALUE\0"
      b"=startswithequals\0"
      b"LATIN1=caf\xe9\0"
      b"GREETING=h\xc3\xa9llo\0"
      b"GOFLAGS=-tags=integration -ldflags=-X=main.v=1\0"
      b"EMPTY=\0"
      b"HOME=/home/gopher\0"
      b"\0"
      b"STALE=left-over\0")
write("environ-empty", b"")

# status: Uid lists real, effective, saved and filesystem uid.
write("status-uid",
      b"Name:\tgopls\n"
      b"Umask:\t0022\n"
      b"State:\tS (sleeping)\n"
      b"Tgid:\t4242\n"
      b"Pid:\t4242\n"
      b"PPid:\t4100\n"
      b"TracerPid:\t0\n"
      b"Uid:\t1000\t1001\t1002\t1003\n"
      b"Gid:\t100\t100\t100\t100\n"
      b"Threads:\t9\n")

# /proc/stat
write("proc-stat",
      b"cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0\n"
      b"cpu0 1393280 32966 572056 13343292 6130 0 17875 0 0 0\n"
      b"intr 199292 0 0 0 0\n"
      b"ctxt 1990473\n"
      b"btime 1700000000\n"
      b"processes 2915\n"
      b"procs_running 1\n"
      b"procs_blocked 0\n")

#!/usr/bin/env python3
"""Writes the macOS fixtures next to this script. Run once; the output is checked in.

No Mac runs these tests. Every binary fixture is built here from the structure layouts that Apple publishes in
the macOS SDK headers, declared below field by field with ctypes, so that the C layout rules (not hand-counted
offsets) place each field:
  - struct kinfo_proc, struct extern_proc, struct eproc, struct _pcred, struct _ucred, struct vmspace:
    <sys/sysctl.h> and <sys/proc.h> (xnu bsd/sys/sysctl.h, bsd/sys/proc.h)
  - struct passwd: <pwd.h> of macOS (with pw_change, pw_class and pw_expire) and of glibc
  - struct proc_vnodepathinfo, struct vnode_info_path, struct vnode_info, struct vinfo_stat: <sys/proc_info.h>
  - the KERN_PROCARGS2 buffer: int argc, the exec path, NUL padding to pointer alignment, argc argument strings,
    the environment strings, then the kernel's "apple" strings (xnu bsd/kern/kern_exec.c, exec_add_apple_strings;
    bsd/kern/kern_sysctl.c, sysctl_procargsx).
macOS on x86_64 and on arm64 is LP64 with natural alignment, the same rules as the x86_64 Linux that runs this
script, so ctypes lays the structures out as the Mac compiler does. layouts.json records the offsets found, and a
unit test compares the parser's constants with it.
"""
import ctypes as C
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# ---- <sys/proc.h>, <sys/sysctl.h> -------------------------------------------------------------------------
class timeval(C.Structure):
    _fields_ = [("tv_sec", C.c_long), ("tv_usec", C.c_int32)]  # __darwin_suseconds_t is int32


class p_st1(C.Structure):
    _fields_ = [("p_forw", C.c_void_p), ("p_back", C.c_void_p)]


class p_un(C.Union):
    _fields_ = [("p_st1", p_st1), ("p_starttime", timeval)]


class itimerval(C.Structure):
    _fields_ = [("it_interval", timeval), ("it_value", timeval)]


class extern_proc(C.Structure):
    _fields_ = [
        ("p_un", p_un), ("p_vmspace", C.c_void_p), ("p_sigacts", C.c_void_p), ("p_flag", C.c_int),
        ("p_stat", C.c_char), ("p_pid", C.c_int32), ("p_oppid", C.c_int32), ("p_dupfd", C.c_int),
        ("user_stack", C.c_void_p), ("exit_thread", C.c_void_p), ("p_debugger", C.c_int), ("sigwait", C.c_int),
        ("p_estcpu", C.c_uint), ("p_cpticks", C.c_int), ("p_pctcpu", C.c_uint32), ("p_wchan", C.c_void_p),
        ("p_wmesg", C.c_void_p), ("p_swtime", C.c_uint), ("p_slptime", C.c_uint), ("p_realtimer", itimerval),
        ("p_rtime", timeval), ("p_uticks", C.c_uint64), ("p_sticks", C.c_uint64), ("p_iticks", C.c_uint64),
        ("p_traceflag", C.c_int), ("p_tracep", C.c_void_p), ("p_siglist", C.c_int), ("p_textvp", C.c_void_p),
        ("p_holdcnt", C.c_int), ("p_sigmask", C.c_uint32), ("p_sigignore", C.c_uint32),
        ("p_sigcatch", C.c_uint32), ("p_priority", C.c_ubyte), ("p_usrpri", C.c_ubyte), ("p_nice", C.c_char),
        ("p_comm", C.c_char * 17),  # MAXCOMLEN + 1
        ("p_pgrp", C.c_void_p), ("p_addr", C.c_void_p), ("p_xstat", C.c_ushort), ("p_acflag", C.c_ushort),
        ("p_ru", C.c_void_p),
    ]


class pcred(C.Structure):
    _fields_ = [("pc_lock", C.c_char * 72), ("pc_ucred", C.c_void_p), ("p_ruid", C.c_uint32),
                ("p_svuid", C.c_uint32), ("p_rgid", C.c_uint32), ("p_svgid", C.c_uint32), ("p_refcnt", C.c_int)]


class ucred(C.Structure):
    _fields_ = [("cr_ref", C.c_int32), ("cr_uid", C.c_uint32), ("cr_ngroups", C.c_short),
                ("cr_groups", C.c_uint32 * 16)]  # NGROUPS


class vmspace(C.Structure):
    _fields_ = [("dummy", C.c_int32), ("dummy2", C.c_void_p), ("dummy3", C.c_int32 * 5),
                ("dummy4", C.c_void_p * 3)]


class eproc(C.Structure):
    _fields_ = [
        ("e_paddr", C.c_void_p), ("e_sess", C.c_void_p), ("e_pcred", pcred), ("e_ucred", ucred),
        ("e_vm", vmspace), ("e_ppid", C.c_int32), ("e_pgid", C.c_int32), ("e_jobc", C.c_short),
        ("e_tdev", C.c_int32), ("e_tpgid", C.c_int32), ("e_tsess", C.c_void_p),
        ("e_wmesg", C.c_char * 8),  # WMESGLEN + 1
        ("e_xsize", C.c_int32), ("e_xrssize", C.c_short), ("e_xccount", C.c_short), ("e_xswrss", C.c_short),
        ("e_flag", C.c_int32), ("e_login", C.c_char * 12),  # COMAPT_MAXLOGNAME
        ("e_spare", C.c_int32 * 4),
    ]


class kinfo_proc(C.Structure):
    _fields_ = [("kp_proc", extern_proc), ("kp_eproc", eproc)]


assert C.sizeof(kinfo_proc) == 648, C.sizeof(kinfo_proc)

# ---- <pwd.h> --------------------------------------------------------------------------------------------
class passwd_macos(C.Structure):
    _fields_ = [("pw_name", C.c_char_p), ("pw_passwd", C.c_char_p), ("pw_uid", C.c_uint32), ("pw_gid", C.c_uint32),
                ("pw_change", C.c_long), ("pw_class", C.c_char_p), ("pw_gecos", C.c_char_p), ("pw_dir", C.c_char_p),
                ("pw_shell", C.c_char_p), ("pw_expire", C.c_long)]


class passwd_glibc(C.Structure):
    _fields_ = [("pw_name", C.c_char_p), ("pw_passwd", C.c_char_p), ("pw_uid", C.c_uint32), ("pw_gid", C.c_uint32),
                ("pw_gecos", C.c_char_p), ("pw_dir", C.c_char_p), ("pw_shell", C.c_char_p)]


# ---- <sys/proc_info.h> ----------------------------------------------------------------------------------
class vinfo_stat(C.Structure):
    _fields_ = [("vst_dev", C.c_uint32), ("vst_mode", C.c_uint16), ("vst_nlink", C.c_uint16), ("vst_ino", C.c_uint64),
                ("vst_uid", C.c_uint32), ("vst_gid", C.c_uint32), ("vst_atime", C.c_int64),
                ("vst_atimensec", C.c_int64), ("vst_mtime", C.c_int64), ("vst_mtimensec", C.c_int64),
                ("vst_ctime", C.c_int64), ("vst_ctimensec", C.c_int64), ("vst_birthtime", C.c_int64),
                ("vst_birthtimensec", C.c_int64), ("vst_size", C.c_int64), ("vst_blocks", C.c_int64),
                ("vst_blksize", C.c_int32), ("vst_flags", C.c_uint32), ("vst_gen", C.c_uint32),
                ("vst_rdev", C.c_uint32), ("vst_qspare", C.c_int64 * 2)]


class vnode_info(C.Structure):
    _fields_ = [("vi_stat", vinfo_stat), ("vi_type", C.c_int), ("vi_pad", C.c_int), ("vi_fsid", C.c_int32 * 2)]


class vnode_info_path(C.Structure):
    _fields_ = [("vip_vi", vnode_info), ("vip_path", C.c_char * 1024)]  # MAXPATHLEN


class proc_vnodepathinfo(C.Structure):
    _fields_ = [("pvi_cdir", vnode_info_path), ("pvi_rdir", vnode_info_path)]


def offset(struct_type, path):
    total = 0
    for name in path.split("."):
        field = getattr(struct_type, name)
        total += field.offset
        struct_type = dict(struct_type._fields_)[name]
    return total


layouts = {
    "kinfo_proc": {
        "size": C.sizeof(kinfo_proc),
        "p_starttime.tv_sec": offset(kinfo_proc, "kp_proc.p_un.p_starttime.tv_sec"),
        "p_starttime.tv_usec": offset(kinfo_proc, "kp_proc.p_un.p_starttime.tv_usec"),
        "p_stat": offset(kinfo_proc, "kp_proc.p_stat"),
        "p_pid": offset(kinfo_proc, "kp_proc.p_pid"),
        "p_comm": offset(kinfo_proc, "kp_proc.p_comm"),
        "p_comm.size": C.sizeof(C.c_char * 17),
        "e_pcred.p_ruid": offset(kinfo_proc, "kp_eproc.e_pcred.p_ruid"),
        "e_ucred.cr_uid": offset(kinfo_proc, "kp_eproc.e_ucred.cr_uid"),
        "e_ppid": offset(kinfo_proc, "kp_eproc.e_ppid"),
    },
    "passwd.macos": {"pw_name": passwd_macos.pw_name.offset, "pw_shell": passwd_macos.pw_shell.offset},
    "passwd.glibc": {"pw_name": passwd_glibc.pw_name.offset, "pw_shell": passwd_glibc.pw_shell.offset},
    "proc_vnodepathinfo": {
        "size": C.sizeof(proc_vnodepathinfo),
        "pvi_cdir.vip_path": offset(proc_vnodepathinfo, "pvi_cdir.vip_path"),
        "vip_path.size": 1024,
    },
}
write("layouts.json", (json.dumps(layouts, indent=2, sort_keys=True) + "\n").encode("ascii"))

# ---- kinfo_proc records: the table sysctl(CTL_KERN, KERN_PROC, KERN_PROC_ALL) returns ------------------
SIDL, SRUN, SSLEEP, SSTOP, SZOMB = 1, 2, 3, 4, 5
BOOT = 1732690800  # 2024-11-27 07:00:00 UTC


def record(pid, ppid, ruid, comm, stat=SSLEEP, start=0, usec=0, euid=None):
    k = kinfo_proc()
    k.kp_proc.p_un.p_starttime.tv_sec = BOOT + start
    k.kp_proc.p_un.p_starttime.tv_usec = usec
    k.kp_proc.p_stat = bytes([stat])
    k.kp_proc.p_pid = pid
    k.kp_proc.p_comm = comm.encode("utf-8")[:16]  # the kernel keeps MAXCOMLEN bytes
    k.kp_eproc.e_pcred.p_ruid = ruid
    k.kp_eproc.e_ucred.cr_uid = ruid if euid is None else euid
    k.kp_eproc.e_ppid = ppid
    return bytes(k)


table = [
    record(0, 0, 0, "kernel_task", SRUN),
    record(1, 0, 0, "launchd", start=1, usec=500),
    record(310, 1, 0, "mds", start=30, usec=120),
    record(612, 1, 501, "Electron", start=3600, usec=250_000),
    record(640, 612, 501, "Code Helper (Plugin)", start=3605, usec=17),
    record(700, 640, 501, "gopls", start=3700, usec=999_999),
    record(701, 700, 501, "sleep", SZOMB, start=3710),
    record(702, 700, 501, "go", start=3711, euid=0),
    record(800, 1, 501, "Terminal", start=4000),
]
write("kinfo_proc-table.bin", b"".join(table))

# ---- KERN_PROCARGS2 buffers -----------------------------------------------------------------------------
APPLE = [
    b"executable_path=/Users/gopher/go/bin/gopls",
    b"ptr_munge=",
    b"main_stack=",
    b"executable_file=0x1a01000009,0x2b3c4d",
    b"dyld_file=0x1a01000009,0xfffffff00000",
    b"executable_cdhash=8b0e3a7c1f0d9a6b5e4c3d2a1b0f9e8d7c6b5a49",
    b"executable_boothash=0d1c2b3a49586776a5b4c3d2e1f0a9b8c7d6e5f4",
    b"arm64e_abi=os",
    b"th_port=0x103",
]


def procargs2(exec_path, argv, env, apple=APPLE, argc=None, separator=True, tail=b""):
    area = exec_path + b"\0"
    while len(area) % 8:  # padded to pointer alignment
        area += b"\0"
    area += b"".join(a + b"\0" for a in argv)
    area += b"".join(e + b"\0" for e in env)
    if separator and apple:
        area += b"\0"
    area += b"".join(a + b"\0" for a in apple)
    return struct.pack("<i", len(argv) if argc is None else argc) + area + tail


GOPLS = b"/Users/gopher/go/bin/gopls"
GOPLS_ENV = [
    b"PATH=/opt/homebrew/bin:/usr/local/go/bin:/usr/bin:/bin",
    b"HOME=/Users/gopher",
    b"GOFLAGS=-mod=mod",
    b"GOPROXY=https://proxy.golang.org,direct",
    b"VSCODE_CRASH_REPORTER_PROCESS_TYPE=extensionHost",
    b"EMPTY=",
]
write("procargs2-normal.bin", procargs2(GOPLS, [GOPLS, b"-mode=stdio"], GOPLS_ENV))
write("procargs2-apple-no-separator.bin",
      procargs2(GOPLS, [GOPLS, b"-mode=stdio"], GOPLS_ENV, separator=False, tail=b"\0" * 24))
# Since macOS 11 the kernel leaves out the environment (and the apple strings) of a code-signing-restricted
# target; what follows argv is zeros.
write("procargs2-withheld.bin",
      procargs2(b"/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal",
                [b"/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal"], [], apple=[],
                tail=b"\0" * 64))
write("procargs2-argc0.bin", procargs2(b"/usr/local/bin/noargs", [], [b"A=1", b"B=2"]))
write("procargs2-relative-exec.bin",
      procargs2(b"./bin/gopls", [b"./bin/gopls", b"serve"], [b"PWD=/Users/gopher/src/app"]))
write("procargs2-non-utf8.bin",
      procargs2(GOPLS, [GOPLS], [b"LATIN1=caf\xe9", b"GREETING=h\xc3\xa9llo", b"LANG=en_US.UTF-8"]))
write("procargs2-odd-entries.bin",
      procargs2(GOPLS, [GOPLS], [b"X", b"=foo", b"GOPATH=/Users/gopher/go", b"A=b=c"]))
# An environment that is really empty (env -i) still has the kernel's strings after argv.
write("procargs2-empty-env.bin", procargs2(b"/usr/bin/env", [b"env", b"-i", b"sleep"], []))
# A buffer cut inside the environment: the last string has no NUL.
normal = procargs2(GOPLS, [GOPLS, b"-mode=stdio"], GOPLS_ENV)
cut = normal.index(b"GOPROXY=") + len(b"GOPROXY=https://pro")
write("procargs2-truncated-env.bin", normal[:cut])
# A buffer cut inside argv: argc promises three strings, two arrive.
write("procargs2-truncated-argv.bin", procargs2(GOPLS, [GOPLS, b"-mode=stdio"], [], apple=[], argc=3)[:-1])
EXT_HOST = (b"/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/"
            b"Code Helper (Plugin)")
write("procargs2-extension-host.bin",
      procargs2(EXT_HOST, [EXT_HOST, b"--type=utility", b"--utility-sub-type=node.mojom.NodeService",
                           b"--lang=en-US", b"--service-sandbox-type=none"],
                [b"PATH=/usr/bin:/bin:/usr/sbin:/sbin", b"VSCODE_CRASH_REPORTER_PROCESS_TYPE=extensionHost",
                 b"ELECTRON_RUN_AS_NODE=1", b"HOME=/Users/gopher"]))

# ---- proc_pidinfo(PROC_PIDVNODEPATHINFO) ------------------------------------------------------------------
v = proc_vnodepathinfo()
v.pvi_cdir.vip_path = b"/Users/gopher/src/app"
v.pvi_rdir.vip_path = b"/"
write("vnodepathinfo-cwd.bin", bytes(v))

# ---- ps output, in the format of macOS ps(1) under LC_ALL=C ------------------------------------------------
# Composed from the documented output format (lstart is "%a %b %e %T %Y"; comm is the executable path, which
# may hold spaces), not captured on a Mac.
PS_ROWS = [
    (0, 0, 0, "Wed Nov 27 07:00:00 2024", "kernel_task"),
    (1, 0, 0, "Wed Nov 27 07:00:01 2024", "/sbin/launchd"),
    (612, 1, 501, "Wed Nov 27 08:00:00 2024", "/Applications/Visual Studio Code.app/Contents/MacOS/Electron"),
    (640, 612, 501, "Wed Nov 27 08:00:05 2024",
     "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/"
     "Code Helper (Plugin)"),
    (700, 640, 501, "Mon Dec  2 09:05:03 2024", "/Users/gopher/go/bin/gopls"),
    (99999, 1, 4294967294, "Mon Dec  2 23:59:59 2024", "/usr/libexec/nobody thing"),
]
lines = ["%5d %5d %5d %s     %s" % row for row in PS_ROWS]
write("ps-table.txt", ("\n".join(lines) + "\n").encode("utf-8"))
write("ps-command.txt", b"/Users/gopher/go/bin/gopls -mode=stdio\n")
write("ps-command-env.txt",
      b"/Users/gopher/go/bin/gopls -mode=stdio PATH=/opt/homebrew/bin:/usr/bin:/bin HOME=/Users/gopher "
      b"GOFLAGS=-mod=mod -tags=integration MSG=hello world  TERM_PROGRAM=vscode\n")

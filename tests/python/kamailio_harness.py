# GStreamer SIP library
# Copyright (C) 2026 The gst-sip authors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2 of the License, or (at your option) any later version.
#
# This library is distributed in the hope that it will be useful,
# but WITHOUT ANY WARRANTY; without even the implied warranty of
# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
# Library General Public License for more details.
#
# You should have received a copy of the GNU Library General Public
# License along with this library; if not, write to the
# Free Software Foundation, Inc., 51 Franklin St, Fifth Floor,
# Boston, MA 02110-1301, USA.

"""A kamailio registrar on loopback for the Python tests.

The Python counterpart of tests/common/kamailio.c, registrar mode only: the
same configuration template (tests/common/kamailio.cfg) with the same
#!substdef header, the same db_text subscriber table, the same command
line.  Kamailio challenges every REGISTER with 401 (MD5, qop=auth) and
saves the bindings of its users.

    with Kamailio(users={'alice': 'secret'}) as kamailio:
        registrar = kamailio.uri

Kamailio() raises unittest.SkipTest when kamailio or one of its modules is
not installed.
"""

import ctypes
import ctypes.util
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import unittest

# Environment variables that override where kamailio and its modules are,
# and that keep the work directory, as for the C harness.
KAMAILIO_ENV = 'GST_SIP_TEST_KAMAILIO'
MODULES_ENV = 'GST_SIP_TEST_KAMAILIO_MODULES'
KEEP_DIRS_ENV = 'GST_SIP_TEST_KEEP_PEER_DIRS'

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        os.pardir, 'common', 'kamailio.cfg')

# Shared and private memory of kamailio, in megabytes.
SHM_MB = '64'
PKG_MB = '8'

# How long starting waits for the port and the first worker, and stopping
# for each process to exit, in seconds.
START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
POLL_INTERVAL = 0.02

# The line kamailio.cfg logs when the first worker is ready.
READY = 'gst-sip test kamailio ready'

DEFAULT_ADDRESS = '127.0.0.1'
DEFAULT_DOMAIN = 'example.test'

REQUIRED_MODULES = ('db_text', 'tm', 'sl', 'rr', 'pv', 'maxfwd', 'usrloc',
                    'registrar', 'textops', 'siputils', 'xlog', 'sanity',
                    'nathelper', 'auth', 'auth_db')

MODULE_DIRS = (
    '/usr/lib/x86_64-linux-gnu/kamailio/modules',
    '/usr/lib/aarch64-linux-gnu/kamailio/modules',
    '/usr/lib/i386-linux-gnu/kamailio/modules',
    '/usr/lib64/kamailio/modules',
    '/usr/lib/kamailio/modules',
    '/usr/local/lib64/kamailio/modules',
    '/usr/local/lib/kamailio/modules',
)

# Linux socket state of an unconnected UDP socket in /proc/net/udp.
PROC_STATE_UDP_UNCONNECTED = 0x07

PR_SET_PDEATHSIG = 1


def find_program(name):
    """Like gst_sip_test_find_program(): PATH, then the sbin directories."""
    if os.sep in name:
        return name if os.access(name, os.X_OK) else None
    found = shutil.which(name)
    if found:
        return found
    for directory in ('/usr/local/sbin', '/usr/sbin', '/sbin'):
        path = os.path.join(directory, name)
        if os.access(path, os.X_OK) and not os.path.isdir(path):
            return path
    return None


def find_modules_dir():
    directory = os.environ.get(MODULES_ENV)
    if not directory:
        for candidate in MODULE_DIRS:
            if os.path.exists(os.path.join(candidate, 'tm.so')):
                directory = candidate
                break
        else:
            raise unittest.SkipTest('kamailio modules not found (set %s to '
                                    'their directory)' % MODULES_ENV)
    for module in REQUIRED_MODULES:
        if not os.path.exists(os.path.join(directory, module + '.so')):
            raise unittest.SkipTest('kamailio module %s not found in %s' %
                                    (module, directory))
    return directory


def reserve_port(address):
    """A port that is free for both UDP and TCP on address: binds UDP port
    0, checks that TCP can bind the same port, and closes both again.  Racy
    by nature, as gst_sip_test_reserve_port()."""
    for _ in range(32):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((address, 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind((address, port))
                except OSError:
                    continue
        return port
    raise RuntimeError('no free UDP and TCP port on %s' % address)


def udp_listens(address, port):
    """Whether /proc/net/udp lists an unconnected socket bound to
    address:port (IPv4)."""
    # the kernel prints the address as the hex of the 32-bit value in host
    # order and the port in host order
    want_address = '%08X' % struct.unpack(
        '=I', socket.inet_aton(address))[0]
    want_port = '%04X' % port
    try:
        with open('/proc/net/udp', encoding='ascii') as table:
            next(table)
            for line in table:
                fields = line.split()
                if len(fields) < 4:
                    continue
                local_address, local_port = fields[1].split(':')
                if (local_address == want_address and local_port == want_port
                        and int(fields[3], 16) ==
                        PROC_STATE_UDP_UNCONNECTED):
                    return True
    except OSError:
        pass
    return False


def dbtext_field(text):
    """text as a db_text string field."""
    return (text.replace('\\', '\\\\').replace(':', '\\:')
            .replace('\n', '\\n').replace('\r', '\\r').replace('\t', '\\t'))


def read_proc_stat(pid):
    """(parent, start time, alive) of process pid, or None."""
    try:
        with open('/proc/%d/stat' % pid, encoding='ascii',
                  errors='replace') as stat:
            contents = stat.read()
    except OSError:
        return None
    # "pid (name) state ppid ...": the name may contain blanks
    fields = contents[contents.rfind(')') + 1:].split()
    if len(fields) < 20:
        return None
    return int(fields[1]), int(fields[19]), fields[0] not in ('Z', 'X')


def list_workers(pid):
    """The (pid, start time) of the living children of pid."""
    workers = []
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        stat = read_proc_stat(int(name))
        if stat and stat[0] == pid and stat[2]:
            workers.append((int(name), stat[1]))
    return workers


def worker_runs(worker):
    stat = read_proc_stat(worker[0])
    return bool(stat and stat[1] == worker[1] and stat[2])


class Kamailio:
    """One running kamailio registrar; stop() or use it as a context
    manager."""

    def __init__(self, users, domain=DEFAULT_DOMAIN, address=DEFAULT_ADDRESS,
                 min_expires=1, default_expires=3600, max_expires=0,
                 algorithm='MD5', nonce_expire=300):
        program = find_program(os.environ.get(KAMAILIO_ENV) or 'kamailio')
        if program is None:
            raise unittest.SkipTest('kamailio not found (set %s to its path)'
                                    % KAMAILIO_ENV)
        modules_dir = find_modules_dir()

        self.address = address
        self.domain = domain
        self.process = None
        self.port = reserve_port(address)
        self.workdir = tempfile.mkdtemp(prefix='gst-sip-kamailio-')
        try:
            db_dir = os.path.join(self.workdir, 'db')
            run_dir = os.path.join(self.workdir, 'run')
            os.mkdir(run_dir, 0o700)
            self._write_database(db_dir, users)
            cfg_path = os.path.join(self.workdir, 'kamailio.cfg')
            with open(cfg_path, 'w', encoding='utf-8') as cfg:
                cfg.write(self._config(modules_dir, db_dir, min_expires,
                                       default_expires, max_expires,
                                       algorithm, nonce_expire))
            self.log_path = os.path.join(self.workdir, 'kamailio.log')
            # -DD: stay in the foreground (but fork the workers); -E: log
            # to stderr; -Y: runtime files in the work directory; -w: so
            # are core files
            argv = [program, '-f', cfg_path, '-DD', '-E', '-m', SHM_MB,
                    '-M', PKG_MB, '-L', modules_dir, '-Y', run_dir,
                    '-w', self.workdir]
            with open(self.log_path, 'wb') as log:
                self.process = subprocess.Popen(
                    argv, cwd=self.workdir, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT,
                    preexec_fn=_death_signal_setup(signal.SIGTERM))
            self._wait_started()
        except BaseException:
            self.stop()
            raise

    @property
    def uri(self):
        """The registrar URI, such as sip:127.0.0.1:5062."""
        return 'sip:%s:%d' % (self.address, self.port)

    @property
    def pid(self):
        return self.process.pid

    @property
    def log(self):
        try:
            with open(self.log_path, encoding='utf-8',
                      errors='replace') as log:
                return log.read()
        except OSError:
            return ''

    def _write_database(self, db_dir, users):
        os.makedirs(db_dir, 0o700)
        rows = ['id(int,auto) username(str) domain(str,null) '
                'password(str) ha1(str,null) ha1b(str,null)']
        for i, (name, password) in enumerate(users.items()):
            rows.append('%d:%s:%s:%s::' % (i + 1, dbtext_field(name),
                                          dbtext_field(self.domain),
                                          dbtext_field(password)))
        subscriber = os.path.join(db_dir, 'subscriber')
        fd = os.open(subscriber, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                     0o600)
        with open(fd, 'w', encoding='utf-8') as table:
            table.write('\n'.join(rows) + '\n')
        # auth_db checks the version of the subscriber table
        with open(os.path.join(db_dir, 'version'), 'w',
                  encoding='ascii') as table:
            table.write('table_name(str) table_version(int)\n'
                        'subscriber:7\n')

    def _config(self, modules_dir, db_dir, min_expires, default_expires,
                max_expires, algorithm, nonce_expire):
        for text in (modules_dir, db_dir):
            if any(c in text for c in '!"\\\n'):
                raise RuntimeError('cannot put "%s" into a kamailio '
                                   'configuration' % text)
        with open(TEMPLATE, encoding='utf-8') as template:
            body = template.read()
        definitions = [
            ('KAM_LISTEN', '%s:%d' % (self.address, self.port)),
            ('KAM_DOMAIN', self.domain),
            ('KAM_MODULES', modules_dir),
            ('KAM_DB', db_dir),
            ('KAM_MIN_EXPIRES', min_expires),
            ('KAM_DEFAULT_EXPIRES', default_expires),
            ('KAM_MAX_EXPIRES', max_expires),
            ('KAM_BRIEF_MODE', 0),
            ('KAM_ALGORITHM', algorithm),
            ('KAM_CHALLENGE_FLAGS', 1),
            ('KAM_NONCE_EXPIRE', nonce_expire),
            ('KAM_WORKERS', 2),
        ]
        header = ['#!KAMAILIO',
                  '# Written by the gst-sip test harness '
                  '(tests/python/kamailio_harness.py).']
        header += ['#!substdef "!%s!%s!"' % (name, value)
                   for name, value in definitions]
        return '\n'.join(header) + '\n\n' + body

    def _wait_started(self):
        deadline = time.monotonic() + START_TIMEOUT
        what = 'listen on UDP'
        while not udp_listens(self.address, self.port):
            self._check_running(deadline, what)
        what = 'start its workers'
        while READY not in self.log:
            self._check_running(deadline, what)

    def _check_running(self, deadline, what):
        if self.process.poll() is not None:
            raise RuntimeError(
                'kamailio (pid %d) exited with status %d before it could %s '
                'on %s port %d\n--- kamailio log ---\n%s' %
                (self.process.pid, self.process.returncode, what,
                 self.address, self.port, self.log))
        if time.monotonic() >= deadline:
            raise RuntimeError(
                'kamailio (pid %d) did not %s on %s port %d within %.0f s\n'
                '--- kamailio log ---\n%s' %
                (self.process.pid, what, self.address, self.port,
                 START_TIMEOUT, self.log))
        time.sleep(POLL_INTERVAL)

    def stop(self):
        """Stops kamailio: SIGTERM to its main process, which stops the
        workers, then SIGKILL, each bounded; then kills the workers that
        are left, by process ID.  Removes the work directory unless
        GST_SIP_TEST_KEEP_PEER_DIRS is set."""
        if self.process is not None:
            process, self.process = self.process, None
            # find the workers while their parent runs
            workers = list_workers(process.pid) if process.poll() is None \
                else []
            if process.poll() is None:
                # Popen only signals a process it has not reaped
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    process.kill()
                    try:
                        process.wait(STOP_TIMEOUT)
                    except subprocess.TimeoutExpired:
                        pass
            deadline = time.monotonic() + STOP_TIMEOUT
            while (any(worker_runs(w) for w in workers)
                   and time.monotonic() < deadline):
                time.sleep(POLL_INTERVAL)
            for worker in workers:
                if worker_runs(worker):
                    os.kill(worker[0], signal.SIGKILL)
        if self.workdir is not None and not os.environ.get(KEEP_DIRS_ENV):
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def _death_signal_setup(signum):
    """A preexec_fn that makes the child get signum when its parent dies,
    as the C harness does; kamailio then stops its workers."""
    libc_name = ctypes.util.find_library('c')
    if libc_name is None:
        return None
    prctl = ctypes.CDLL(libc_name, use_errno=True).prctl
    parent = os.getpid()

    def setup():
        prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
        if os.getppid() != parent:
            os._exit(127)

    return setup

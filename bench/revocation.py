"""The measuring half of bench/revocation: ends sessions on A, polls B until it refuses them.

Reads PORT_A, PORT_B, DB, ROUNDS, CONTROLS, POLL_MS and LIMIT_MS from the environment (and PGHOST,
PGPORT, PGUSER through psql); standard library only. Times are from A's answer (fully read) to B's
first 401, so one request to B is part of each figure.

The control ends sessions in the database itself, without the notice, as an instance that cannot
announce would: B must then keep accepting them for about its session-cache lifetime. That shows B
really answered from its cache before each measured end, so a prompt refusal can only be the notice.
"""
import base64
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import uuid

PASSWORD = "correct-Horse-battery-9"
NEW_PASSWORD = "Brand-new-pass-9"
GIVE_UP_S = 10.0


class Instance:
    """One keep-alive connection to one instance; reconnects when the server closes it."""

    def __init__(self, name, port):
        self.name = name
        self.port = port
        self.conn = None

    def call(self, method, path, body=None, token=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                reply = self.conn.getresponse()
                text = reply.read()
                if reply.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return reply.status, (json.loads(text) if text else None)
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def expect(self, status, method, path, body=None, token=None):
        got, answer = self.call(method, path, body, token)
        if got != status:
            sys.exit(f"{self.name}: {method} {path} answered {got}, expected {status}: {answer}")
        return answer


def session_id(access):
    payload = access.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sid"]


def new_user(a):
    name = "rev" + uuid.uuid4().hex[:12]
    a.expect(201, "POST", "/api/users/register/", {
        "username": name, "email": name + "@example.com",
        "password": PASSWORD, "password_confirm": PASSWORD})
    return name


def log_in(a, name):
    return a.expect(200, "POST", "/api/token/", {"username": name, "password": PASSWORD})


# Each kind prepares on A and returns (the access token B must come to refuse, the ending call on A).
def logout(a, name):
    tokens = log_in(a, name)
    return tokens["access"], lambda: a.expect(
        200, "POST", "/api/users/logout/", {"refresh": tokens["refresh"]}, tokens["access"])


def session_delete(a, name):
    caller, ended = log_in(a, name), log_in(a, name)
    return ended["access"], lambda: a.expect(
        204, "DELETE", f"/api/users/sessions/{session_id(ended['access'])}/", token=caller["access"])


def logout_all(a, name):
    tokens = log_in(a, name)
    return tokens["access"], lambda: a.expect(200, "POST", "/api/users/logout-all/", {}, tokens["access"])


def change_password(a, name):
    caller, ended = log_in(a, name), log_in(a, name)
    return ended["access"], lambda: a.expect(200, "POST", "/api/users/change-password/", {
        "old_password": PASSWORD, "new_password": NEW_PASSWORD,
        "new_password_confirm": NEW_PASSWORD}, caller["access"])


def ended_unannounced(a, name):
    tokens = log_in(a, name)

    def end():
        sql = ("UPDATE sessions SET ended_at = now(), end_reason = 'LOGOUT' "
               f"WHERE id = '{session_id(tokens['access'])}' AND ended_at IS NULL")
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", os.environ["DB"], "-c", sql],
                       check=True, stdout=subprocess.DEVNULL)
    return tokens["access"], end


KINDS = [("logout", logout), ("session delete", session_delete),
         ("logout-all", logout_all), ("change password", change_password)]


def measure(a, b, prepare, poll_s):
    access, end = prepare(a, new_user(a))
    b.expect(200, "GET", "/api/users/me/", token=access)  # B now holds the session as open
    end()
    ended = time.perf_counter()
    polls = 0
    while True:
        polls += 1
        status, answer = b.call("GET", "/api/users/me/", token=access)
        elapsed = time.perf_counter() - ended
        if status == 401:
            if (answer or {}).get("code") != "token_not_valid":
                sys.exit(f"B refused with an unexpected problem: {answer}")
            return elapsed * 1000, polls
        if status != 200:
            sys.exit(f"B answered {status} while polling: {answer}")
        if elapsed > GIVE_UP_S:
            return float("inf"), polls
        time.sleep(poll_s)


def show(number, kind, ms, polls):
    shown = f"{ms:.1f} ms" if ms != float("inf") else f"not in {GIVE_UP_S:.0f} s"
    print(f"{number:>3}  {kind:<16} {shown:>19} {polls:>6}", flush=True)


def main():
    a = Instance("A", int(os.environ["PORT_A"]))
    b = Instance("B", int(os.environ["PORT_B"]))
    rounds = int(os.environ.get("ROUNDS", "5"))
    poll_s = float(os.environ.get("POLL_MS", "5")) / 1000
    limit_ms = float(os.environ.get("LIMIT_MS", "100"))

    print(f"{'#':>3}  {'kind':<16} {'refused by B after':>19} {'polls':>6}")
    # One pass of each kind first, shown but not counted: the first requests of a fresh JVM are slow.
    for kind, prepare in KINDS:
        show("warm", kind, *measure(a, b, prepare, poll_s))
    times = []
    for _ in range(rounds):
        for kind, prepare in KINDS:
            ms, polls = measure(a, b, prepare, poll_s)
            times.append(ms)
            show(len(times), kind, ms, polls)

    controls = int(os.environ.get("CONTROLS", "2"))
    control_times = []
    for _ in range(controls):
        ms, polls = measure(a, b, ended_unannounced, poll_s)
        control_times.append(ms)
        show("ctl", "no notice", ms, polls)

    over = sum(1 for t in times if t > limit_ms)
    print(f"{len(times)} revocations: median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms, min {min(times):.1f} ms, over {limit_ms:.0f} ms: {over}")
    if controls:
        print(f"control, ended in the database without a notice: B refused after "
              f"{', '.join(f'{t:.0f}' for t in control_times)} ms")
    if any(t <= limit_ms for t in control_times):
        print(f"B refused an unannounced end within {limit_ms:.0f} ms: its cache was not in use, "
              "so the figures above say nothing about the notice", file=sys.stderr)
        sys.exit(3)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()

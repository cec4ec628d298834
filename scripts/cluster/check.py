"""Check the two-server set-up end to end: `.venv/bin/python scripts/cluster/check.py` (as root).

It runs scripts/cluster/up.sh (PostgreSQL primary + streaming replica, Redis, one task worker, two granian
servers A and B, nginx), then checks, printing one line per check:

1. the replica streams and the servers read from it;
2. a login on A is a session on B;
3. an article published through A (Wagtail's admin) is served by B, and by nginx in place of the page it
   had cached, within one second;
4. login lock-out (per address) and the account slowdown (per account) count across both servers;
5. a background task runs in the one worker;
6. a load through nginx while A is stopped (SIGTERM) loses no request, GET or POST (every view counted);
7. a load of GETs while B is killed (SIGKILL) loses no request (nginx passes them to A);
8. with the replica stopped, the servers read the primary.

and stops everything with scripts/cluster/down.sh (`--keep` leaves it running). Exit status 1 if a check
failed. Settings: the YIFA_CLUSTER_* variables of scripts/cluster/config.sh.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests

REPO = Path(__file__).resolve().parents[2]
HERE = REPO / "scripts" / "cluster"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"
PASSWORD = "Yifa@2016demo"
failures: list[str] = []


def config() -> dict[str, str]:
    names = "CLUSTER_DIR CLUSTER_DB PRIMARY_HOST PRIMARY_PORT REPLICA_PORT REDIS_URL APP_A_PORT APP_B_PORT NGINX_PORT"
    out = subprocess.run(
        ["bash", "-c", f'REPO="{REPO}"; source "{HERE}/config.sh"; for v in {names}; do echo "$v=${{!v}}"; done'],
        check=True, capture_output=True, text=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines())


C = config()
NGINX = f"http://127.0.0.1:{C['NGINX_PORT']}"
SERVERS = {"A": f"http://127.0.0.1:{C['APP_A_PORT']}", "B": f"http://127.0.0.1:{C['APP_B_PORT']}"}


def check(ok: bool, what: str, detail: str = "") -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {what}{f'  ({detail})' if detail else ''}", flush=True)
    if not ok:
        failures.append(what)
    return ok


def primary(sql: str, *args: object) -> list[tuple]:
    with psycopg.connect(host=C["PRIMARY_HOST"], port=int(C["PRIMARY_PORT"]), user="postgres",
                         dbname=C["CLUSTER_DB"], autocommit=True) as db:
        return db.execute(sql, args).fetchall()


def replica(sql: str, *args: object) -> list[tuple]:
    with psycopg.connect(host="127.0.0.1", port=int(C["REPLICA_PORT"]), user="postgres", dbname=C["CLUSTER_DB"],
                         autocommit=True, connect_timeout=3) as db:
        return db.execute(sql, args).fetchall()


def cluster_env() -> dict[str, str]:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    for line in (Path(C["CLUSTER_DIR"]) / "env").read_text().splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    return env


def manage_shell(code: str) -> str:
    return subprocess.run([str(REPO / ".venv" / "bin" / "python"), "manage.py", "shell", "-c", code], cwd=REPO,
                          env=cluster_env(), check=True, capture_output=True, text=True).stdout.strip()


def csrf_form(session: requests.Session, url: str) -> dict[str, str]:
    page = session.get(url, timeout=10)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, f"no CSRF token on {url}"
    return {"csrfmiddlewaretoken": token.group(1)}


def login(base: str, username: str, password: str, *, client_ip: str | None = None,
          session: requests.Session | None = None) -> tuple[requests.Session, requests.Response]:
    session = session or requests.Session()
    session.headers["User-Agent"] = BROWSER
    if client_ip:
        session.headers["X-Forwarded-For"] = client_ip  # the servers trust 127.0.0.1 (YIFA_TRUSTED_PROXIES)
    form = csrf_form(session, f"{base}/admin/login/")
    response = session.post(f"{base}/admin/login/", data={**form, "username": username, "password": password},
                            allow_redirects=False, timeout=10)
    return session, response


def process_group(name: str) -> int:
    return int((Path(C["CLUSTER_DIR"]) / f"app-{name.lower()}.pid").read_text())


def stop_server(name: str, sig: signal.Signals) -> None:
    pgid = process_group(name)
    os.killpg(pgid, sig)
    for _ in range(300):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.killpg(pgid, signal.SIGKILL)


def start_server(name: str) -> None:
    subprocess.run([str(HERE / "up.sh"), "app", name.lower()], check=True, capture_output=True)


# --- the checks ------------------------------------------------------------------------------------------

def replication_and_replica_reads(column_url: str) -> None:
    state = primary("select state, replay_lag from pg_stat_replication where client_addr = '127.0.0.1'")
    check(bool(state) and state[0][0] == "streaming", "the replica streams from the primary", f"{state}")
    for _ in range(10):
        requests.get(f"{SERVERS['B']}{column_url}?page=1", timeout=10).raise_for_status()
        requests.get(f"{SERVERS['A']}{column_url}?page=1", timeout=10).raise_for_status()
    sessions = replica("select count(*), max(left(query, 60)) from pg_stat_activity where datname = current_database()"
                       " and backend_type = 'client backend' and pid <> pg_backend_pid()")
    check(sessions[0][0] >= 2, "anonymous pages are read from the replica",
          f"{sessions[0][0]} connections from the app servers on the replica; last: {sessions[0][1]!r}")


def draft_article() -> tuple[int, str, str, str]:
    title = f"集群检查：经服务器A发布的文章 {uuid.uuid4().hex[:8]}"
    out = manage_shell(f"""
from yifa.portal.models import ArticlePage
parent = ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016").get_parent().specific
article = ArticlePage(title={title!r}, slug={title[-8:]!r}, live=False, body="<p>多服务器发布检查。</p>")
parent.add_child(instance=article)
article.save_revision()
print(article.pk, parent.get_url())
""")
    pk, column_url = out.split()[-2:]
    return int(pk), column_url, f"{column_url}{title[-8:]}/", title


def sessions_and_publish(pk: int, column_url: str, article_url: str, title: str) -> None:
    for _ in range(2):
        cached = requests.get(f"{NGINX}{column_url}", headers={"User-Agent": BROWSER}, timeout=10)
    check(cached.headers.get("X-Yifa-Cache") == "nginx" and title not in cached.text,
          "before publishing, nginx serves the column page from the shared page cache")
    staff, response = login(SERVERS["A"], "admin", PASSWORD)
    check(response.status_code == 302, "admin logs in on server A", f"HTTP {response.status_code}")
    on_b = staff.get(f"{SERVERS['B']}/admin/", allow_redirects=False, timeout=10)
    check(on_b.status_code == 200 and "/admin/login/" not in on_b.headers.get("Location", ""),
          "the session from A is a session on B", f"HTTP {on_b.status_code}")

    publish_url = f"{SERVERS['A']}/admin/bulk/wagtailcore/page/publish/?id={pk}"
    form = csrf_form(staff, publish_url)
    published = staff.post(publish_url, data=form, allow_redirects=False, timeout=30)
    started = time.monotonic()
    check(published.status_code == 302, "the article is published through server A's admin",
          f"HTTP {published.status_code}")
    targets = {"server B: the article": f"{SERVERS['B']}{article_url}",
               "server B: its column": f"{SERVERS['B']}{column_url}?page=1",
               "nginx: its column (it had cached)": f"{NGINX}{column_url}"}

    def first_seen(url: str) -> float | None:  # each target polled on its own, from the moment A answered
        while time.monotonic() - started < 3:
            answer = requests.get(url, headers={"User-Agent": BROWSER}, timeout=5)
            if answer.status_code == 200 and title in answer.text:
                return time.monotonic() - started
            time.sleep(0.02)
        return None

    # The article on B first, alone (the measure); then its column on B and through nginx, together.
    article, *columns = targets
    seen = {article: first_seen(targets[article])}
    with ThreadPoolExecutor(len(columns)) as pool:
        seen |= dict(zip(columns, pool.map(first_seen, [targets[name] for name in columns]), strict=True))
    for name, elapsed in seen.items():
        check(elapsed is not None and elapsed <= 1.0, f"{name} shows it within 1 s of A's answer",
              f"{elapsed * 1000:.0f} ms" if elapsed is not None else "not within 3 s")


def lockout_across_servers() -> None:
    run = uuid.uuid4().int  # addresses of their own for each run: a lock-out lasts 30 minutes in the database
    address = f"198.51.{run % 256}.{run // 256 % 254 + 1}"
    statuses = []
    for attempt in range(5):  # AXES_FAILURE_LIMIT: 5 failures from one address
        server = "AB"[attempt % 2]
        _, response = login(SERVERS[server], "admin", "wrong-password", client_ip=address)
        statuses.append(f"{server}:{response.status_code}")
    _, response = login(SERVERS["B"], "admin", PASSWORD, client_ip=address)
    check(statuses[:4] == ["A:200", "B:200", "A:200", "B:200"] and response.status_code == 429,
          "5 failed logins from one address on A and B lock it out on both",
          f"{' '.join(statuses)}; then the right password on B: HTTP {response.status_code}")

    for attempt in range(10):  # YIFA_LOGIN_FAILURES_BEFORE_BACKOFF: 10 failures on one account, any addresses
        login(SERVERS["AB"[attempt % 2]], "head", "wrong-password", client_ip=f"203.{run % 256}.113.{attempt + 10}")
    _, response = login(SERVERS["A"], "head", PASSWORD, client_ip=f"203.{run % 256}.113.99")
    keys = subprocess.run(["redis-cli", "-u", C["REDIS_URL"], "dbsize"], capture_output=True, text=True).stdout.strip()
    check(response.status_code == 200 and "登录失败次数过多" in response.text,
          "10 failed logins on one account across A and B slow it down on A (counted in Redis)",
          f"HTTP {response.status_code}; {keys} keys in {C['REDIS_URL']}")


def task_in_the_worker() -> None:
    task_id = manage_shell("""
from yifa.calendar.tasks import recompute_deadlines_task
print(recompute_deadlines_task.enqueue("2016-01-01", "2016-01-02", "cluster check").id)
""").split()[-1]
    row: list[tuple] = []
    for _ in range(100):
        row = primary("select status, worker_ids from django_tasks_database_dbtaskresult where id = %s", task_id)
        if row and row[0][0] in ("SUCCESSFUL", "FAILED"):
            break
        time.sleep(0.1)
    check(len(row) == 1 and row[0][0] == "SUCCESSFUL" and row[0][1] == ["yifa-cluster-worker"],
          "a background task runs in the one worker", f"{row}")


def load(urls: list[tuple[str, str]], kill: tuple[str, signal.Signals], threads: int = 8) -> list[str]:
    """Send every request through nginx; stop server `kill` a third of the way; return each outcome."""
    done: Counter[str] = Counter()
    lock = threading.Lock()
    killed = threading.Event()
    local = threading.local()

    def one(index_and_request: tuple[int, tuple[str, str]]) -> str:
        index, (method, path) = index_and_request
        if not hasattr(local, "session"):
            local.session = requests.Session()
        headers = {"User-Agent": BROWSER, "X-Forwarded-For": f"10.{index // 65536}.{index // 256 % 256}.{index % 256}"}
        try:
            response = local.session.request(method, f"{NGINX}{path}", headers=headers, timeout=30)
            outcome = f"{method} {response.status_code}"
            if method == "POST" and response.status_code == 200 and response.json().get("counted"):
                outcome = "POST counted"
        except requests.RequestException as error:
            outcome = f"{method} error {type(error).__name__}"
        with lock:
            done["n"] += 1
            if done["n"] == len(urls) // 3 and not killed.is_set():
                killed.set()
                threading.Thread(target=stop_server, args=kill).start()
        return outcome

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, enumerate(urls)))


def upstreams(log_offset: int) -> str:
    """Who answered the requests logged since `log_offset`: A, B, nginx itself, or a retry (first, then the other)."""
    names = {f"127.0.0.1:{C['APP_A_PORT']}": "A", f"127.0.0.1:{C['APP_B_PORT']}": "B", "": "nginx"}
    served: Counter[str] = Counter()
    log = (Path(C["CLUSTER_DIR"]) / "nginx-access.log").read_bytes()[log_offset:].decode()
    for line in log.splitlines():
        tried = [names.get(a.strip(), a.strip()) for a in line.split("|")[1].replace("-", "").split(",")]
        served[" then ".join(tried)] += 1
    return ", ".join(f"{who} {count}" for who, count in sorted(served.items()))


def kill_under_load(pk: int, column_url: str, article_url: str, requests_per_run: int) -> None:
    log = Path(C["CLUSTER_DIR"]) / "nginx-access.log"
    views_before = primary("select coalesce(sum(views), 0) from viewcounts_pageviewtotal where page_id = %s", pk)[0][0]
    mixed = []
    for i in range(requests_per_run):
        mixed.append(("POST", f"/views/{pk}/") if i % 4 == 3 else
                     ("GET", f"{column_url}?page=1") if i % 4 == 0 else
                     ("GET", f"{article_url}?r={i}") if i % 4 == 1 else ("GET", "/"))
    offset = log.stat().st_size
    outcomes = load(mixed, ("A", signal.SIGTERM))
    tally = Counter(outcomes)
    posts = sum(1 for method, _ in mixed if method == "POST")
    views_after = primary("select coalesce(sum(views), 0) from viewcounts_pageviewtotal where page_id = %s", pk)[0][0]
    check(set(tally) == {"GET 200", "POST counted"},
          f"{len(mixed)} requests through nginx while A stops (SIGTERM): none lost", f"{dict(tally)}; "
          f"served by {upstreams(offset)}")
    check(views_after - views_before == posts, "every accepted view (POST) was counted once",
          f"{views_after - views_before} of {posts}")
    start_server("A")

    gets = [("GET", f"{column_url}?page=1") if i % 2 else ("GET", f"{article_url}?r={i}")
            for i in range(requests_per_run)]
    offset = log.stat().st_size
    tally = Counter(load(gets, ("B", signal.SIGKILL)))
    check(set(tally) == {"GET 200"}, f"{len(gets)} GETs through nginx while B is killed (SIGKILL): none lost",
          f"{dict(tally)}; served by {upstreams(offset)}")
    start_server("B")


def replica_down(column_url: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D",
                    f"{C['CLUSTER_DIR']}/replica", "-m", "fast", "-w", "stop"], check=True, capture_output=True)
    statuses = [requests.get(f"{SERVERS[name]}{column_url}?page=1", timeout=30).status_code
                for name in "ABAB"]
    check(statuses == [200] * 4, "with the replica stopped, both servers read the primary", f"{statuses}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="leave the set-up running afterwards")
    parser.add_argument("--requests", type=int, default=600, help="requests in each load run (600)")
    options = parser.parse_args()
    if os.geteuid() != 0:
        print("run as root: the replica runs as the postgres user and the set-up edits pg_hba.conf once")
        return 2
    started = time.monotonic()
    subprocess.run([str(HERE / "up.sh")], check=True)
    try:
        pk, column_url, article_url, title = draft_article()
        replication_and_replica_reads(column_url)
        sessions_and_publish(pk, column_url, article_url, title)
        lockout_across_servers()
        task_in_the_worker()
        kill_under_load(pk, column_url, article_url, options.requests)
        replica_down(column_url)
    finally:
        if not options.keep:
            subprocess.run([str(HERE / "down.sh")], check=False)
    print(f"{'all checks passed' if not failures else f'{len(failures)} checks failed'} "
          f"in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

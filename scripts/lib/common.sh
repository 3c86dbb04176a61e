# Shared by scripts/setup and scripts/test. Sourced, not run.
#
# The repository is itself a bench directory: Frappe goes into apps/frappe and the virtualenv into
# env/, both git-ignored. Everything here is idempotent: a second run reuses what exists.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
APP=complaints_mgmt

# Machine-level overrides (for example local copies of the sources Frappe's build takes from GitHub, on
# a machine without GitHub): variables set in the environment win over this file.
MACHINE_ENV_FILE=${COMPLAINTS_MACHINE_ENV:-/etc/complaints_mgmt/env}
OVERRIDABLE="FRAPPE_REPO FRAPPE_BRANCH AIR_DATEPICKER_REPO BENCH_USER BENCH_PYTHON WEB_HOST WEB_PORT
	SOCKETIO_PORT REDIS_CACHE_PORT REDIS_QUEUE_PORT BUILD_CACHE_DIR RELEASES_REPO"
if [ -r "$MACHINE_ENV_FILE" ]; then
	while IFS='=' read -r key value; do
		case " $(echo $OVERRIDABLE) " in
			*" $key "*) [ -n "${!key:-}" ] || export "$key=$value" ;;
		esac
	done < <(grep -E '^[A-Z_]+=' "$MACHINE_ENV_FILE")
fi

export FRAPPE_REPO=${FRAPPE_REPO:-https://github.com/frappe/frappe}
export FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
export AIR_DATEPICKER_REPO=${AIR_DATEPICKER_REPO:-}
BENCH_USER=${BENCH_USER:-frappe}
BENCH_PYTHON=${BENCH_PYTHON:-/usr/bin/python3.11}
BENCH_CLI_VERSION=${BENCH_CLI_VERSION:-5.31.1}
SITE=${SITE:-complaints.localhost}
# The demo listens on loopback unless the deployer names another address.
export WEB_HOST=${WEB_HOST:-127.0.0.1} WEB_PORT=${WEB_PORT:-8000} SOCKETIO_PORT=${SOCKETIO_PORT:-9000}
export REDIS_CACHE_PORT=${REDIS_CACHE_PORT:-13000} REDIS_QUEUE_PORT=${REDIS_QUEUE_PORT:-11000}
# BUILD_CACHE_DIR: pip's, uv's and yarn's caches go there instead of the bench user's home (CI gives
# an empty folder of its own, so nothing placed on the machine by hand can carry the build).
export BUILD_CACHE_DIR=${BUILD_CACHE_DIR:-}

export UV_SYSTEM_CERTS=1 UV_PYTHON_DOWNLOADS=never
export NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}

# Any command that fails unexpectedly is named, with where it stands.
trap 'printf "\n\033[1;31mFAILED: %s (%s, line %s)\033[0m\n" "$BASH_COMMAND" "${BASH_SOURCE[0]##*/}" "$LINENO" >&2' ERR

STEP_NO=${STEP_NO:-0}
export COMPLAINTS_STARTED=${COMPLAINTS_STARTED:-$(date +%s)}
STEP_STARTED=$SECONDS

step() {
	STEP_NO=$((STEP_NO + 1))
	printf '\n\033[1;34m[%s %s] %s\033[0m\n' "$(date +%H:%M:%S)" "step $STEP_NO" "$*"
	STEP_STARTED=$SECONDS
}

note() { printf '    %s\n' "$*"; }

# fail "what failed" "how to fix it"
fail() {
	printf '\n\033[1;31mFAILED: %s\033[0m\n' "$1" >&2
	[ -z "${2:-}" ] || printf '  how to fix: %s\n' "$2" >&2
	exit 1
}

# run "what this does" "how to fix it if it fails" command...: runs a long step with its output in a
# log file, showing a dot every ten seconds, and the log's tail when it fails.
run_logged() {
	local what=$1 fix=$2
	shift 2
	local log
	log="$REPO_ROOT/logs/$(echo "$what" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-').log"
	mkdir -p "$REPO_ROOT/logs"
	note "$what (log: ${log#"$REPO_ROOT"/})"
	# In a process group of its own: a background command of a script ignores Ctrl-C, so an interrupted
	# run would leave it working on (a half-made site, a lock) under the next run's feet. Ctrl-C or a
	# TERM stops the whole group instead.
	setsid "$@" >"$log" 2>&1 &
	local pid=$!
	trap "stop_step $pid '$what'" INT TERM
	while kill -0 "$pid" 2>/dev/null; do
		sleep 10
		kill -0 "$pid" 2>/dev/null && printf '    ... %ss\n' "$((SECONDS - STEP_STARTED))"
	done
	trap - INT TERM
	if ! wait "$pid"; then
		tail -n 30 "$log" >&2
		fail "$what (full log: $log)" "$fix"
	fi
}

# stop_step PID WHAT: the step's whole process group is stopped, and the run ends saying how to go on.
stop_step() {
	kill -TERM -- "-$1" 2>/dev/null || true
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 -- "-$1" 2>/dev/null || break
		sleep 1
	done
	kill -KILL -- "-$1" 2>/dev/null || true
	fail "interrupted: $2" "run the script again: it starts this step again from scratch"
}

# ---------------------------------------------------------------------------------------------------
# Root phase: system packages, MariaDB, the unprivileged bench user. Skipped when not root.

SYSTEM_PACKAGES=(mariadb-server mariadb-client redis-server python3.11 python3.11-venv python3.11-dev
	git curl pkg-config build-essential wkhtmltopdf xfonts-75dpi fonts-noto-core poppler-utils cron)

ensure_system_packages() {
	local missing=() pkg
	for pkg in "${SYSTEM_PACKAGES[@]}" "$@"; do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
	done
	command -v node >/dev/null || missing+=(nodejs npm)
	if [ ${#missing[@]} -gt 0 ]; then
		step "Installing system packages: ${missing[*]}"
		run_logged "apt-get install" "check that this machine reaches Debian's package mirrors" \
			bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]}"
	fi
	local node_major
	node_major=$(node -p 'process.versions.node.split(".")[0]')
	[ "$node_major" -ge 18 ] || fail "Node.js $node_major is too old for Frappe 15" "install Node.js 20"
	[ "$node_major" -eq 20 ] || note "Node.js $node_major found; the project is tested with Node 20"
	if ! command -v yarn >/dev/null; then
		step "Installing yarn 1 from the npm registry"
		run_logged "npm install yarn" "check that this machine reaches the npm registry" \
			npm install -g --silent yarn@1.22.22
	fi
}

MARIADB_CNF=/etc/mysql/mariadb.conf.d/90-complaints-mgmt.cnf

ensure_mariadb() {
	step "MariaDB: utf8mb4 settings and a running server"
	local wanted
	wanted=$(
		cat <<-'EOF'
			# Written by complaints_mgmt scripts/setup: the character set Frappe needs.
			[mysqld]
			character-set-client-handshake = FALSE
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci
			innodb_buffer_pool_size = 1G

			[mysql]
			default-character-set = utf8mb4
		EOF
	)
	local changed=0
	if [ "$(cat "$MARIADB_CNF" 2>/dev/null)" != "$wanted" ]; then
		printf '%s\n' "$wanted" >"$MARIADB_CNF"
		changed=1
	fi
	if mariadb-admin ping >/dev/null 2>&1; then
		if [ $changed = 1 ]; then
			note "restarting MariaDB for the new settings"
			service mariadb restart >/dev/null 2>&1 || fail "could not restart MariaDB" "run: service mariadb restart"
		fi
	else
		service mariadb start >/dev/null 2>&1 || true
	fi
	local i
	for i in $(seq 1 30); do
		mariadb-admin ping >/dev/null 2>&1 && break
		sleep 1
	done
	mariadb-admin ping >/dev/null 2>&1 ||
		fail "MariaDB did not start" "see /var/log/mysql/error.log, or run: service mariadb start"
	note "MariaDB $(mariadb -N -e 'select version()') is up"
}

ensure_bench_user() {
	if ! id "$BENCH_USER" >/dev/null 2>&1; then
		step "Creating the unprivileged user '$BENCH_USER' (bench refuses to run as root)"
		useradd --create-home --shell /bin/bash "$BENCH_USER"
	fi
	BENCH_HOME=$(getent passwd "$BENCH_USER" | cut -d: -f6)
	# The bench user owns the bench directory and must be able to reach it.
	if [ "$(stat -c %U "$REPO_ROOT")" != "$BENCH_USER" ]; then
		note "giving $BENCH_USER the bench directory $REPO_ROOT"
		chown -R "$BENCH_USER": "$REPO_ROOT"
	fi
	local dir=$REPO_ROOT
	while [ "$dir" != / ]; do
		dir=$(dirname "$dir")
		runuser -u "$BENCH_USER" -- test -x "$dir" || chmod o+x "$dir"
	done
}

# A MariaDB account that may create sites' databases, for the bench user only.
ensure_db_admin() {
	local secret_dir="$BENCH_HOME/.config/complaints_mgmt"
	local secret="$secret_dir/db_admin_password"
	mkdir -p "$secret_dir"
	if [ ! -s "$secret" ]; then
		head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$secret"
	fi
	chown -R "$BENCH_USER": "$BENCH_HOME/.config"
	chmod 700 "$secret_dir"
	chmod 600 "$secret"
	local password
	password=$(cat "$secret")
	mariadb <<-EOF || fail "could not create the MariaDB account bench_admin" "check that root can run 'mariadb' on this machine"
		CREATE USER IF NOT EXISTS 'bench_admin'@'localhost' IDENTIFIED BY '$password';
		CREATE USER IF NOT EXISTS 'bench_admin'@'127.0.0.1' IDENTIFIED BY '$password';
		ALTER USER 'bench_admin'@'localhost' IDENTIFIED BY '$password';
		ALTER USER 'bench_admin'@'127.0.0.1' IDENTIFIED BY '$password';
		GRANT ALL PRIVILEGES ON *.* TO 'bench_admin'@'localhost' WITH GRANT OPTION;
		GRANT ALL PRIVILEGES ON *.* TO 'bench_admin'@'127.0.0.1' WITH GRANT OPTION;
		FLUSH PRIVILEGES;
	EOF
}

# Re-runs the calling script as the bench user, keeping the variables that matter.
become_bench_user() {
	local script=$1
	shift
	exec runuser -u "$BENCH_USER" -- env \
		HOME="$BENCH_HOME" USER="$BENCH_USER" LOGNAME="$BENCH_USER" STEP_NO="$STEP_NO" \
		PATH="$BENCH_HOME/.local/bench-cli/bin:/usr/local/bin:/usr/bin:/bin" \
		"$script" "$@"
}

# The site's name resolves to this machine for every program, not only in browsers: Frappe's socket.io
# server checks each browser's session by calling the site at the page's own address, and Node resolves
# *.localhost only through /etc/hosts (what `bench --site SITE add-to-hosts` does). Without it the desk's
# realtime updates never connect. ensure_hosts_entry NAME...
ensure_hosts_entry() {
	local name
	for name in "$@"; do
		[ -n "$name" ] || continue
		if ! getent hosts "$name" >/dev/null 2>&1; then
			printf '127.0.0.1 %s\n' "$name" >>/etc/hosts
			note "$name added to /etc/hosts (127.0.0.1)"
		fi
	done
}

root_phase() {
	[ "$(id -u)" = 0 ] || return 0
	ensure_system_packages "$@"
	ensure_hosts_entry "$SITE" "${TEST_SITE:-}" "${UPGRADE_SITE:-}"
	ensure_mariadb
	ensure_bench_user
	ensure_db_admin
	if [ -n "$BUILD_CACHE_DIR" ]; then
		mkdir -p "$BUILD_CACHE_DIR"
		chown "$BENCH_USER": "$BUILD_CACHE_DIR"
	fi
}

# ---------------------------------------------------------------------------------------------------
# Bench-user phase.

bench_user_checks() {
	[ "$(id -u)" != 0 ] || fail "this part must not run as root" "run the script as root or as $BENCH_USER"
	BENCH_HOME=$HOME
	export PATH="$HOME/.local/bench-cli/bin:$PATH"
	if [ -n "$BUILD_CACHE_DIR" ]; then
		mkdir -p "$BUILD_CACHE_DIR" || fail "cannot write the cache folder $BUILD_CACHE_DIR" "give it to $USER"
		export PIP_CACHE_DIR="$BUILD_CACHE_DIR/pip" UV_CACHE_DIR="$BUILD_CACHE_DIR/uv" \
			YARN_CACHE_FOLDER="$BUILD_CACHE_DIR/yarn" npm_config_cache="$BUILD_CACHE_DIR/npm"
		note "build caches in $BUILD_CACHE_DIR"
	fi
	mariadb-admin ping >/dev/null 2>&1 || mariadb-admin -h 127.0.0.1 ping >/dev/null 2>&1 ||
		fail "MariaDB is not running" "run this script as root once (it starts MariaDB), or: sudo service mariadb start"
	[ -s "$HOME/.config/complaints_mgmt/db_admin_password" ] ||
		fail "no MariaDB admin account for the bench" "run this script as root once: it creates one"
	cd "$REPO_ROOT"
}

ensure_bench_cli() {
	if ! "$HOME/.local/bench-cli/bin/bench" --version >/dev/null 2>&1; then
		step "Installing frappe-bench $BENCH_CLI_VERSION from PyPI"
		rm -rf "$HOME/.local/bench-cli"
		"$BENCH_PYTHON" -m venv "$HOME/.local/bench-cli" ||
			fail "could not create a virtualenv with $BENCH_PYTHON" "install python3.11-venv"
		run_logged "pip install frappe-bench" "check that this machine reaches PyPI" \
			"$HOME/.local/bench-cli/bin/pip" install --quiet "frappe-bench==$BENCH_CLI_VERSION"
	fi
}

# git_url SOURCE: a URL as it is; a local path (a clone, bare or not, under any name) as a file:// URL,
# which git reads through its own protocol (a plain path would copy another user's files, and fail).
git_url() {
	case "$1" in
		*://* | *@*:*) printf '%s\n' "$1" ;;
		*) printf 'file://%s\n' "$(cd "$1" 2>/dev/null && pwd || printf '%s' "$1")" ;;
	esac
}

# A local clone owned by another user is refused by git until it is declared safe.
trust_local_git() {
	local local_path=${1#file://} dir
	[ -d "$local_path" ] || return 0
	for dir in "$local_path" "$local_path/.git"; do
		if [ -d "$dir" ] && ! git config --global --get-all safe.directory 2>/dev/null | grep -qxF "$dir"; then
			git config --global --add safe.directory "$dir"
		fi
	done
}

frappe_source_reachable() {
	trust_local_git "$(git_url "$FRAPPE_REPO")"
	timeout 60 git ls-remote --heads "$(git_url "$FRAPPE_REPO")" "$FRAPPE_BRANCH" 2>/dev/null | grep -q .
}

# Frappe's yarn.lock takes air-datepicker from GitHub as a tarball of one commit. With
# AIR_DATEPICKER_REPO set, yarn finds that tarball in an offline mirror made from the local clone
# instead (yarn looks in the mirror before the network, by the URL's last part: the commit).
# prepare_yarn_mirror LOCKFILE MIRROR_DIR
prepare_yarn_mirror() {
	local lockfile=$1 mirror=$2 commit source
	[ -n "$AIR_DATEPICKER_REPO" ] || return 0
	commit=$(grep -Eo 'codeload\.github\.com/frappe/air-datepicker/tar\.gz/[0-9a-f]{40}' "$lockfile" | head -1 |
		grep -Eo '[0-9a-f]{40}$' || true)
	[ -n "$commit" ] || commit=$(grep -A2 '^"\?air-datepicker@' "$lockfile" | grep -Eo '#[0-9a-f]{40}' | head -1 | tr -d '#' || true)
	[ -n "$commit" ] || fail "Frappe's yarn.lock names no commit of air-datepicker" "check $lockfile"
	source=$(git_url "$AIR_DATEPICKER_REPO")
	trust_local_git "$source"
	mkdir -p "$mirror"
	rm -rf "$mirror/src"
	git clone --quiet --no-checkout "$source" "$mirror/src" 2>/dev/null ||
		fail "air-datepicker's source cannot be read: $AIR_DATEPICKER_REPO" \
			"set AIR_DATEPICKER_REPO to a local clone of frappe/air-datepicker"
	git -C "$mirror/src" archive --format=tar.gz --prefix=package/ "$commit" >"$mirror/$commit" 2>/dev/null ||
		fail "$AIR_DATEPICKER_REPO has no commit $commit, which Frappe's yarn.lock names" \
			"fetch that commit into the clone (git -C $AIR_DATEPICKER_REPO fetch origin $commit)"
	rm -rf "$mirror/src"
	export YARN_YARN_OFFLINE_MIRROR=$mirror YARN_YARN_OFFLINE_MIRROR_PRUNING=false
	note "air-datepicker $commit from $AIR_DATEPICKER_REPO"
}

# The bench counts as built only once every part of it was: a build that failed or was interrupted
# leaves no mark, and the next run removes what it left and builds again from scratch.
BENCH_BUILT_MARK=env/.complaints-bench-built

ensure_bench() {
	if [ ! -f "$BENCH_BUILT_MARK" ] || [ ! -f apps/frappe/frappe/__init__.py ] || [ ! -x env/bin/python ]; then
		step "Building the bench: Frappe $FRAPPE_BRANCH from $FRAPPE_REPO"
		frappe_source_reachable ||
			fail "Frappe's source cannot be reached: $FRAPPE_REPO (branch $FRAPPE_BRANCH)" \
				"set FRAPPE_REPO to a reachable clone of Frappe (a URL or a local path), in the environment or in $MACHINE_ENV_FILE"
		remove_partial_bench
		local stage=$REPO_ROOT/.bench-build
		mkdir -p "$stage"
		# bench names the app after the source's last path part: clone it first into a folder named
		# frappe, whatever the source is called, then let bench clone that.
		run_logged "fetch Frappe $FRAPPE_BRANCH" "check FRAPPE_REPO and FRAPPE_BRANCH" \
			git clone --quiet --depth 1 --branch "$FRAPPE_BRANCH" "$(git_url "$FRAPPE_REPO")" "$stage/frappe"
		prepare_yarn_mirror "$stage/frappe/yarn.lock" "$stage/yarn-mirror"
		run_logged "bench init" "read the log; a rerun removes what this step left and starts it again" \
			bench init --ignore-exist --no-procfile --no-backups --skip-redis-config-generation \
			--skip-assets --frappe-path "file://$stage/frappe" --frappe-branch "$FRAPPE_BRANCH" \
			--python "$BENCH_PYTHON" "$REPO_ROOT" </dev/null
		# The bench's Frappe follows the real source, not the staging copy.
		git -C apps/frappe remote set-url upstream "$FRAPPE_REPO"
		rm -rf "$stage"
		unset YARN_YARN_OFFLINE_MIRROR YARN_YARN_OFFLINE_MIRROR_PRUNING
		# bench init rewrites apps.txt from the apps directory: keep it as the repository has it.
		git -C "$REPO_ROOT" checkout -- sites/apps.txt 2>/dev/null || true
		# Frappe 15's Google client libraries import pkg_resources, which setuptools 81 dropped.
		run_logged "pin setuptools" "check that this machine reaches PyPI" \
			env/bin/python -m pip install --quiet 'setuptools<81'
		[ -f apps/frappe/node_modules/.yarn-integrity ] ||
			fail "Frappe's JavaScript packages were not installed" "read logs/bench-init.log"
		git -C apps/frappe rev-parse HEAD >"$BENCH_BUILT_MARK"
	fi
	if ! env/bin/python -c "import $APP" >/dev/null 2>&1 || [ apps/$APP/pyproject.toml -nt env/.app-installed ]; then
		step "Installing the $APP app into the bench's virtualenv"
		run_logged "pip install $APP" "check apps/$APP/pyproject.toml and that this machine reaches PyPI" \
			env/bin/python -m pip install --quiet -e "apps/$APP"
		touch env/.app-installed
	fi
	merge_site_config
}

# What an interrupted or failed build leaves: Frappe, the virtualenv, any app folder the repository
# does not hold (an older set-up named Frappe's folder after its source), and the built assets.
remove_partial_bench() {
	local dir
	rm -rf env sites/assets .bench-build
	for dir in apps/*/; do
		dir=${dir%/}
		[ "$dir" = "apps/$APP" ] || rm -rf "$dir"
	done
}

merge_site_config() {
	local password
	password=$(cat "$HOME/.config/complaints_mgmt/db_admin_password")
	DB_ADMIN_PASSWORD=$password env/bin/python - <<-'EOF'
		import json, os, pathlib
		target = pathlib.Path("sites/common_site_config.json")
		config = json.loads(target.read_text()) if target.exists() else {}
		config.update(json.loads(pathlib.Path("sites/common_site_config.template.json").read_text()))
		config.update(root_login="bench_admin", root_password=os.environ["DB_ADMIN_PASSWORD"])
		cache, queue = os.environ["REDIS_CACHE_PORT"], os.environ["REDIS_QUEUE_PORT"]
		config.update(
			redis_cache=f"redis://127.0.0.1:{cache}",
			redis_socketio=f"redis://127.0.0.1:{cache}",
			redis_queue=f"redis://127.0.0.1:{queue}",
			socketio_port=int(os.environ["SOCKETIO_PORT"]),
			webserver_port=int(os.environ["WEB_PORT"]),
		)
		target.write_text(json.dumps(config, indent=1, sort_keys=True) + "\n")
		target.chmod(0o600)
	EOF
}

# Built when missing, and again when the app's own JavaScript or CSS is newer than the last build.
ensure_assets() {
	if [ ! -f sites/assets/assets.json ] || [ "${REBUILD_ASSETS:-0}" = 1 ] ||
		[ -n "$(find "apps/$APP/$APP/public" -type f -newer sites/assets/assets.json -print -quit 2>/dev/null)" ]; then
		step "Building the desk's assets (JavaScript and CSS bundles)"
		run_logged "bench build" "read the log; 'bench build' needs Frappe's node_modules" bench build
	fi
}

# The app's Arabic (locale/ar.po) is compiled to the .mo file Frappe reads; cheap, so always done.
compile_translations() {
	run_logged "compile translations" "check apps/$APP/$APP/locale/*.po with msgfmt -c" \
		bench compile-po-to-mo --app "$APP" --force
}

# Frappe's development dependencies (freezegun for FrappeTestCase.freeze_time, and the like).
ensure_dev_requirements() {
	if ! env/bin/python -c 'import freezegun, faker, hypothesis' >/dev/null 2>&1; then
		step "Installing Frappe's and the app's development dependencies"
		run_logged "bench setup requirements --dev" "check that this machine reaches PyPI" \
			bench setup requirements --dev
	fi
}

redis_up() { redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; }

# The bench's two Redis servers, on REDIS_CACHE_PORT and REDIS_QUEUE_PORT (loopback only).
ensure_redis() {
	mkdir -p config/pids logs
	local conf port
	for conf in redis_cache:$REDIS_CACHE_PORT redis_queue:$REDIS_QUEUE_PORT; do
		port=${conf#*:}
		conf=${conf%%:*}
		if ! redis_up "$port"; then
			redis-server "config/$conf.conf" --port "$port" --pidfile "$conf-$port.pid" \
				--daemonize yes --logfile "$REPO_ROOT/logs/$conf.log" >/dev/null ||
				fail "Redis ($conf) did not start" "see logs/$conf.log"
		fi
	done
	local i
	for i in $(seq 1 20); do
		redis_up "$REDIS_CACHE_PORT" && redis_up "$REDIS_QUEUE_PORT" && return 0
		sleep 0.5
	done
	fail "Redis is not answering on ports $REDIS_CACHE_PORT and $REDIS_QUEUE_PORT" \
		"see logs/redis_cache.log and logs/redis_queue.log"
}

stop_redis() {
	redis-cli -p "$REDIS_CACHE_PORT" shutdown nosave >/dev/null 2>&1 || true
	redis-cli -p "$REDIS_QUEUE_PORT" shutdown nosave >/dev/null 2>&1 || true
}

site_exists() { [ -f "sites/$1/site_config.json" ]; }

# A site counts as made once new_site finished: one left by an interrupted or failed creation has no
# mark and is made again. A site made before the mark existed gets it when the app is on it and its
# setup is complete.
site_ready() {
	local site=$1
	[ -f "sites/$site/.complaints-site-ready" ] && return 0
	site_exists "$site" || return 1
	if bench --site "$site" list-apps 2>/dev/null | grep -q "^$APP" &&
		bench --site "$site" execute frappe.is_setup_complete 2>/dev/null | grep -qi true; then
		touch "sites/$site/.complaints-site-ready"
		return 0
	fi
	return 1
}

# new_site NAME ADMIN_PASSWORD [LANGUAGE]: a fresh site with the app installed, its setup completed
# (time zone Africa/Cairo, default language Arabic unless told otherwise).
new_site() {
	local site=$1 admin_password=$2
	run_logged "bench new-site $site" "read the log; MariaDB must accept the bench_admin account" \
		bench new-site "$site" --force --admin-password "$admin_password" \
		--db-root-username bench_admin --install-app "$APP"
	run_logged "complete the setup of $site" "read the log" \
		bench --site "$site" execute complaints_mgmt.setup.site.complete_setup \
		--kwargs "{\"time_zone\": \"Africa/Cairo\", \"language\": \"${3:-ar}\"}"
	touch "sites/$site/.complaints-site-ready"
}

# Shared by scripts/setup and scripts/test. Sourced, not run.
#
# The repository is itself a bench directory: Frappe goes into apps/frappe and the virtualenv into
# env/, both git-ignored. Everything here is idempotent: a second run reuses what exists.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
APP=complaints_mgmt

# Machine-level overrides (for example a local mirror of Frappe on a machine without GitHub):
# variables set in the environment win over this file.
MACHINE_ENV_FILE=${COMPLAINTS_MACHINE_ENV:-/etc/complaints_mgmt/env}
if [ -r "$MACHINE_ENV_FILE" ]; then
	while IFS='=' read -r key value; do
		case "$key" in
			FRAPPE_REPO | FRAPPE_BRANCH | BENCH_USER | BENCH_PYTHON)
				[ -n "${!key:-}" ] || export "$key=$value"
				;;
		esac
	done < <(grep -E '^[A-Z_]+=' "$MACHINE_ENV_FILE")
fi

FRAPPE_REPO=${FRAPPE_REPO:-https://github.com/frappe/frappe}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
BENCH_USER=${BENCH_USER:-frappe}
BENCH_PYTHON=${BENCH_PYTHON:-/usr/bin/python3.11}
BENCH_CLI_VERSION=${BENCH_CLI_VERSION:-5.31.1}
SITE=${SITE:-complaints.localhost}
WEB_PORT=${WEB_PORT:-8000}

export UV_SYSTEM_CERTS=1 UV_PYTHON_DOWNLOADS=never
export NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}

# Any command that fails unexpectedly is named, with where it stands.
trap 'printf "\n\033[1;31mFAILED: %s (%s, line %s)\033[0m\n" "$BASH_COMMAND" "${BASH_SOURCE[0]##*/}" "$LINENO" >&2' ERR

STEP_NO=${STEP_NO:-0}
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
	"$@" >"$log" 2>&1 &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 10
		kill -0 "$pid" 2>/dev/null && printf '    ... %ss\n' "$((SECONDS - STEP_STARTED))"
	done
	if ! wait "$pid"; then
		tail -n 30 "$log" >&2
		fail "$what (full log: $log)" "$fix"
	fi
}

# ---------------------------------------------------------------------------------------------------
# Root phase: system packages, MariaDB, the unprivileged bench user. Skipped when not root.

SYSTEM_PACKAGES=(mariadb-server mariadb-client redis-server python3.11 python3.11-venv python3.11-dev
	git curl pkg-config build-essential wkhtmltopdf xfonts-75dpi fonts-noto-core cron)

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

root_phase() {
	[ "$(id -u)" = 0 ] || return 0
	ensure_system_packages "$@"
	ensure_mariadb
	ensure_bench_user
	ensure_db_admin
}

# ---------------------------------------------------------------------------------------------------
# Bench-user phase.

bench_user_checks() {
	[ "$(id -u)" != 0 ] || fail "this part must not run as root" "run the script as root or as $BENCH_USER"
	BENCH_HOME=$HOME
	export PATH="$HOME/.local/bench-cli/bin:$PATH"
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

frappe_source_reachable() {
	# A local clone owned by another user is refused by git until it is declared safe.
	local local_path=${FRAPPE_REPO#file://} dir
	for dir in "$local_path" "$local_path/.git"; do
		if [ -d "$dir" ] && ! git config --global --get-all safe.directory | grep -qxF "$dir"; then
			git config --global --add safe.directory "$dir"
		fi
	done
	timeout 60 git ls-remote --heads "$FRAPPE_REPO" "$FRAPPE_BRANCH" 2>/dev/null | grep -q .
}

ensure_bench() {
	if [ ! -f apps/frappe/frappe/__init__.py ] || [ ! -x env/bin/python ]; then
		step "Building the bench: Frappe $FRAPPE_BRANCH from $FRAPPE_REPO"
		frappe_source_reachable ||
			fail "Frappe's source cannot be reached: $FRAPPE_REPO (branch $FRAPPE_BRANCH)" \
				"set FRAPPE_REPO to a reachable clone of Frappe (a URL or a local path), in the environment or in $MACHINE_ENV_FILE"
		rm -rf apps/frappe env
		run_logged "bench init" "read the log; a rerun starts this step again from scratch" \
			bench init --ignore-exist --no-procfile --no-backups --skip-redis-config-generation \
			--skip-assets --frappe-path "$FRAPPE_REPO" --frappe-branch "$FRAPPE_BRANCH" \
			--python "$BENCH_PYTHON" "$REPO_ROOT"
		# bench init rewrites apps.txt from the apps directory: keep it as the repository has it.
		git -C "$REPO_ROOT" checkout -- sites/apps.txt 2>/dev/null || true
	fi
	# Frappe 15's Google client libraries import pkg_resources, which setuptools 81 dropped.
	if ! env/bin/python -c 'import pkg_resources' >/dev/null 2>&1; then
		run_logged "pin setuptools" "check that this machine reaches PyPI" \
			env/bin/python -m pip install --quiet 'setuptools<81'
	fi
	if ! env/bin/python -c "import $APP" >/dev/null 2>&1 || [ apps/$APP/pyproject.toml -nt env/.app-installed ]; then
		step "Installing the $APP app into the bench's virtualenv"
		run_logged "pip install $APP" "check apps/$APP/pyproject.toml and that this machine reaches PyPI" \
			env/bin/python -m pip install --quiet -e "apps/$APP"
		touch env/.app-installed
	fi
	if [ ! -d apps/frappe/node_modules ]; then
		step "Installing Frappe's JavaScript packages"
		run_logged "yarn install" "check that this machine reaches the npm registry" \
			bash -c "cd apps/frappe && yarn install --frozen-lockfile --non-interactive"
	fi
	merge_site_config
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
		target.write_text(json.dumps(config, indent=1, sort_keys=True) + "\n")
		target.chmod(0o600)
	EOF
}

ensure_assets() {
	if [ ! -f sites/assets/assets.json ] || [ "${REBUILD_ASSETS:-0}" = 1 ]; then
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

ensure_redis() {
	mkdir -p config/pids logs
	local conf port
	for conf in redis_cache:13000 redis_queue:11000; do
		port=${conf#*:}
		conf=${conf%%:*}
		if ! redis_up "$port"; then
			redis-server "config/$conf.conf" --daemonize yes --logfile "$REPO_ROOT/logs/$conf.log" >/dev/null ||
				fail "Redis ($conf) did not start" "see logs/$conf.log"
		fi
	done
	local i
	for i in $(seq 1 20); do
		redis_up 13000 && redis_up 11000 && return 0
		sleep 0.5
	done
	fail "Redis is not answering on ports 13000 and 11000" "see logs/redis_cache.log and logs/redis_queue.log"
}

stop_redis() {
	redis-cli -p 13000 shutdown nosave >/dev/null 2>&1 || true
	redis-cli -p 11000 shutdown nosave >/dev/null 2>&1 || true
}

site_exists() { [ -f "sites/$1/site_config.json" ]; }

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
}

# The upgrade test of scripts/test. Sourced after common.sh, not run.
#
# A site is installed from the previous release (the newest tag v* that HEAD contains, HEAD's own tags
# left out), with the demo data: complaints in every state, and the jobs their filing queued still
# waiting in Redis (no worker runs meanwhile; a queue of their own, see FRAPPE_REDIS_QUEUE). It is then
# migrated to the working tree's code with `bench migrate`, and the smoke suite tests/upgrade runs
# against it (pytest -m upgrade).
#
# The old code is never checked out in the working tree: `git archive` writes the tag's app into
# .upgrade-from/, and the bench commands of the old site run with that folder first on PYTHONPATH, so
# they import the release's complaints_mgmt instead of the editable install of apps/complaints_mgmt.
# Frappe finds an app's hooks, DocTypes, patches and translations from its module's path, so the old
# site is made from the old code (but for the Arabic: Frappe reads the translations the bench compiled
# from the working tree's ar.po); an interrupted run leaves nothing to put back.

UPGRADE_SITE=${UPGRADE_SITE:-upgrade-complaints.localhost}
UPGRADE_DEMO_COMPLAINTS=${UPGRADE_DEMO_COMPLAINTS:-60}

# repo_git ARGS...: git in this clone, whoever owns it. A CI's clone may belong to another user than the
# one running the test (root clones, the bench user tests), and git refuses such a repository unless it
# is named safe.
repo_git() {
	git -c safe.directory='*' -C "$REPO_ROOT" "$@"
}

# previous_release_tag: the newest v* tag HEAD contains, not one of HEAD's own tags; nothing if none.
previous_release_tag() {
	local own tag
	own=$(repo_git tag --points-at HEAD --list 'v*')
	for tag in $(repo_git tag --list 'v*' --merged HEAD --sort=-v:refname); do
		grep -qxF "$tag" <<<"$own" || {
			printf '%s\n' "$tag"
			return 0
		}
	done
}

# ensure_release_history: the tags and the history the upgrade test needs. A CI's checkout is often
# shallow (one commit) or made without tags; they are then fetched from origin, or else from
# RELEASES_REPO (a clone that has the release tags, named in the environment or the machine's env file).
# Nothing when a release tag is already found. Run as root too (scripts/test), where the clone's .git
# may be root's.
ensure_release_history() {
	[ -z "$(previous_release_tag)" ] || return 0
	local source
	for source in "$(repo_git remote get-url origin 2>/dev/null || true)" "${RELEASES_REPO:-}"; do
		[ -n "$source" ] || continue
		fetch_release_history "$source"
		[ -z "$(previous_release_tag)" ] || break
	done
	if [ "$(id -u)" = 0 ] && [ -n "${BENCH_USER:-}" ]; then
		chown -R "$BENCH_USER": "$REPO_ROOT/.git"
	fi
}

fetch_release_history() {
	local unshallow=()
	[ "$(repo_git rev-parse --is-shallow-repository)" != true ] || unshallow=(--unshallow)
	note "fetching the release tags${unshallow[*]:+ and the history} from $1 (this clone has no release tag)"
	repo_git fetch --quiet --tags "${unshallow[@]}" "$1" || note "could not fetch from $1"
}

# with_release_code COMMAND...: a command or function (in a subshell) whose bench commands import the
# previous release's app.
with_release_code() {
	(
		export PYTHONPATH="$UPGRADE_FROM/apps/$APP${PYTHONPATH:+:$PYTHONPATH}"
		"$@"
	)
}

installed_app_version() {
	bench --site "$1" list-apps 2>/dev/null | awk -v app="$APP" '$1 == app {print $2}'
}

test_upgrade() {
	local tag
	ensure_release_history
	tag=$(previous_release_tag)
	[ -n "$tag" ] || fail "upgrade test: no release tag v* before HEAD in this clone" \
		"fetch the tags and history (git fetch --tags --unshallow origin) or tag the last release (git tag v0.13.0 <commit>)"
	UPGRADE_FROM=$REPO_ROOT/.upgrade-from
	# A queue of its own (database 1 of the bench's queue Redis; Frappe reads FRAPPE_REDIS_QUEUE before
	# any config): the jobs the release leaves waiting are the only ones there, and the smoke suite's
	# worker runs none of the bench's other sites' jobs.
	export FRAPPE_REDIS_QUEUE="redis://127.0.0.1:$REDIS_QUEUE_PORT/1"
	redis-cli -p "$REDIS_QUEUE_PORT" -n 1 flushdb >/dev/null ||
		fail "upgrade test: cannot empty its queue (Redis database 1 on port $REDIS_QUEUE_PORT)" "see logs/redis_queue.log"
	step "Upgrade test: $UPGRADE_SITE installed from $tag ($(repo_git rev-parse --short "$tag^{commit}"))"
	rm -rf "$UPGRADE_FROM"
	mkdir -p "$UPGRADE_FROM"
	repo_git archive "$tag" "apps/$APP" | tar -x -C "$UPGRADE_FROM" ||
		fail "upgrade test: cannot read apps/$APP at $tag" "check that the tag $tag is in this clone"
	local imported
	imported=$(with_release_code env/bin/python -c "import $APP; print($APP.__file__)")
	[ "$imported" = "$UPGRADE_FROM/apps/$APP/$APP/__init__.py" ] ||
		fail "upgrade test: the release's code is not the one imported ($imported)" "check PYTHONPATH"
	local credentials="$HOME/.config/complaints_mgmt/$UPGRADE_SITE.credentials"
	rm -f "$credentials"
	with_release_code new_site "$UPGRADE_SITE" admin
	note "installed: $APP $(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$UPGRADE_FROM/apps/$APP/$APP/__init__.py") ($tag)"
	with_release_code run_logged "load the demo with $tag" "read the log" \
		bench --site "$UPGRADE_SITE" complaints-load-demo \
		--complaints "$UPGRADE_DEMO_COMPLAINTS" --credentials-file "$credentials"
	chmod 600 "$credentials"

	step "Upgrade test: bench migrate $UPGRADE_SITE to the working tree's code"
	run_logged "bench migrate $UPGRADE_SITE" "read the log: a patch or a DocType change fails on a site of $tag" \
		bench --site "$UPGRADE_SITE" migrate
	note "migrated: $APP $(installed_app_version "$UPGRADE_SITE")"

	step "Upgrade test: smoke suite tests/upgrade on $UPGRADE_SITE"
	local status=0
	mkdir -p test-output
	TEST_SITE=$UPGRADE_SITE BENCH_ROOT=$REPO_ROOT UPGRADE_CREDENTIALS=$credentials \
		env/bin/python -m pytest tests/upgrade -m upgrade -p no:cacheprovider -q \
		2>&1 | tee test-output/upgrade.log || status=$?
	[ "$status" != 5 ] || fail "the upgrade smoke suite collected no test" "see test-output/upgrade.log"
	[ "$status" = 0 ] || fail "the upgrade smoke suite failed on a site upgraded from $tag" "see test-output/upgrade.log"
	rm -rf "$UPGRADE_FROM"
	note "upgrade from $tag passed"
}

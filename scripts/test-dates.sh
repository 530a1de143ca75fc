#!/usr/bin/env bash
# Every jest suite again, as of another day: three days from now at 00:30 UTC, so the run is on
# another weekday, in the hours when yesterday's late sessions are still unsigned (libfaketime
# moves the clock of this process tree; it runs on from there). A test that passes only on the day
# it was written (a fixed date, a fixture counting on the seed's mix, which follows the weekday)
# fails here, and so does code that depends on the day's data: the first such run found Claim
# Status Changed reporting false events when an ERA's batch of claims (one status time) was the
# top of the list. Crossing midnight during the run is not the default (the test that happens to
# run at 00:00 would vary from run to run); try it with TEST_DATES_AS_OF='… 23:58:00'.
#   npm run test:dates                         # as of three days from now, 00:30 UTC
#   TEST_DATES_AS_OF='2027-02-28 23:58:00' npm run test:dates -- test/integration
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
	echo "test:dates: installing faketime from Debian"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends faketime >/dev/null
fi

AS_OF="${TEST_DATES_AS_OF:-$(date -u -d '+3 days' '+%Y-%m-%d') 00:30:00}"
echo "test:dates: jest as of $AS_OF UTC ($(date -u -d "$AS_OF" '+%A'))"
TZ=UTC exec faketime -f "@$AS_OF" npx jest "$@"

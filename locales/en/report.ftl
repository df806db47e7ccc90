# Messages of report. Conventions: locales/README.md.

## Text report (src/report/text.rs)

report-count = {$n} {$status}
report-count-pass = pass
report-count-fail = fail
report-count-warn = warn
report-count-advice = advice
report-count-blocked = blocked
report-count-unknown = unknown
report-count-not-applicable = not_applicable
report-text-fix = fix ({$account} account):
report-text-none = (none)
report-text-service = service
report-text-service-region = service region {$region} (cross-region endpoint; provider side asked there)
report-text-account-unknown = account unknown
report-text-account-profile = {$account} (profile {$profile})
report-text-consumer = consumer
report-text-provider = provider
report-text-no-provider-because = no provider credentials: {$why}; provider checks use the consumer's
report-text-no-provider = no provider credentials (--provider-profile); provider checks use the consumer's
report-text-dns = dns
report-text-dns-vantage = {$dns} · vantage: {$vantage}
report-text-source = source
report-text-offline = {$source} (offline replay)
report-text-no-root-cause = ROOT CAUSE  none found
report-text-root-causes = { $count ->
    [one] ROOT CAUSE
   *[other] ROOT CAUSES
}
report-text-advice = ADVICE  (no risk to the traffic; not counted in the exit code)
report-text-checks = CHECKS
report-text-unreached = {$skipped} checks of the endpoint's diagnosis: no endpoint serves the target (see target.resolved)
report-text-docs = docs: {$docs}
report-text-exit-0 = no check failed
report-text-exit-1 = a check failed
report-text-exit-3 = nothing failed, but some checks could not be evaluated
report-text-summary = SUMMARY
report-text-summary-line = {$counts}  → exit {$code} ({$meaning}) · {$calls} API calls
report-text-op = {$op} {$calls}×/{$ms} ms
report-text-retries = ({$retries} retries)
report-text-stats = STATS
report-text-stats-line = {$calls} API calls: {$ops}
report-text-stats-none = none
report-text-phases = phases: setup {$setup} ms · checks {$checks} ms · total {$total} ms
report-catalog-account = account
report-catalog-title = title
report-catalog-needs = needs

## Markdown and HTML reports (src/report/markdown.rs, src/report/html.rs)

report-fix = Fix ({$account} account):
report-unknown = unknown
report-label-service = service
report-label-region = region
report-label-service-region = service region
report-label-consumer-account = consumer account
report-label-provider-account = provider account
report-label-provider-credentials = provider credentials
report-label-source = source
report-label-generated = generated
report-generated-by = {$at} by {$tool} {$version}
report-verdict-fail = ✗ {$n} check(s) failed
report-root-causes = Root causes
report-none-found = None found.
report-advice = Advice
report-advice-note = Posture guidance: no risk to the traffic, not counted in the verdict.
report-checks = Checks
report-md-verdict = Verdict:
report-md-verdict-pass = ✓ no check failed
report-md-verdict-unknown = ? nothing failed, but {$n} check(s) could not be evaluated
report-md-cross-region = {$region} (cross-region endpoint)
report-md-dns = {$dns} (vantage: {$vantage})
report-md-col-check = check
report-md-col-summary = summary
report-md-evidence = Evidence
report-md-docs = Docs: {$docs}
report-md-api-calls = {$calls} API calls.
report-md-redacted = Account ids and IP addresses redacted.
report-md-summary = Summary: {$counts}.
report-html-verdict-pass = ✓ No check failed
report-html-verdict-unknown = ? Nothing failed, but {$n} check(s) could not be evaluated
report-html-region-cross = {$region} (service in {$service_region}: cross-region endpoint)
report-html-blocked-by = Blocked by {$checks}.
report-html-see-it = See it yourself:
report-html-account = {$account} account
report-html-docs = docs
report-html-footer = {$calls} API calls · checks {$ms} ms · command:
report-html-redacted = account ids and IP addresses redacted
report-html-path-judged-by = judged by: {$checks}

## JUnit (src/report/junit.rs)

report-junit-warning = warning: {$summary}
report-junit-advice = advice: {$summary}

## Fleet and workload tables (src/report/fleet.rs, src/report/workload.rs)

report-fleet-endpoints = {$n} endpoint(s)
report-workload-services = {$n} service(s)
report-fleet-counts = {$what}: {$fail} fail, {$unknown} unknown, {$warn} warn, {$pass} pass · {$calls} API calls · {$secs} s
report-fleet-accounts = {$n} account(s)
report-fleet-accounts-failed = {$n} account(s), {$failed} could not be scanned
report-fleet-col-endpoint = ENDPOINT
report-fleet-col-region = REGION
report-fleet-col-service = SERVICE
report-fleet-col-owner = OWNER
report-fleet-col-state = STATE
report-fleet-col-verdict = VERDICT
report-fleet-col-root-cause = ROOT CAUSE
report-fleet-could-not-scan = could not scan: {$why}
report-fleet-not-scanned = Not scanned (not ACTIVE in the organisation): {$accounts}
report-fleet-account-region = account {$account} {$region}
report-fleet-fixes = Fixes for the root causes:
report-fleet-one-in-full = One endpoint in full: vpce-doctor check ENDPOINT (or Enter on it in `vpce-doctor`)
report-fleet-stats-region = region {$region}: {$n} endpoint(s) in {$ms} ms
report-fleet-stats-account-region = account {$account} region {$region}: {$n} endpoint(s) in {$ms} ms
report-fleet-stats-account = account {$account}: {$n} endpoint(s) in {$ms} ms
report-fleet-account-heading = account {$account}{$named} · {$n} endpoint(s)
report-fleet-title = vpce-doctor scan
report-fleet-advice = Advice (no risk to the traffic; not counted in the verdict):
report-fleet-api-by-op = API calls by operation:
report-fleet-h-endpoint = endpoint
report-fleet-h-region = region
report-fleet-h-service = service
report-fleet-h-owner = VPC / owner
report-fleet-h-state = state
report-fleet-h-verdict = verdict
report-fleet-h-root-cause = root cause

## Headless output (src/headless/)

headless-output-format-unknown = cannot tell the format of --output {$path}: use a .json, .md, .html, .xml or .txt name, or pass --format
headless-formats-need-dir = several --format values need --output-dir DIR (one file per format)
headless-not-a-directory = --output-dir {$dir} is not a directory
headless-cannot-write-report = cannot write report {$path}: {$error}
headless-cannot-write = cannot write {$path}: {$error}
headless-could-not-observe = could not observe: {$why}
headless-runbook-line = {$title} ({$n} steps)
headless-cannot-list-regions = cannot list the regions: {$error}
headless-watch-no-verdicts = no verdicts yet
headless-watch-stale = stale since {$since}
headless-watch-interrupted = {$at} cycle {$cycle}: {$since} · {$why}; {$spent} API calls
headless-watch-cycle = {$at} cycle {$cycle}: {$changes} changes{$list}; {$spent} API calls; {$fail} fail, {$unknown} unknown

## Runbook transcript (src/report/transcript.rs)

report-runbook-heading = Runbook `{$runbook}`: {$title}
report-runbook-context = Target `{$target}` · {$region} · consumer {$consumer} · provider {$provider} · {$at}
report-runbook-checklist = Checklist
report-runbook-stopped = Stopped:
report-runbook-transcript = Transcript
report-runbook-columns = time | step | event | verdict | observation
report-runbook-checked = checked
report-runbook-rechecked = re-checked
report-runbook-exit = exit code {$code}
report-runbook-not-reached = not reached

## Runbook walk (src/runbook/mod.rs)

runbook-step-blocked = step {$step} is blocked: {$blockers} failed first
runbook-step-failed-stop = step {$step} failed, and nothing later can pass until it is fixed
runbook-step-other-type = this step is for {$types} endpoints; this is a {$other} endpoint
runbook-not-checked-yet = this step has not been checked yet
runbook-stopped = stopped: {$reason}
runbook-last-step = this is the last step
runbook-first-step = this is the first step

## Workload report (src/report/workload.rs)

report-workload-required = required
report-workload-optional = optional
report-workload-no-endpoint = — none
report-workload-heading = workload {$profile} · {$vpc} · {$region} · subnets ({$from}): {$subnets}
report-workload-col-service = SERVICE
report-workload-col-type = TYPE
report-workload-col-need = NEED
report-workload-col-endpoint = ENDPOINT
report-workload-col-finding = FINDING
report-workload-fixes = Fixes, root causes first:
report-workload-note = Note: {$note}
report-workload-why = Why each service ({$docs}):
report-workload-one-in-full = One endpoint in full: vpce-doctor check ENDPOINT · step by step: vpce-doctor runbook endpoint-unreachable ENDPOINT (gateway-endpoint for S3) · interactively: add --tui
report-workload-title = vpce-doctor workload {$profile}
report-workload-columns = service | type | need | endpoint | verdict | finding
report-workload-step-by-step = step by step:
report-workload-services-heading = Services

## Series (src/report/spark.rs)

report-spark-numbers = total {$total} · peak {$peak} · last {$last}
report-spark-no-data = no data
report-spark-hours = {$n}-h
report-spark-minutes = {$n}-min
report-spark-seconds = {$n}-s
report-spark-window = {$span} · {$period} periods

# Messages of tui. Conventions: locales/README.md.

## Keys: the help overlay (the README's key table holds the same words) and footer hints.
tui-key-help = show or hide this help
tui-key-quit = quit
tui-key-back = back (close help, leave filter, return to the picker) or quit
tui-key-up = move up (scroll up in the detail pane)
tui-key-down = move down (scroll down in the detail pane)
tui-key-top = first item
tui-key-bottom = last item
tui-key-page-up = scroll the detail pane up a page
tui-key-page-down = scroll the detail pane down a page
tui-key-open-picker = diagnose the selected endpoint
tui-key-filter-picker = filter the endpoints (type an id, a word or a DNS name — Tab completes the name — then Enter or Esc)
tui-key-filter-diagnosis = filter the checks (type, then Enter or Esc)
tui-key-switch-pane-diagnosis = switch between the check graph and the detail pane
tui-key-rerun-all-diagnosis = rerun every check
tui-key-rerun-selected-diagnosis = rerun the selected check and what depends on it
tui-key-toggle-watch-diagnosis = watch mode: rerun every N seconds and mark each status change with its time
tui-key-copy-diagnosis = copy the selected check's fix command (OSC 52: works over SSH)
tui-key-export-diagnosis = export this run as JSON, Markdown, HTML and JUnit
tui-key-toggle-path-diagnosis = switch between the check tree and the path view (the hops, zone by zone)
tui-key-left-diagnosis = path view: the previous hop
tui-key-right-diagnosis = path view: the next hop
tui-key-open-diagnosis = path view: go to the checks that judge the selected hop
tui-key-next-step-runbook = runbook: next step (or where a failed step branches to)
tui-key-previous-step-runbook = runbook: previous step
tui-key-recheck-runbook = runbook: re-check this step (after a fix was applied)
tui-key-copy-runbook = runbook: copy this step's fix command (OSC 52)
tui-key-export-runbook = runbook: export the transcript as Markdown and JSON
tui-hint-help = help
tui-hint-quit = quit
tui-hint-diagnose = diagnose
tui-hint-filter = filter
tui-hint-pane = pane
tui-hint-rerun = rerun
tui-hint-watch = watch
tui-hint-copy-fix = copy fix
tui-hint-export = export
tui-hint-next = next
tui-hint-prev = prev
tui-hint-recheck = re-check
tui-hint-path = path
tui-filter-editing = ▏ Enter keep · Esc clear

## Help overlay.
tui-help-title = Help
tui-help-keys = Keys
tui-help-mouse = Mouse: click selects, the wheel scrolls
tui-help-statuses = Statuses
tui-help-root-cause = A root cause is a failed check whose prerequisites did not fail.
tui-help-close = ? or Esc closes this help

## The picker.
tui-picker-title-live = VPC endpoints · { $region }
tui-picker-title-workload = workload { $profile } · { $vpc } · { $region }
tui-picker-title-org = scan --org · role { $role } · { $accounts } account(s) · { $regions }
tui-picker-title-scan = scan · { $regions }
tui-picker-title-demo = vpce-doctor demo · bundled scenarios (no AWS account needed)
tui-picker-list-failed = could not list endpoints: { $error }
tui-picker-loading = { $spinner } loading endpoints…
tui-picker-empty = no VPC endpoints here
tui-picker-checking = { $spinner } checking
tui-picker-shown = — { $count } shown
tui-col-name = NAME
tui-col-endpoint = ENDPOINT
tui-col-state = STATE
tui-col-verdict = VERDICT
tui-col-account = ACCOUNT
tui-col-root-cause = ROOT CAUSE
tui-col-service = SERVICE
tui-row-no-endpoint = — none
tui-row-not-scanned = — not scanned
tui-row-found = found
tui-row-missing = missing
tui-row-unscanned = unscanned
tui-row-required = required { $service }
tui-row-optional = optional { $service }

## The diagnosis: header, check graph, detail pane.
tui-header-running = { $spinner } running
tui-header-done = done in { $secs }s
tui-header-starting = starting…
tui-header-cross-region = { $region } → service in { $remote }
tui-header-service-unknown = service unknown
tui-header-no-provider-profile = no --provider-profile
tui-header-accounts = consumer { $consumer } · provider { $provider } · vantage: { $vantage }
tui-watch-last-cycle = ◉ watch { $every }s · last cycle { $last }
tui-watch-no-cycle = ◉ watch { $every }s · no cycle finished yet
tui-stale-since = stale since { $at }
tui-stale-no-verdicts = no verdicts yet
tui-cycle-no-change = { $clock } no change
tui-cycle-more = (+{ $count } more)
tui-section-root-cause = ROOT CAUSE
tui-section-advice = ADVICE
tui-checks-title = Checks — { $roots } root { $roots ->
        [one] cause
       *[other] causes
    }
tui-checks-matching = Checks matching /{ $filter }
tui-detail-title = Detail
tui-detail-none = no check selected
tui-detail-changed = changed { $from } → { $to } at { $at }
tui-detail-what-it-checks = What it checks
tui-detail-pending = waiting for its prerequisites…
tui-detail-running = running…
tui-verdict = Verdict
tui-detail-blocked-by = Blocked by { $checks }: fix that first.
tui-detail-evidence = Evidence
tui-detail-fix = Fix
tui-fix-account = ({ $account } account)
tui-detail-copy-hint = y copies the first command
tui-detail-reproduce = See it yourself
tui-detail-needs = Needs: { $checks }
tui-detail-account-docs = Account: { $account } · Docs: { $docs }
tui-none = (none)
tui-series-no-lines = (no lines)
tui-path-decides = DECIDES
tui-path-passes = passes
tui-path-skipped = { $layer } (skipped)

## The runbook view.
tui-runbook-title = Runbook { $name } — step { $step }/{ $steps }
tui-runbook-why = Why this step
tui-runbook-checks-see = What the checks see
tui-runbook-check-running = { $spinner } { $id } running…
tui-runbook-check-waiting = · { $id } waiting…
tui-runbook-stopped = Stopped: { $reason }
tui-runbook-stopped-hint = Fix it, then press r to re-check this step.
tui-runbook-waiting-checks = waiting for the checks…
tui-runbook-at = at { $at }
tui-runbook-what-to-do = What to do
tui-transcript-title = Transcript ({ $done } of { $steps } steps checked)
tui-transcript-checked = { $step } checked
tui-transcript-rechecked = { $step } re-checked

## Toasts.
tui-toast-aws-back = AWS answers again: verdicts current as of { $clock }
tui-toast-run-in-progress = a run is in progress
tui-toast-rerun-from = rerunning { $id } and what depends on it
tui-toast-watch-off = watch mode off
tui-toast-watch-on = watch mode: rerunning every { $every }s
tui-toast-copied = copied the fix for { $id } (OSC 52)
tui-toast-no-fix-command = { $id } has no fix command to copy
tui-toast-export-wait = wait for the run to finish before exporting
tui-toast-check-running = a check is running
tui-toast-rechecking = re-checking step { $id }
tui-toast-step-copied = copied this step's fix (OSC 52)
tui-toast-step-no-fix-command = this step has no fix command to copy
tui-toast-open-failed = cannot open: { $error }
tui-toast-no-scenario = no scenario { $key }
tui-toast-no-endpoint = no endpoint to open for { $what }
tui-toast-no-settings = no settings to open { $key }
tui-toast-opening = opening { $key }…
tui-toast-rerun-all = rerunning every check
tui-toast-exported = exported { $paths }
tui-toast-export-failed = export failed: { $error }
tui-list-and = {" "}and{" "}
tui-nothing-to-export = nothing to export
tui-no-runbook = no runbook

## Errors before the view opens.
tui-error-no-terminal = the interactive view needs a terminal; for scripts use `vpce-doctor check TARGET`
tui-error-unknown-scenario = unknown demo scenario { $name }: expected one of { $names }
tui-error-terminal-setup = cannot set up the terminal: { $error }
tui-error-terminal-draw = cannot draw on the terminal: { $error }
tui-error-log-file = cannot open log file { $path }: { $error }

## The demo's scenarios (`vpce-doctor demo --list`, the demo picker).
tui-demo-title-healthy = everything works: a custom service across two accounts
tui-demo-title-pending-acceptance = the service owner has not accepted the connection
tui-demo-title-sg-blocks-443 = the endpoint's security group does not admit the clients on 443
tui-demo-title-private-dns-broken = private DNS chain broken: the VPC has DNS hostnames off
tui-demo-title-dns-forward-hijack = a Resolver rule forwards the private DNS name on premises: the endpoint's private DNS is never asked
tui-demo-title-unhealthy-targets-az = one zone's targets fail health checks and cross-zone is off: that zone's clients fail
tui-demo-title-gateway-missing-route = S3 gateway endpoint: a route table lost its prefix-list route
tui-demo-title-gwlb-no-route = a Gateway Load Balancer endpoint no route table sends traffic to
tui-demo-title-resource-association-failed = a Resource endpoint (VPC Lattice) whose association FAILED
tui-demo-title-cross-region = cross-region: an endpoint in us-east-1 to a service hosted in us-west-2
tui-demo-title-ipv6-only = an IPv6-only endpoint: AAAA records, IPv6 rules, IPv6-only subnets, all healthy

## The path view
tui-path-title = path · { $hint }
tui-path-hint = ↑↓←→ hop · Enter its checks · v checks
tui-path-none = No path to draw yet: the run has not finished, or it has no endpoint.
tui-path-judged-by = Judged by
tui-path-no-checks = No check judges this hop.
tui-path-broken = Broken row
tui-path-zone = Zone { $zone }
tui-toast-path-jump = { $id } judges this hop (also: { $others })
tui-toast-path-jump-one = { $id } judges this hop

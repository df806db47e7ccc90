# Messages of checks-c. Conventions: locales/README.md.

## Engine (src/engine)

engine-credentials-failed = the credentials failed: {$hint}
engine-credentials-failed-of = the credentials of the {$account} account failed: {$hint}
engine-throttled = AWS throttled most calls: {$hint}
engine-throttled-of = AWS throttled most calls of the {$account} account: {$hint}
engine-not-evaluated = not evaluated: {$blockers} did not pass
engine-blocker = {$check} ({$status})
engine-check-timed-out = could not tell: the check did not finish within {$secs}s
engine-internal-error = could not tell: internal error in the check ({$error})
engine-overruled = rules look wrong but traffic passes ({$checks}) — check the rule evaluation: {$summary}
engine-consequence-of = consequence of {$causes}: {$summary}
engine-headline-no-endpoint = {$asked} → no endpoint
engine-series-summary = total {$total}, peak {$peak}, last {$last} ({$with_data}/{$periods} periods with data)
engine-series-no-data = no data in {$periods} periods

## Shared check helpers (src/checks/mod.rs)

check-provider-note = Run this in the service owner's account: no --provider-profile was given, so the command carries no --profile — add the owner's (--profile NAME) or run it with that account's credentials.
check-no-implementation = could not tell: no implementation for check {$id}
check-denied-in-account = could not check: {$operation} was denied — needs {$action} in {$account}
check-denied-owner = could not check: {$operation} was denied — needs {$action} in the service owner's account — pass --provider-profile
check-config-owner-only = could not check: the service configuration is visible only to the service owner — needs {$action} in the service owner's account — pass --provider-profile
check-throttled = could not check: {$operation} was throttled ({$code}) after retries; run again
check-credentials-refresh = refresh them and run again
check-credentials-failed = could not check: the credentials failed ({$code}) calling {$operation} — {$hint}
check-credentials-failed-of = could not check: the credentials of the {$account} account failed ({$code}) calling {$operation} — {$hint}
check-timed-out-after = could not check: timed out after {$secs}s calling {$operation} (see --timeout)
check-timed-out = could not check: {$operation} timed out (see --timeout)
check-could-not-check = could not check: {$reason}
check-field-error = error
check-account-text = the {$account} account{$id}
check-account-text-profile = the {$account} account{$id} (profile {$profile})
check-vantage-inside-flag = inside (--vantage)
check-vantage-outside-flag = outside (--vantage)
check-vantage-outside = outside {$vpc}: {$why}
check-vantage-inside-imds = inside {$vpc} (this instance's metadata)
check-vantage-imds-other = this instance's metadata says it is in {$vpc}
check-vantage-imds-disabled = instance metadata is disabled (AWS_EC2_METADATA_DISABLED); pass --vantage inside if this machine is in the VPC
check-vantage-no-imds = no EC2 instance metadata here ({$message}); pass --vantage inside if this machine is in the VPC
check-vantage-imds-error = instance metadata not known ({$error})
check-no-endpoint-chosen = not evaluated: no endpoint serves the target (see target.resolved)
check-endpoints-why = {$kind} endpoints {$why}
check-gateway-why-private-dns = do not use private DNS
check-gwlb-endpoint-na = GatewayLoadBalancer endpoints carry routed traffic to the service's appliances: they have no DNS names, security groups or listening ports of their own (gwlb.route_tables, gwlb.subnet and gwlb.target_health judge them)
check-not-reported = (not reported)
check-resource-configuration = resource configuration {$arn}
check-service-network = service network {$arn}
check-lattice-endpoint-na = {$kind} endpoints reach VPC Lattice, not an endpoint service behind a Network Load Balancer: lattice.associations and lattice.private_dns judge them
check-unknown-endpoint-type = vpce-doctor does not know endpoint type {$raw} yet; it cannot judge this check for {$id}: read the endpoint with aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {$id} and check it by hand
check-private-name-unknowable = could not tell whether the service offers a private DNS name: the consumer cannot see the service and {$reason}
check-no-private-name = {$service} offers no private DNS name

## nlb.security_groups, targets.security_groups (src/checks/targets.rs)

targets-lb-no-groups = {$lbs} has no security groups: nothing filters traffic at the load balancer
targets-clients-not-named = not named; the consumer's VPC is {$vpc} (pass --from to judge a given client)
targets-inbound = inbound
targets-outbound = outbound
targets-not-filtered = PrivateLink traffic not filtered (enforcement off)
targets-groups-only = {$subject} admits {$port} only from group {$groups}: {$client} passes only if its clients are members
targets-undecidable-inbound = inbound {$port} on {$lb}
targets-no-members = {$subject} cannot be judged for {$client}: the group has no member interface, and a consumer's group means nothing to the provider's rules
targets-inbound-denied = {$subject} does not allow inbound {$ports} from {$client} and enforces its inbound rules on PrivateLink traffic
targets-any-client = any consumer client
targets-from = from {$what}
targets-target-peer = target {$id} ({$ip})
targets-undecidable-outbound = outbound TCP {$port} to {$id}
targets-egress-denied = {$groups} ({$lb}) does not allow outbound TCP {$port} to target {$id} ({$ip}): health checks and traffic to it are dropped
targets-undecidable = could not tell whether {$what} is allowed: the matching rules reference prefix lists (or groups) whose members are not visible
targets-lb-pass-enforcement-off = the load balancer security groups do not filter PrivateLink traffic (enforcement off) and reach every target
targets-lb-pass = {$said}; every target is reachable
targets-field-consumer-clients = consumer clients
targets-table-lb-groups = load balancer security groups
targets-col-lb = load balancer
targets-col-direction = direction
targets-col-port = port
targets-col-peer = peer
targets-col-verdict = verdict
targets-allowed-how = allowed {$how}
targets-not-allowed = not allowed: {$missing}
targets-prefix-list = prefix list {$lists}: cannot tell
targets-no-members-row = group has no members to judge
targets-only-members = only members of {$groups}
targets-allowed = allowed
targets-no-rule = no rule
targets-group-rule-cannot-tell = group/prefix-list rule: cannot tell
targets-nlb-addresses = NLB addresses {$cidrs}
targets-nlb-subnets = NLB subnets {$cidrs}
targets-nlb-groups = {$label}, NLB security groups {$groups}
targets-none-registered = no registered targets (see nlb.target_health)
targets-sg-pass = every target's security groups admit the load balancer on the traffic and health-check ports ({$count} target(s))
targets-field-traffic-from = traffic comes from
targets-table-target-groups = target security groups
targets-col-target-group = target group
targets-col-target = target
targets-col-security-groups = security groups
targets-alb-not-found = ALB not found (see nlb.target_health)
targets-no-interface = no network interface in the provider account holds target {$id}
targets-interface-not-visible = interface not visible
targets-only-group-rules = TCP {$port} to {$id} is allowed only by group or prefix-list rules
targets-target-denied = {$groups} of target {$target} do(es) not allow TCP {$port} ({$kind}) from {$lb}

## az.alignment, nlb.zonal_health (src/checks/az.rs)

az-subnet-not-in-vpc = could not check: the endpoint's subnet {$subnet} is not among the subnets of {$vpc}
az-yes = yes
az-gateway-why = have no subnets or zones
az-no = no
az-on = on
az-off = off
az-aws-owned = AWS-owned service: no load balancer to compare
az-lb-zones-not-visible = load balancer zones not visible: {$reason}
az-nothing-visible = could not check: neither the service's zones nor its load balancers' are visible ({$notes})
az-subnet-gap = endpoint subnet {$subnet} is in {$zone} ({$name} in the consumer account), but { $why ->
    [not_offered] the service does not offer it
   *[no_node] the load balancer has no node there
    }: clients using that interface time out
az-pass-offered = every endpoint subnet's zone ({$zones}) is offered by the service
az-pass-offered-served = every endpoint subnet's zone ({$zones}) is offered by the service and served by its load balancer
az-field-note = note
az-table-zones = zones by AZ ID
az-col-endpoint-subnet = endpoint subnet
az-col-service-offers = service offers
az-col-nlb-node = NLB node
az-cross-region-note = cross-region endpoint: the service and its load balancers are in {$remote}, whose zones are not comparable with {$region}'s
az-remote-accepted = the endpoint's zones ({$zones}) were accepted by AWS for remote access to {$remote}; the consumer's view lists no zones to compare
az-remote-unsupported = endpoint subnet {$subnet} is in {$zone} ({$name}), a zone AWS does not support for remote access to this service from {$region}
az-remote-pass = every endpoint subnet's zone ({$zones}) is supported for remote access to {$remote}
az-table-remote-zones = consumer-region zones by AZ ID
az-col-remote-access = remote access
az-cross-region-eni = (cross-region: {$id})
az-zonal-pass = every zone with an endpoint interface ({$zones}) reaches a healthy target
az-zonal-pass-remote = every load balancer zone in {$region} ({$zones}) reaches a healthy target (cross-region endpoint: the consumer's zones are not the provider's)
az-field-cross-zone = cross-zone load balancing
az-table-per-zone = per zone: endpoint interface · NLB node · healthy targets
az-col-endpoint-interface = endpoint interface
az-col-healthy-targets = healthy targets
az-col-cross-zone = cross-zone
az-col-nlb-tg = NLB / target group
az-cross-zone-note = {$lb} → {$tg}: cross-zone {$state} (set on the { $from ->
    [target_group] target group
   *[load_balancer] load balancer
    })
az-healthy-of = {$healthy} of {$total}
az-unplaced-healthy = {$tg} has healthy targets whose zone is not visible; {$zone} may have none
az-zone-no-healthy = {$zone}: {$tg} has no healthy target there and cross-zone load balancing is off, so clients that use the endpoint interface in {$zone} (or its zonal DNS name) fail while other zones work
az-zone-no-healthy-remote = {$zone} (in {$region}): {$tg} has no healthy target there and cross-zone load balancing is off, so the cross-region connections the load balancer's node in {$zone} receives fail

## What a failed AWS call tells the user (src/facts/aws/error.rs)

aws-error-http-no-code = HTTP {$status} without an AWS error code
aws-error-http-unavailable = HTTP {$status} with no AWS error in the answer, after retries (the API endpoint or a proxy in front of it is unavailable)
aws-error-no-answer = no answer: {$cause}
aws-error-unreadable = unreadable answer: {$cause}
aws-error-unreadable-http = unreadable answer (HTTP {$status}): {$cause}

## client.egress (src/checks/client.rs)

client-dest-prefix-list = {$service} (prefix list {$list}: {$cidrs})
client-dest-prefix-list-not-read = {$service} (prefix list not read)
client-by-endpoint-group = by a rule to the endpoint's group {$group}
client-by-range = by range {$ranges}
client-by-prefix-list = by a rule to prefix list {$list}
client-gwlb-na = GatewayLoadBalancer endpoints carry routed traffic: the client's egress is not addressed to the endpoint (gwlb.route_tables judges the path)
client-none-named = no client named: pass --from i-…, eni-… or sg-… to judge the client's security-group egress
client-no-groups = {$client} has no security groups of its own (an address range or a subnet): the egress of the instances in it is not judged; pass --from i-…, eni-… or sg-… to judge one
client-no-prefix-list = could not check: no managed prefix list is named {$service} in this region
client-field-ports = ports
client-field-client = client
client-field-destination = destination
client-table-outbound = outbound rules
client-col-group = group
client-col-protocol = protocol
client-port-prefix-lists = {$port} (prefix lists {$lists})
client-target-endpoint = the endpoint {$id}
client-target-gateway = {$service} through {$id}
client-egress-denied = the outbound rules of {$groups} do not let {$who} out to {$target} on {$ports}: its connections time out
client-egress-denied-any = the outbound rules of {$groups} do not let {$who} out to {$target} on {$ports}: its connections time out
client-egress-other-lists = could not tell whether the outbound rules of {$groups} let {$who} out to {$target}: only rules to other managed prefix lists could, and their entries are not read: {$lists}
client-egress-one-family = the outbound rules of {$groups} let {$who} out to {$target} over one family only: {$allowed}; not over {$missing} — {$id} is dual-stack, so clients that try {$missing} first wait for fallback (Happy Eyeballs after a moment, others after their connect timeout)
client-egress-pass = the outbound rules of {$groups} let {$who} out to {$target}: {$allowed}

## traffic.* (src/checks/traffic.rs)

traffic-gateway-why = publish no CloudWatch metrics (AWS/PrivateLinkEndpoints covers interface endpoints): VPC flow logs of the clients' subnets show their traffic
traffic-cross-region-na = PrivateLink publishes no endpoint metrics for cross-Region consumers (the service is in {$region}): VPC flow logs of the endpoint's network interfaces show its traffic
traffic-fleet-na = fleet scans read no metrics (one request per endpoint would grow with the fleet): run `vpce-doctor check {$target}` for this endpoint's traffic
traffic-not-recorded = not recorded: this snapshot holds no metrics (taken before the traffic checks read CloudWatch); a live run reads them
traffic-window-hours = last {$n}h
traffic-window-minutes = last {$n}m
traffic-window-seconds = last {$n}s
traffic-field-window = window
traffic-window-value = {$window} ({$start} → {$end}, {$period} s periods)
traffic-reach-no-data = no data: CloudWatch holds no NewConnections datapoint for the endpoint in the {$window} (no traffic at all, or metrics not published yet) — no datapoint is not a zero; VPC flow logs show what reached its interfaces
traffic-reach-none = traffic never reaches the endpoint in the {$window}: 0 new connections — if clients fail now, look at DNS, routes and the client side
traffic-reach-pass = traffic reaches the endpoint: {$count} new connections in the {$window} (peak {$peak} a minute) — if clients still fail, look behind it (service, NLB, targets)
traffic-drops-no-data = no data: CloudWatch holds no PacketsDropped datapoint for the endpoint in the {$window} — no datapoint is not a zero
traffic-drops-none = no packets dropped at the endpoint in the {$window}
traffic-drops-warn = the endpoint dropped {$count} packets in the {$window}{$at} — packets the endpoint could not deliver (a port without a listener, a full queue, an MTU above 8500 bytes); compare with endpoint.security_groups and nlb.listeners
traffic-endpoint-received-resets = the endpoint received {$count} resets
traffic-resets-by = { $who ->
    [targets] the targets reset {$count} connections (the service's application or its host closes them: read its logs)
    [nlb] the NLB reset {$count} connections (idle connections past the NLB's idle timeout, 350 s by default: send TCP keepalives more often than that)
   *[clients] clients reset {$count} connections
    }
traffic-resets-no-data = no data: no reset counts were published for the {$window} — no datapoint is not a zero
traffic-resets-none = no connection was reset in the {$window}
traffic-resets-fail = connections are reset as fast as they are made in the {$window}: {$resets} resets for {$new} new connections — {$said}
traffic-resets-warn = in the {$window}: {$said}
traffic-field-provider-side = provider side
traffic-not-read = not read: {$note}
traffic-flapping = {$label}: unhealthy hosts in {$bad} of {$total} periods (peak {$peak}, last {$last})
traffic-no-data-cell = no data
traffic-hosts-no-data = no data: the NLB published no host counts for the {$window} — no datapoint is not a zero
traffic-hosts-none-healthy = no healthy host in any zone in the latest period of the {$window}: {$flapping}
traffic-hosts-flapping = hosts were unhealthy in the {$window}, even if they are healthy now (flapping health checks): {$flapping}
traffic-hosts-pass = no unhealthy host in any zone in the {$window}
traffic-ports-fail = {$count} connections through the NLB failed for want of a source port in the {$window}: too many connections to one target from the NLB's address — spread them over more targets or more target IP addresses
traffic-ports-pass = no port allocation error in the {$window}
traffic-ports-unpublished = no port allocation error was published in the {$window} (the NLB published other metrics)
traffic-ports-no-data = no data: the NLB published no metrics for the {$window} — no datapoint is not a zero

## traffic.flow_log_rejects (src/checks/flowlogs.rs)

flowlogs-not-cloudwatch = {$id} publishes to {$kind} ({$destination}): the tool queries CloudWatch Logs only; look there (Athena for S3)
flowlogs-accept-only = {$id} records accepted traffic only: rejections are not in it
flowlogs-no-reason = no reason given
flowlogs-delivery-failed = {$id}: delivery FAILED ({$reason}): the log holds nothing
flowlogs-no-log-group = {$id} names no log group
flowlogs-format-lacks = {$id}: its log format lacks {$fields}: the rejected source, port or interface cannot be read
flowlogs-fleet = fleet scans run no Logs Insights query (one per endpoint would scan every log group again): run `vpce-doctor check {$id}` for this endpoint's REJECTs
flowlogs-not-queried = {$groups} ({ $format ->
    [custom] custom format
   *[default] default format
    }) not queried: at most {$max} log formats are queried in one run
flowlogs-field-flow-logs = flow logs
flowlogs-col-flow-log = flow log
flowlogs-col-records = records
flowlogs-col-traffic = traffic
flowlogs-col-destination = destination
flowlogs-col-status = status / delivery
flowlogs-field-not-read = not read
flowlogs-window = the last {$minutes} minutes ({$start} – {$end})
flowlogs-window-incomplete = the last {$minutes} minutes ({$start} – {$end}); incomplete: the query was {$status} after {$secs}s (the time limit), so these rows may be fewer than the log holds
flowlogs-col-source = source
flowlogs-col-port = port
flowlogs-col-interface = interface
flowlogs-col-rejects = rejects
flowlogs-gateway-why = have no network interfaces of their own; flow logs of the clients' subnets show their traffic
flowlogs-none = no flow log records {$id}'s interfaces, subnets or VPC: what the traffic did is not observed (this tool never creates flow logs)
flowlogs-none-on = none on {$resources}
flowlogs-field-look-later = look later (read-only)
flowlogs-field-once = once flow logs publish to CloudWatch Logs (set FLOW_LOG_GROUP)
flowlogs-unqueried = {$count} { $count ->
    [one] flow log
   *[other] flow logs
    } of {$id} but none can be queried here: {$notes}
flowlogs-skipped = {$id} has flow logs; {$note}
flowlogs-pass = no REJECT in the flow logs of {$id}'s interfaces in {$window}
flowlogs-pass-client = no REJECT in the flow logs of {$id}'s interfaces to or from {$clients} (--from) in {$window}
flowlogs-query-unfinished = could not check: the Logs Insights query did not finish in time ({$window})
flowlogs-client-rejected = the flow logs saw {$total} { $total ->
    [one] REJECT
   *[other] REJECTs
    } to or from {$clients} (--from) at {$id}'s interfaces in {$window}: security groups or network ACLs drop this traffic
flowlogs-client-rejected-off-path = the flow logs saw {$total} { $total ->
    [one] REJECT
   *[other] REJECTs
    } to or from {$clients} (--from) at {$id}'s interfaces in {$window}, none on the service's ports {$ports}: not this path's traffic
flowlogs-rejected = the flow logs saw {$total} { $total ->
    [one] REJECT
   *[other] REJECTs
    } at {$id}'s interfaces in {$window}: some sources are dropped (pass --from to judge a given client)
flowlogs-field-window = window
flowlogs-table-rejected = rejected traffic
flowlogs-no-reject-seen = no REJECT seen in {$window}
flowlogs-table-rejected-in = flow logs: rejected in {$window}

## client.routes (src/checks/routes.rs)

routes-hop-local = {$destination} → local: the range overlaps the VPC's own, so the traffic never leaves it
routes-hop-peering-onprem = {$destination} → {$target}, a peering connection: peering is not transitive, on-premises traffic never crosses it
routes-hop-igw = {$destination} → {$target}, an internet gateway: the traffic leaves for the internet, not the clients' network
routes-hop-unnamed = {$destination} → an unnamed target
routes-pcx-gone = {$id} does not exist (any more)
routes-pcx-other-vpcs = {$id} connects {$a} and {$b}, not {$far} and {$vpc}
routes-pcx-no-state = {$id} is in no state, not active: it carries nothing
routes-pcx-inactive = {$id} is {$status}, not active: it carries nothing
routes-main = main
routes-none = none
routes-route-propagated = {$destination} → {$target} ({$state}, propagated)
routes-own-vpc = {$id} (--from) is the endpoint's own VPC: its local route carries the traffic both ways
routes-inside-client = {$other} (--from) is judged as a client of the endpoint's VPC, where the local route carries the traffic; pass --from vpc-… (a peered or transit-gateway VPC) or onprem:CIDR to judge the routes of clients elsewhere
routes-none-named = no client elsewhere named: pass --from vpc-… (a peered or transit-gateway VPC) or onprem:CIDR to judge the routes both ways
routes-gwlb-na = GatewayLoadBalancer endpoints carry routed traffic of their own VPC: gwlb.route_tables judges them
routes-gateway-endpoint = {$id} is a gateway endpoint: it serves only route tables of {$vpc}, and traffic from a peered or transit-gateway VPC, a VPN or Direct Connect never uses it
routes-advice-interface-endpoint = Clients outside {$vpc} need an interface endpoint of {$service} (in {$vpc} or a shared one they route to), reached through its addresses.
routes-no-addresses = could not check: {$id} has no network interface addresses to route to
routes-no-family-cidr = could not check: {$far} (--from) has no CIDR block of a family {$id} has addresses in
routes-onprem-clients = on-premises clients {$net}
routes-no-table = could not check: no route table of {$vpc} serves the endpoint's subnets
routes-dir-back = back to {$label}
routes-dir-to = to {$id}
routes-through = through {$gateway}
routes-no-route = no route
routes-blackhole = blackhole ({$target} is gone)
routes-pending = {$gateway} is pending-acceptance
routes-pass-vpc = the routes go both ways between {$label} and {$id}: to its addresses and back through {$through}{ $tgw ->
    [yes] {" "}(the transit gateway's own route tables are not read)
   *[no] {""}
    }
routes-pass-onprem = the endpoint subnets' route tables send the replies to {$label} through {$through}{ $tgw ->
    [yes] {" "}(the transit gateway's own route tables are not read)
   *[no] {""}
    }
routes-field-clients = clients
routes-table = routes
routes-col-table = route table
routes-col-subnets = subnets
routes-col-direction = direction
routes-col-destination = destination
routes-col-route = route
routes-col-verdict = verdict
routes-toward-back = the replies to {$label}
routes-toward-to = the requests to {$id}
routes-kinds-vpc = a peering connection (pcx-…) or transit gateway (tgw-…)
routes-kinds-onprem = the virtual private gateway (vgw-…) or transit gateway (tgw-…) on the way to it
routes-fail-missing = {$table} has no route for {$part}: {$toward} are dropped
routes-fail-blackhole = {$table} sends {$route} to a blackhole for {$part}: {$toward} are dropped
routes-fail-wrong = {$table} sends {$part} away from the path ({$why}): {$toward} never arrive
routes-advice-wrong = In {$table}, {$part} must go through {$kinds}; the route the VPC router picks now is {$why}.
routes-fail-pending = {$table} sends {$part} through {$gateway}, which is pending-acceptance and carries nothing until it is accepted: {$toward} are dropped
routes-warn-opaque = {$table} sends {$part} through {$through}, which this check cannot see beyond: {$toward} arrive only if it forwards them on
routes-advice-add = Add a route for {$want} to {$table} through {$kinds} that connects the two networks: no route of either side uses one yet, so the tool cannot name it.

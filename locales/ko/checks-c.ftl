# checks-c 메시지. 용어: checks/ko/GLOSSARY.md.

## 엔진 (src/engine)

engine-credentials-failed = 자격 증명이 실패했다: {$hint}
engine-credentials-failed-of = {$account} 계정의 자격 증명이 실패했다: {$hint}
engine-throttled = AWS가 대부분의 호출을 스로틀링했다: {$hint}
engine-throttled-of = AWS가 {$account} 계정의 호출 대부분을 스로틀링했다: {$hint}
engine-not-evaluated = 평가하지 않음: 선행 점검 {$blockers} 항목이 통과하지 못했다
engine-blocker = {$check} ({ $status ->
    [fail] 실패
    [blocked] 보류
    [unknown] 확인 불가
    [warn] 경고
   *[other] {$status}
    })
engine-check-timed-out = 확인 불가: 점검이 {$secs}초 안에 끝나지 않았다
engine-internal-error = 확인 불가: 점검 내부 오류 ({$error})
engine-overruled = 규칙상으로는 막혀 보이지만 트래픽은 통과한다({$checks}) — 규칙 평가를 확인하세요: {$summary}
engine-consequence-of = {$causes} 점검의 파생 증상: {$summary}
engine-headline-no-endpoint = {$asked} → 엔드포인트 없음
engine-series-summary = 합계 {$total}, 최대 {$peak}, 마지막 {$last} (기간 {$periods}개 중 {$with_data}개에 데이터 있음)
engine-series-no-data = 기간 {$periods}개 동안 데이터 없음

## 점검 공용 도우미 (src/checks/mod.rs)

check-provider-note = 이 명령은 서비스 소유자 계정에서 실행하세요: --provider-profile을 주지 않아 명령에 --profile이 없습니다 — 소유자의 프로필(--profile NAME)을 붙이거나 그 계정의 자격 증명으로 실행하세요.
check-no-implementation = 확인 불가: {$id} 점검의 구현이 없다
check-denied-in-account = 확인 불가: {$operation} 호출이 거부되었다 — {$account}에 {$action} 권한이 필요하다
check-denied-owner = 확인 불가: {$operation} 호출이 거부되었다 — 서비스 소유자 계정의 {$action} 권한이 필요하다 — --provider-profile을 지정하세요
check-config-owner-only = 확인 불가: 서비스 구성은 서비스 소유자에게만 보인다 — 서비스 소유자 계정의 {$action} 권한이 필요하다 — --provider-profile을 지정하세요
check-throttled = 확인 불가: 재시도 후에도 {$operation} 호출이 스로틀링되었다({$code}). 다시 실행하세요
check-credentials-refresh = 자격 증명을 갱신하고 다시 실행하세요
check-credentials-failed = 확인 불가: {$operation} 호출 중 자격 증명이 실패했다({$code}) — {$hint}
check-credentials-failed-of = 확인 불가: {$operation} 호출 중 {$account} 계정의 자격 증명이 실패했다({$code}) — {$hint}
check-timed-out-after = 확인 불가: {$operation} 호출이 {$secs}초 후 시간 초과되었다(--timeout 참고)
check-timed-out = 확인 불가: {$operation} 호출이 시간 초과되었다(--timeout 참고)
check-could-not-check = 확인 불가: {$reason}
check-field-error = 오류
check-account-text = {$account} 계정{$id}
check-account-text-profile = {$account} 계정{$id} (프로필 {$profile})
check-vantage-inside-flag = 내부 (--vantage)
check-vantage-outside-flag = 외부 (--vantage)
check-vantage-outside = {$vpc} 외부: {$why}
check-vantage-inside-imds = {$vpc} 내부 (이 인스턴스의 메타데이터)
check-vantage-imds-other = 이 인스턴스의 메타데이터상 위치는 {$vpc} VPC이다
check-vantage-imds-disabled = 인스턴스 메타데이터가 비활성화되어 있다(AWS_EC2_METADATA_DISABLED). 이 머신이 VPC 안에 있으면 --vantage inside를 지정하세요
check-vantage-no-imds = 여기에는 EC2 인스턴스 메타데이터가 없다({$message}). 이 머신이 VPC 안에 있으면 --vantage inside를 지정하세요
check-vantage-imds-error = 인스턴스 메타데이터를 알 수 없다({$error})
check-no-endpoint-chosen = 평가하지 않음: 대상을 제공하는 엔드포인트가 없다(target.resolved 참고)
check-endpoints-why = {$kind} 엔드포인트: {$why}
check-gateway-why-private-dns = 프라이빗 DNS를 쓰지 않는다
check-gwlb-endpoint-na = GatewayLoadBalancer 엔드포인트는 라우팅된 트래픽을 서비스의 어플라이언스로 전달한다. 자체 DNS 이름, 보안 그룹, 수신 포트가 없다(gwlb.route_tables, gwlb.subnet, gwlb.target_health 점검이 판단한다)
check-not-reported = (보고되지 않음)
check-resource-configuration = 리소스 구성 {$arn}
check-service-network = 서비스 네트워크 {$arn}
check-lattice-endpoint-na = {$kind} 엔드포인트는 Network Load Balancer 뒤의 엔드포인트 서비스가 아니라 VPC Lattice에 연결된다. lattice.associations와 lattice.private_dns 점검이 판단한다
check-unknown-endpoint-type = vpce-doctor는 아직 {$raw} 엔드포인트 유형을 모른다. {$id} 엔드포인트에 대해 이 점검을 판단할 수 없다: aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {$id}로 엔드포인트를 읽고 직접 확인하세요
check-private-name-unknowable = 서비스가 프라이빗 DNS 이름을 제공하는지 확인 불가: 소비자는 서비스를 볼 수 없고, {$reason}
check-no-private-name = {$service} 서비스는 프라이빗 DNS 이름을 제공하지 않는다

## nlb.security_groups, targets.security_groups (src/checks/targets.rs)

targets-lb-no-groups = {$lbs} 로드 밸런서에 보안 그룹이 없다: 로드 밸런서에서 트래픽을 거르는 것이 없다
targets-clients-not-named = 지정되지 않음. 소비자 VPC는 {$vpc}이다(특정 클라이언트를 판단하려면 --from을 지정하세요)
targets-inbound = 인바운드
targets-outbound = 아웃바운드
targets-not-filtered = PrivateLink 트래픽을 거르지 않음(적용 꺼짐)
targets-groups-only = {$subject} 보안 그룹은 {$port} 트래픽을 {$groups} 그룹에서만 허용한다: {$client} 클라이언트가 그 그룹의 구성원일 때만 통과한다
targets-undecidable-inbound = {$lb}의 인바운드 {$port}
targets-no-members = {$subject} 보안 그룹은 {$client} 클라이언트에 대해 판단할 수 없다: 그룹에 구성원 인터페이스가 없고, 소비자의 보안 그룹은 제공자의 규칙에서 아무 의미가 없다
targets-inbound-denied = {$subject} 보안 그룹이 {$client}에서 오는 인바운드 {$ports} 트래픽을 허용하지 않으며, PrivateLink 트래픽에 인바운드 규칙을 적용한다
targets-any-client = 모든 소비자 클라이언트
targets-from = 허용 범위: {$what}
targets-target-peer = 대상 {$id} ({$ip})
targets-undecidable-outbound = {$id} 대상으로 가는 아웃바운드 TCP {$port}
targets-egress-denied = {$groups} ({$lb}) 보안 그룹이 대상 {$id} ({$ip}) 쪽 아웃바운드 TCP {$port} 트래픽을 허용하지 않는다: 이 대상으로 가는 상태 확인과 트래픽이 버려진다
targets-undecidable = 허용 여부 확인 불가({$what}): 일치하는 규칙이 구성원을 볼 수 없는 접두사 목록(또는 보안 그룹)을 참조한다
targets-lb-pass-enforcement-off = 로드 밸런서 보안 그룹이 PrivateLink 트래픽을 거르지 않고(적용 꺼짐) 모든 대상에 도달한다
targets-lb-pass = {$said}. 모든 대상에 도달할 수 있다
targets-field-consumer-clients = 소비자 클라이언트
targets-table-lb-groups = 로드 밸런서 보안 그룹
targets-col-lb = 로드 밸런서
targets-col-direction = 방향
targets-col-port = 포트
targets-col-peer = 상대
targets-col-verdict = 판정
targets-allowed-how = 허용됨({$how})
targets-not-allowed = 허용 안 됨: {$missing}
targets-prefix-list = 접두사 목록 {$lists}: 확인 불가
targets-no-members-row = 판단할 그룹 구성원이 없음
targets-only-members = {$groups} 그룹의 구성원만 허용
targets-allowed = 허용됨
targets-no-rule = 규칙 없음
targets-group-rule-cannot-tell = 보안 그룹/접두사 목록 규칙: 확인 불가
targets-nlb-addresses = NLB 주소 {$cidrs}
targets-nlb-subnets = NLB 서브넷 {$cidrs}
targets-nlb-groups = {$label}, NLB 보안 그룹 {$groups}
targets-none-registered = 등록된 대상이 없다(nlb.target_health 참고)
targets-sg-pass = 모든 대상의 보안 그룹이 트래픽 포트와 상태 확인 포트에서 로드 밸런서를 허용한다(대상 {$count}개)
targets-field-traffic-from = 트래픽 출발지
targets-table-target-groups = 대상 보안 그룹
targets-col-target-group = 대상 그룹
targets-col-target = 대상
targets-col-security-groups = 보안 그룹
targets-alb-not-found = ALB를 찾을 수 없음(nlb.target_health 참고)
targets-no-interface = 제공자 계정에 대상 {$id}의 네트워크 인터페이스가 없다
targets-interface-not-visible = 인터페이스가 보이지 않음
targets-only-group-rules = {$id} 대상으로 가는 TCP {$port} 트래픽은 보안 그룹 또는 접두사 목록 규칙으로만 허용된다
targets-target-denied = 대상 {$target}의 {$groups} 보안 그룹이 {$lb}에서 오는 TCP {$port}({ $kind ->
    [traffic] 트래픽
   *[other] 상태 확인
    }) 트래픽을 허용하지 않는다

## az.alignment, nlb.zonal_health (src/checks/az.rs)

az-subnet-not-in-vpc = 확인 불가: 엔드포인트 서브넷({$subnet})이 {$vpc} VPC의 서브넷 목록에 없다
az-yes = 예
az-gateway-why = 서브넷이나 가용 영역이 없다
az-no = 아니요
az-on = 켜짐
az-off = 꺼짐
az-aws-owned = AWS 소유 서비스: 비교할 로드 밸런서가 없다
az-lb-zones-not-visible = 로드 밸런서 가용 영역이 보이지 않는다: {$reason}
az-nothing-visible = 확인 불가: 서비스의 가용 영역도, 로드 밸런서의 가용 영역도 보이지 않는다({$notes})
az-subnet-gap = 엔드포인트 서브넷({$subnet})은 {$zone} 영역(소비자 계정의 {$name})에 있지만, { $why ->
    [not_offered] 서비스가 이 영역을 제공하지 않는다
   *[no_node] 로드 밸런서에 이 영역의 노드가 없다
    }: 그 인터페이스를 쓰는 클라이언트는 시간 초과된다
az-pass-offered = 모든 엔드포인트 서브넷의 가용 영역({$zones})을 서비스가 제공한다
az-pass-offered-served = 모든 엔드포인트 서브넷의 가용 영역({$zones})을 서비스가 제공하고 로드 밸런서가 처리한다
az-field-note = 참고
az-table-zones = AZ ID별 가용 영역
az-col-endpoint-subnet = 엔드포인트 서브넷
az-col-service-offers = 서비스 제공
az-col-nlb-node = NLB 노드
az-cross-region-note = 리전 간 엔드포인트: 서비스와 로드 밸런서는 {$remote} 리전에 있어, 그 가용 영역은 {$region} 리전의 가용 영역과 비교할 수 없다
az-remote-accepted = 엔드포인트의 가용 영역({$zones})은 {$remote} 리전에 대한 원격 액세스용으로 AWS가 받아들였다. 소비자 쪽 정보에는 비교할 가용 영역 목록이 없다
az-remote-unsupported = 엔드포인트 서브넷({$subnet})이 있는 {$zone} 영역({$name})은 {$region} 리전에서 이 서비스로의 원격 액세스를 AWS가 지원하지 않는 영역이다
az-remote-pass = 모든 엔드포인트 서브넷의 가용 영역({$zones})이 {$remote} 리전에 대한 원격 액세스를 지원한다
az-table-remote-zones = AZ ID별 소비자 리전 가용 영역
az-col-remote-access = 원격 액세스
az-cross-region-eni = (리전 간: {$id})
az-zonal-pass = 엔드포인트 인터페이스가 있는 모든 가용 영역({$zones})이 정상 대상에 도달한다
az-zonal-pass-remote = {$region} 리전의 모든 로드 밸런서 가용 영역({$zones})이 정상 대상에 도달한다(리전 간 엔드포인트: 소비자의 가용 영역은 제공자의 것과 다르다)
az-field-cross-zone = 교차 영역 로드 밸런싱
az-table-per-zone = 가용 영역별: 엔드포인트 인터페이스 · NLB 노드 · 정상 대상
az-col-endpoint-interface = 엔드포인트 인터페이스
az-col-healthy-targets = 정상 대상
az-col-cross-zone = 교차 영역
az-col-nlb-tg = NLB / 대상 그룹
az-cross-zone-note = {$lb} → {$tg}: 교차 영역 { $state ->
    [on] 켜짐
   *[off] 꺼짐
    }({ $from ->
    [target_group] 대상 그룹
   *[load_balancer] 로드 밸런서
    }에서 설정)
az-healthy-of = {$total}개 중 {$healthy}개
az-unplaced-healthy = {$tg} 대상 그룹에 가용 영역이 보이지 않는 정상 대상이 있다. {$zone} 영역에는 정상 대상이 없을 수 있다
az-zone-no-healthy = {$zone}: {$tg} 대상 그룹은 이 영역에 정상 대상이 없고 교차 영역 로드 밸런싱이 꺼져 있다. 그래서 {$zone} 영역의 엔드포인트 인터페이스(또는 그 영역별 DNS 이름)를 쓰는 클라이언트는 실패하고 다른 영역은 정상 동작한다
az-zone-no-healthy-remote = {$zone} ({$region}): {$tg} 대상 그룹은 이 영역에 정상 대상이 없고 교차 영역 로드 밸런싱이 꺼져 있다. 그래서 {$zone} 영역의 로드 밸런서 노드가 받는 리전 간 연결이 실패한다

## 실패한 AWS 호출이 사용자에게 알리는 내용 (src/facts/aws/error.rs)

aws-error-http-no-code = AWS 오류 코드가 없는 HTTP {$status} 응답
aws-error-http-unavailable = 재시도 후에도 응답에 AWS 오류가 없는 HTTP {$status} 응답(API 엔드포인트 또는 그 앞의 프록시를 사용할 수 없다)
aws-error-no-answer = 응답 없음: {$cause}
aws-error-unreadable = 읽을 수 없는 응답: {$cause}
aws-error-unreadable-http = 읽을 수 없는 응답(HTTP {$status}): {$cause}

## client.egress (src/checks/client.rs)

client-dest-prefix-list = {$service} (접두사 목록 {$list}: {$cidrs})
client-dest-prefix-list-not-read = {$service} (접두사 목록을 읽지 않음)
client-by-endpoint-group = 엔드포인트 보안 그룹 {$group} 대상 규칙으로 허용
client-by-range = 주소 범위 {$ranges} 규칙으로 허용
client-by-prefix-list = 접두사 목록 {$list} 대상 규칙으로 허용
client-gwlb-na = GatewayLoadBalancer 엔드포인트는 라우팅된 트래픽을 전달한다. 클라이언트의 아웃바운드 트래픽은 엔드포인트 주소로 가지 않는다(경로는 gwlb.route_tables 점검이 판단한다)
client-none-named = 지정된 클라이언트가 없다: 클라이언트 보안 그룹의 아웃바운드 규칙을 판단하려면 --from i-…, eni-… 또는 sg-…를 지정하세요
client-no-groups = {$client} 클라이언트에는 자체 보안 그룹이 없다(주소 범위 또는 서브넷). 그 안의 인스턴스의 아웃바운드 규칙은 판단하지 않는다. 판단하려면 --from i-…, eni-… 또는 sg-…를 지정하세요
client-no-prefix-list = 확인 불가: 이 리전에 {$service} 이름의 관리형 접두사 목록이 없다
client-field-ports = 포트
client-field-client = 클라이언트
client-field-destination = 목적지
client-table-outbound = 아웃바운드 규칙
client-col-group = 보안 그룹
client-col-protocol = 프로토콜
client-port-prefix-lists = {$port} (접두사 목록 {$lists})
client-target-endpoint = 엔드포인트 {$id}
client-target-gateway = {$service} ({$id} 경유)
client-egress-denied = {$groups} 보안 그룹의 아웃바운드 규칙이 {$who} 클라이언트에서 {$target} 쪽으로 나가는 {$ports} 트래픽을 허용하지 않는다: 연결이 시간 초과된다
client-egress-denied-any = {$groups} 보안 그룹의 아웃바운드 규칙이 {$who} 클라이언트에서 {$target} 쪽으로 나가는 트래픽을 {$ports} 중 어느 포트에서도 허용하지 않는다: 연결이 시간 초과된다
client-egress-other-lists = {$groups} 보안 그룹의 아웃바운드 규칙이 {$who} 클라이언트에서 {$target} 쪽으로 나가는 트래픽을 허용하는지 확인 불가: 다른 관리형 접두사 목록을 대상으로 한 규칙만 허용할 수 있는데, 그 항목은 읽지 않는다: {$lists}
client-egress-one-family = {$groups} 보안 그룹의 아웃바운드 규칙이 {$who} 클라이언트에서 {$target} 쪽으로 한 주소 체계로만 나가게 한다: {$allowed}. {$missing} 주소로는 나갈 수 없다 — {$id} 엔드포인트는 듀얼 스택이므로 {$missing} 주소를 먼저 시도하는 클라이언트는 대체 경로를 기다린다(Happy Eyeballs는 잠시 후, 그 외에는 연결 시간 초과 후)
client-egress-pass = {$groups} 보안 그룹의 아웃바운드 규칙이 {$who} 클라이언트에서 {$target} 쪽으로 나가는 트래픽을 허용한다: {$allowed}

## traffic.* (src/checks/traffic.rs)

traffic-gateway-why = CloudWatch 지표를 게시하지 않는다(AWS/PrivateLinkEndpoints는 인터페이스 엔드포인트만 다룬다). 클라이언트 서브넷의 VPC 흐름 로그에 트래픽이 보인다
traffic-cross-region-na = PrivateLink는 리전 간 소비자에 대해 엔드포인트 지표를 게시하지 않는다(서비스는 {$region} 리전에 있다). 엔드포인트 네트워크 인터페이스의 VPC 흐름 로그에 트래픽이 보인다
traffic-fleet-na = 전체 엔드포인트 스캔은 지표를 읽지 않는다(엔드포인트마다 요청 하나씩이면 전체 규모만큼 늘어난다). 이 엔드포인트의 트래픽은 `vpce-doctor check {$target}`로 확인하세요
traffic-not-recorded = 기록되지 않음: 이 스냅샷에는 지표가 없다(트래픽 점검이 CloudWatch를 읽기 전에 만들어졌다). 실시간 실행에서는 지표를 읽는다
traffic-window-hours = 최근 {$n}시간
traffic-window-minutes = 최근 {$n}분
traffic-window-seconds = 최근 {$n}초
traffic-field-window = 기간
traffic-window-value = {$window} ({$start} → {$end}, {$period}초 단위)
traffic-reach-no-data = 데이터 없음: {$window} 동안 CloudWatch에 엔드포인트의 NewConnections 데이터 포인트가 없다(트래픽이 전혀 없거나 지표가 아직 게시되지 않음) — 데이터 포인트가 없는 것은 0과 다르다. 인터페이스에 도달한 트래픽은 VPC 흐름 로그에서 확인하세요
traffic-reach-none = {$window} 동안 트래픽이 엔드포인트에 전혀 도달하지 않았다: 새 연결 0개 — 지금 클라이언트가 실패한다면 DNS, 경로, 클라이언트 쪽을 확인하세요
traffic-reach-pass = 트래픽이 엔드포인트에 도달한다: {$window} 동안 새 연결 {$count}개(분당 최대 {$peak}개) — 그래도 클라이언트가 실패한다면 그 뒤(서비스, NLB, 대상)를 확인하세요
traffic-drops-no-data = 데이터 없음: {$window} 동안 CloudWatch에 엔드포인트의 PacketsDropped 데이터 포인트가 없다 — 데이터 포인트가 없는 것은 0과 다르다
traffic-drops-none = {$window} 동안 엔드포인트에서 버려진 패킷이 없다
traffic-drops-warn = {$window} 동안 엔드포인트가 패킷 {$count}개를 버렸다{$at} — 엔드포인트가 전달하지 못한 패킷이다(리스너가 없는 포트, 가득 찬 큐, 8500바이트를 넘는 MTU). endpoint.security_groups 및 nlb.listeners 점검과 비교하세요
traffic-endpoint-received-resets = 엔드포인트가 리셋 {$count}개를 받았다
traffic-resets-by = { $who ->
    [targets] 대상이 연결 {$count}개를 리셋했다(서비스의 애플리케이션이나 호스트가 연결을 닫는다: 그 로그를 확인하세요)
    [nlb] NLB가 연결 {$count}개를 리셋했다(NLB 유휴 제한 시간(기본 350초)을 넘긴 유휴 연결: 그보다 자주 TCP keepalive를 보내세요)
   *[clients] 클라이언트가 연결 {$count}개를 리셋했다
    }
traffic-resets-no-data = 데이터 없음: {$window} 동안 게시된 리셋 수가 없다 — 데이터 포인트가 없는 것은 0과 다르다
traffic-resets-none = {$window} 동안 리셋된 연결이 없다
traffic-resets-fail = {$window} 동안 연결이 만들어지는 만큼 리셋된다: 새 연결 {$new}개에 리셋 {$resets}개 — {$said}
traffic-resets-warn = {$window} 동안: {$said}
traffic-field-provider-side = 제공자 쪽
traffic-not-read = 읽지 못함: {$note}
traffic-flapping = {$label}: 기간 {$total}개 중 {$bad}개에서 비정상 호스트(최대 {$peak}, 마지막 {$last})
traffic-no-data-cell = 데이터 없음
traffic-hosts-no-data = 데이터 없음: {$window} 동안 NLB가 호스트 수를 게시하지 않았다 — 데이터 포인트가 없는 것은 0과 다르다
traffic-hosts-none-healthy = {$window}의 마지막 기간에 어느 가용 영역에도 정상 호스트가 없다: {$flapping}
traffic-hosts-flapping = {$window} 동안 호스트가 비정상이었던 적이 있다. 지금은 정상이어도 상태 확인이 오락가락한다: {$flapping}
traffic-hosts-pass = {$window} 동안 어느 가용 영역에도 비정상 호스트가 없었다
traffic-ports-fail = {$window} 동안 NLB를 거치는 연결 {$count}개가 소스 포트 부족으로 실패했다: NLB 주소 하나에서 한 대상으로 가는 연결이 너무 많다 — 더 많은 대상이나 대상 IP 주소로 분산하세요
traffic-ports-pass = {$window} 동안 포트 할당 오류가 없다
traffic-ports-unpublished = {$window} 동안 게시된 포트 할당 오류가 없다(NLB는 다른 지표를 게시했다)
traffic-ports-no-data = 데이터 없음: {$window} 동안 NLB가 지표를 게시하지 않았다 — 데이터 포인트가 없는 것은 0과 다르다

## traffic.flow_log_rejects (src/checks/flowlogs.rs)

flowlogs-not-cloudwatch = {$id} 흐름 로그는 {$kind}({$destination})에 게시된다: 이 도구는 CloudWatch Logs만 조회한다. 그곳에서 확인하세요(S3는 Athena)
flowlogs-accept-only = {$id} 흐름 로그는 허용된 트래픽만 기록한다: 거부 기록이 없다
flowlogs-no-reason = 사유 없음
flowlogs-delivery-failed = {$id}: 전송 실패(FAILED, {$reason}): 로그에 아무것도 없다
flowlogs-no-log-group = {$id} 흐름 로그에 로그 그룹이 지정되어 있지 않다
flowlogs-format-lacks = {$id}: 로그 형식에 {$fields} 필드가 없다: 거부된 출발지, 포트, 인터페이스를 읽을 수 없다
flowlogs-fleet = 전체 엔드포인트 스캔에서는 Logs Insights 쿼리를 실행하지 않는다(엔드포인트마다 실행하면 모든 로그 그룹을 다시 스캔한다). 이 엔드포인트의 REJECT는 `vpce-doctor check {$id}`로 확인하세요
flowlogs-not-queried = {$groups} ({ $format ->
    [custom] 사용자 지정 형식
   *[default] 기본 형식
    }) 조회하지 않음: 한 번 실행에 로그 형식은 최대 {$max}개까지 조회한다
flowlogs-field-flow-logs = 흐름 로그
flowlogs-col-flow-log = 흐름 로그
flowlogs-col-records = 기록 대상
flowlogs-col-traffic = 트래픽
flowlogs-col-destination = 목적지
flowlogs-col-status = 상태 / 전송
flowlogs-field-not-read = 읽지 못함
flowlogs-window = 최근 {$minutes}분 ({$start} – {$end})
flowlogs-window-incomplete = 최근 {$minutes}분 ({$start} – {$end}). 불완전: 쿼리가 제한 시간 {$secs}초 후에도 {$status} 상태였으므로 이 행은 로그에 있는 것보다 적을 수 있다
flowlogs-col-source = 출발지
flowlogs-col-port = 포트
flowlogs-col-interface = 인터페이스
flowlogs-col-rejects = 거부 수
flowlogs-gateway-why = 자체 네트워크 인터페이스가 없다. 클라이언트 서브넷의 흐름 로그에 트래픽이 보인다
flowlogs-none = {$id} 엔드포인트의 인터페이스, 서브넷, VPC를 기록하는 흐름 로그가 없다: 트래픽이 어떻게 되었는지 관찰할 수 없다(이 도구는 흐름 로그를 만들지 않는다)
flowlogs-none-on = 없음: {$resources}
flowlogs-field-look-later = 나중에 확인(읽기 전용)
flowlogs-field-once = 흐름 로그가 CloudWatch Logs에 게시되면(FLOW_LOG_GROUP 설정)
flowlogs-unqueried = {$id} 엔드포인트에 흐름 로그 {$count}개가 있지만 여기서 조회할 수 있는 것이 없다: {$notes}
flowlogs-skipped = {$id} 엔드포인트에 흐름 로그가 있다. {$note}
flowlogs-pass = {$window} 동안 {$id} 엔드포인트 인터페이스의 흐름 로그에 REJECT가 없다
flowlogs-pass-client = {$window} 동안 {$id} 엔드포인트 인터페이스의 흐름 로그에 {$clients}(--from) 관련 REJECT가 없다
flowlogs-query-unfinished = 확인 불가: Logs Insights 쿼리가 제때 끝나지 않았다({$window})
flowlogs-client-rejected = {$window} 동안 흐름 로그에서 {$id} 엔드포인트 인터페이스의 {$clients}(--from) 관련 REJECT {$total}건이 보였다: 보안 그룹 또는 네트워크 ACL이 이 트래픽을 버린다
flowlogs-client-rejected-off-path = {$window} 동안 흐름 로그에서 {$id} 엔드포인트 인터페이스의 {$clients}(--from) 관련 REJECT {$total}건이 보였지만, 서비스 포트 {$ports}에서는 하나도 없다: 이 경로의 트래픽이 아니다
flowlogs-rejected = {$window} 동안 흐름 로그에서 {$id} 엔드포인트 인터페이스의 REJECT {$total}건이 보였다: 일부 출발지가 차단된다(특정 클라이언트를 판단하려면 --from을 지정하세요)
flowlogs-field-window = 기간
flowlogs-table-rejected = 거부된 트래픽
flowlogs-no-reject-seen = {$window} 동안 REJECT가 없다
flowlogs-table-rejected-in = 흐름 로그: {$window} 동안 거부됨

## client.routes (src/checks/routes.rs)

routes-hop-local = {$destination} → local: 이 범위가 VPC 자체 범위와 겹쳐 트래픽이 VPC를 벗어나지 않는다
routes-hop-peering-onprem = {$destination} → {$target}(피어링 연결): 피어링은 전이되지 않으므로 온프레미스 트래픽은 이를 건너지 않는다
routes-hop-igw = {$destination} → {$target}(인터넷 게이트웨이): 트래픽이 클라이언트 네트워크가 아니라 인터넷으로 나간다
routes-hop-unnamed = {$destination} → 이름 없는 대상
routes-pcx-gone = {$id} 피어링 연결이 (더 이상) 존재하지 않는다
routes-pcx-other-vpcs = {$id} 피어링 연결은 {$far} - {$vpc} 사이가 아니라 {$a} - {$b} 사이를 잇는다
routes-pcx-no-state = {$id} 피어링 연결은 상태가 없고 active가 아니다: 아무것도 전달하지 않는다
routes-pcx-inactive = {$id} 피어링 연결은 {$status} 상태로 active가 아니다: 아무것도 전달하지 않는다
routes-main = 기본
routes-none = 없음
routes-route-propagated = {$destination} → {$target} ({$state}, 전파됨)
routes-own-vpc = --from으로 지정한 {$id} VPC는 엔드포인트 자신의 VPC이다: 로컬 경로가 양방향 트래픽을 전달한다
routes-inside-client = --from으로 지정한 {$other} 클라이언트는 엔드포인트 VPC의 클라이언트로 판단한다. 그곳에서는 로컬 경로가 트래픽을 전달한다. 다른 곳의 클라이언트 경로를 판단하려면 --from vpc-…(피어링 또는 전송 게이트웨이 VPC)나 onprem:CIDR를 지정하세요
routes-none-named = 다른 곳의 클라이언트가 지정되지 않았다: 양방향 경로를 판단하려면 --from vpc-…(피어링 또는 전송 게이트웨이 VPC)나 onprem:CIDR를 지정하세요
routes-gwlb-na = GatewayLoadBalancer 엔드포인트는 자신의 VPC에서 라우팅된 트래픽을 전달한다: gwlb.route_tables 점검이 판단한다
routes-gateway-endpoint = {$id} 엔드포인트는 게이트웨이 엔드포인트이다: {$vpc} VPC의 라우팅 테이블에만 쓰이며, 피어링 또는 전송 게이트웨이 VPC, VPN, Direct Connect에서 오는 트래픽은 이를 쓰지 않는다
routes-advice-interface-endpoint = {$vpc} 밖의 클라이언트에게는 {$service}의 인터페이스 엔드포인트({$vpc} 안의 것이나 클라이언트가 라우팅하는 공유 엔드포인트)가 필요하며, 그 주소로 접근해야 합니다.
routes-no-addresses = 확인 불가: {$id} 엔드포인트에 라우팅할 네트워크 인터페이스 주소가 없다
routes-no-family-cidr = 확인 불가: --from으로 지정한 {$far} VPC에 {$id} 엔드포인트 주소와 같은 주소 체계의 CIDR 블록이 없다
routes-onprem-clients = 온프레미스 클라이언트 {$net}
routes-no-table = 확인 불가: {$vpc} VPC의 어떤 라우팅 테이블도 엔드포인트 서브넷에 연결되어 있지 않다
routes-dir-back = 복귀: {$label}
routes-dir-to = 요청: {$id}
routes-through = {$gateway} 경유
routes-no-route = 경로 없음
routes-blackhole = 블랙홀({$target} 없음)
routes-pending = {$gateway} 승인 대기(pending-acceptance)
routes-pass-vpc = {$label} - {$id} 사이 경로가 양방향으로 있다: 주소로 가는 경로와 {$through} 경유로 돌아오는 경로{ $tgw ->
    [yes] {" "}(전송 게이트웨이 자체의 라우팅 테이블은 읽지 않았다)
   *[no] {""}
    }
routes-pass-onprem = 엔드포인트 서브넷의 라우팅 테이블이 {$label} 쪽 응답을 {$through} 경유로 보낸다{ $tgw ->
    [yes] {" "}(전송 게이트웨이 자체의 라우팅 테이블은 읽지 않았다)
   *[no] {""}
    }
routes-field-clients = 클라이언트
routes-table = 경로
routes-col-table = 라우팅 테이블
routes-col-subnets = 서브넷
routes-col-direction = 방향
routes-col-destination = 목적지
routes-col-route = 경로
routes-col-verdict = 판정
routes-toward-back = {$label} 쪽으로 가는 응답
routes-toward-to = {$id} 쪽으로 가는 요청
routes-kinds-vpc = 피어링 연결(pcx-…) 또는 전송 게이트웨이(tgw-…)
routes-kinds-onprem = 그 경로상의 가상 프라이빗 게이트웨이(vgw-…) 또는 전송 게이트웨이(tgw-…)
routes-fail-missing = {$table} 라우팅 테이블에 {$part} 경로가 없다: {$toward}이 버려진다
routes-fail-blackhole = {$table} 라우팅 테이블이 {$part} 트래픽을 블랙홀({$route})로 보낸다: {$toward}이 버려진다
routes-fail-wrong = {$table} 라우팅 테이블이 {$part} 트래픽을 경로 밖으로 보낸다({$why}): {$toward}이 도착하지 않는다
routes-advice-wrong = {$table}에서 {$part} 트래픽은 {$kinds}를 거쳐야 합니다. 지금 VPC 라우터가 고르는 경로는 {$why}입니다.
routes-fail-pending = {$table} 라우팅 테이블이 {$part} 트래픽을 {$gateway} 쪽으로 보내는데, 이 연결은 승인 대기(pending-acceptance) 상태라 승인될 때까지 아무것도 전달하지 않는다: {$toward}이 버려진다
routes-warn-opaque = {$table} 라우팅 테이블이 {$part} 트래픽을 {$through} 경유로 보내는데, 이 점검은 그 너머를 볼 수 없다: 그쪽이 전달해 줄 때만 {$toward}이 도착한다
routes-advice-add = 두 네트워크를 잇는 {$kinds}를 거쳐 {$table}에 {$want} 경로를 추가하세요: 아직 어느 쪽 경로도 이를 쓰지 않아 도구가 게이트웨이를 특정할 수 없습니다.

# checks-b 메시지. 용어: checks/ko/GLOSSARY.md.

## sg.rs: 엔드포인트의 보안 그룹, 그리고 규칙 점검이 함께 쓰는 클라이언트와 포트

sg-or = {" "}또는{" "}
sg-origin-nlb-listeners = NLB 리스너 기준
sg-origin-service-ports = {$service}의 포트 기준. 클라이언트가 쓰는 포트를 --port로 지정하세요
sg-origin-service-ports-any = {$service}의 포트 기준이며 클라이언트는 그중 하나를 쓴다. 클라이언트가 쓰는 포트를 --port로 지정하세요
sg-origin-default = 기본값: 443 (다른 포트는 --port로 지정하세요)
sg-source-client-group-var = 클라이언트의 보안 그룹($CLIENT_SG)
sg-source-client-cidr-var = 클라이언트의 주소 범위($CLIENT_CIDR)
sg-from-subnet-not-in-vpc = 확인 불가: --from으로 지정한 서브넷({$id})이 {$vpc} VPC에 없다
sg-from-vpc-no-cidr = 확인 불가: --from으로 지정한 VPC({$id})에 CIDR 블록이 없다
sg-from-instance-not-found = 확인 불가: --from으로 지정한 인스턴스({$id})를 소비자 계정에서 찾을 수 없다
sg-from-eni-not-found = 확인 불가: --from으로 지정한 네트워크 인터페이스({$id})를 소비자 계정에서 찾을 수 없다
sg-label-on-prem = 온프레미스 클라이언트 {$net} (--from)
sg-label-instance = 인스턴스 {$id} ({$addrs}; {$groups}) (--from)
sg-label-eni = 네트워크 인터페이스 {$id} ({$addrs}; {$groups}) (--from)
sg-label-group-no-members = 보안 그룹 {$sg} (--from, 멤버 인터페이스 없음)
sg-label-group-members = 보안 그룹 {$sg} (--from, 멤버 {$members})
sg-src-outside = {$cidr} (VPC 외부)
sg-src-group = 보안 그룹 {$group}
sg-src-own-group = 보안 그룹 {$group} (엔드포인트 자신의 그룹: 그 멤버만)
sg-src-prefix-list = 접두사 목록 {$list}
sg-src-unused = {$cidr} (VPC의 어느 서브넷에도 속하지 않음)
sg-src-nothing = 없음
sg-admitted-by-group = 보안 그룹 {$group} 참조로 허용
sg-admitted-by-range = 주소 범위 {$ranges}에서 허용
sg-no-group-attached = {$endpoint} 엔드포인트에 연결된 보안 그룹이 없다
sg-field-missing-groups = 찾을 수 없는 보안 그룹
sg-field-ports = 포트
sg-field-clients = 클라이언트
sg-clients-not-named = 지정하지 않음 (특정 클라이언트를 판단하려면 --from sg-…, i-…, subnet-… 또는 CIDR을 지정하세요)
sg-table-inbound-rules = 인바운드 규칙
sg-col-group = 보안 그룹
sg-col-protocol = 프로토콜
sg-col-ports = 포트
sg-col-source = 소스
sg-no-outbound-rules = 아웃바운드 규칙 없음: 나가는 트래픽이 없다
sg-no-inbound-rules = 인바운드 규칙 없음
sg-group-list = { $n ->
   *[other] 보안 그룹 {$ids}
}
sg-port-prefix-lists = {$port} (접두사 목록 {$lists})
sg-named-no-ipv6 = {$v4}. 그러나 IPv6로는 허용되지 않는다 — {$endpoint} 엔드포인트는 듀얼 스택이고 이름에 AAAA 레코드가 있다: {$v6}. 클라이언트는 IPv4 폴백을 기다리며(Happy Eyeballs는 잠시 후, 나머지는 연결 타임아웃 후), IPv4가 없으면 전혀 연결할 수 없다
sg-named-denied = { $n ->
   *[other] {$groups}에 {$client}의 {$ports} 트래픽을 허용하는 규칙이 없다
}
sg-named-prefix-lists = 확인 불가: {$client} 클라이언트가 {$ports}에서 허용되는지 판단할 수 없다. 관리형 접두사 목록만 그 주소를 포함할 수 있는데, 목록 항목은 읽지 않는다
sg-port-only-from-group = {$port}: 보안 그룹 {$groups}에서만 허용
sg-named-groups-only = { $n ->
   *[other] {$groups}의 허용: {$what}. {$client} 클라이언트는 주소 범위로 허용되지 않으며, 해당 그룹의 멤버인 클라이언트만 통과한다 (그룹 기준으로 판단하려면 --from sg-… 또는 i-…를 지정하세요)
}
sg-named-no-members = { $n ->
   *[other] {$groups}에서 {$ports}에 대해 {$who} 참조가 없고, 이 그룹에는 주소 범위 규칙으로 판단할 멤버 인터페이스가 없다. 멤버는 주소가 주소 범위 규칙에 속할 때만 허용된다
}
sg-named-pass = { $n ->
   *[other] {$groups}에서 {$client} 클라이언트를 허용한다: {$admitted}
}
sg-named-pass-not-all = { $n ->
   *[other] {$groups}에서 {$client} 클라이언트를 허용한다: {$admitted} ({$missing} 포트는 허용하지 않는다. 클라이언트가 이 포트를 쓴다면 --port로 지정하세요)
}
sg-ipv4-ranges-admit-nobody = (IPv4 범위 {$ranges}에서는 아무도 허용되지 않는다: {$endpoint} 엔드포인트는 IPv6 전용이다)
sg-any-no-ipv6 = {$v4}. 그러나 IPv6는 다르다 — {$endpoint} 엔드포인트는 듀얼 스택이고 이름에 AAAA 레코드가 있는데, {$v6}. IPv6를 우선하는 클라이언트는 IPv4 폴백을 기다리고(Happy Eyeballs는 잠시 후, 나머지는 연결 타임아웃 후) IPv6 전용 클라이언트는 연결할 수 없다
sg-subject-admits = { $n ->
   *[other] {$groups}의 인바운드 허용
}
sg-port-from-sources = {$port} (소스: {$sources})
sg-port-from-no-source = {$port}: 허용하는 소스 없음 (이를 허용하는 규칙이 없다)
sg-port-only-unused = {$port}: {$ranges}에서만 허용되는데, {$vpc} VPC의 해당 범위에는 서브넷이 없어 어떤 클라이언트도 그 주소를 가질 수 없다
sg-subject-none = {$subject}: {$what}
sg-not-open = ; {$ports} 포트는 허용하지 않음 (클라이언트가 이 포트를 쓴다면 --port로 지정하세요)
sg-why-no-client-inside = {$vpc} VPC 내부의 클라이언트는 허용되지 않는다 (클라이언트가 피어링된 네트워크나 온프레미스에서만 온다면 정상이다)
sg-why-own-group-only = 엔드포인트 자신의 보안 그룹 멤버만 허용된다 (기본 보안 그룹의 패턴): 다른 그룹의 클라이언트는 타임아웃된다
sg-subject-limited = {$subject}: {$sources}{$not_open}: {$why}. 특정 클라이언트를 판단하려면 --from을 지정하세요
sg-subject-open = {$subject}: {$sources}{$not_open}. 특정 클라이언트를 판단하려면 --from을 지정하세요

## dns.rs: 엔드포인트 자체 DNS 이름과 서비스의 프라이빗 DNS 이름

dns-answer-no-records = {$record} 레코드 없음
dns-answer-timeout = 시간 초과
dns-answer-error = 오류: {$message}
dns-answer-truncated = 잘림(TC), TCP 응답 없음
dns-verdict-ok = 정상
dns-verdict-no-records = 레코드 없음
dns-verdict-truncated = 잘림
dns-verdict-foreign = 다른 주소 {$ips}
dns-verdict-missing = 누락 {$ips}
dns-no-aaaa = {$name} 이름에 AAAA 레코드가 없다. 엔드포인트의 DNS 레코드에 IPv6가 포함되어 있으므로 IPv6 클라이언트는 주소를 받지 못한다
dns-does-not-resolve = {$name} 이름이 확인되지 않는다 ({$verdict})
dns-no-answer = DNS 서버가 {$name}에 응답하지 않았다
dns-lookup-failed = {$name} 조회에 실패했다: {$message}
dns-servfail = DNS 서버가 {$name}에 SERVFAIL로 응답했다 (서버 자신도 확인하지 못했다)
dns-truncated = {$name}에 대한 DNS 응답이 UDP에서 잘렸고 서버가 TCP로 응답하지 않았다
dns-foreign = {$name} 이름이 엔드포인트의 것이 아닌 주소로 확인된다: {$foreign}
dns-foreign-and-missing = {$name} 이름이 엔드포인트의 것이 아닌 주소로 확인된다: {$foreign} (빠진 주소: {$missing})
dns-missing = {$name} 이름의 응답에 엔드포인트 주소가 빠져 있다: {$missing}
dns-could-not-check = 확인 불가: {$why}
dns-col-name = 이름
dns-col-expected = 기대값
dns-col-answer = 응답
dns-col-verdict = 판정
dns-no-endpoint-names = 확인 불가: {$endpoint} 엔드포인트에 엔드포인트 DNS 이름이 없다
dns-endpoint-names-ok = 엔드포인트 DNS 이름 {$count}개가 인터페이스 주소로 확인된다: {$ips}{$records}
dns-table-endpoint-names = 엔드포인트 DNS 이름
dns-server = 서버 {$server}
dns-system-resolver = 시스템 해석기
dns-records-note = ({$records} 레코드)
dns-and = {" "}및{" "}
dns-private-disabled = 엔드포인트에서 프라이빗 DNS가 비활성화되어 있다 (endpoint.private_dns_enabled 참고)
dns-vantage-server = 해석기 {$server} (--dns-server), VPC에서 보이는 대로 판단함
dns-outside-vpc = 이 머신의 위치({$detail})에서는 {$name} 이름이 설계상 다른 곳으로 확인된다. VPC 안의 인스턴스에서 실행하거나, VPC와 같은 응답을 주는 해석기(예: Route 53 Resolver 인바운드 엔드포인트)를 --dns-server로 지정하세요
dns-vantage-system = {$detail} (시스템 해석기)
dns-field-vantage = 조회 위치
dns-private-ok = {$name} 이름이 엔드포인트 주소로 확인된다: {$ips}{$records}
dns-table-private-name = 프라이빗 DNS 이름
dns-answering-layer = {$summary} — 대신 응답하는 해석기 계층: {$layer}
dns-inbound-only-endpoint = {$name} 이름이 엔드포인트 주소로 확인된다. 이 해석기는 Route 53 Resolver 인바운드 엔드포인트처럼 응답한다 ({$endpoint}의 프라이빗 DNS는 인바운드 엔드포인트에만 응답한다)
dns-inbound-only-public = {$name} 이름이 서비스의 퍼블릭 주소로 확인된다. {$endpoint}의 프라이빗 DNS가 인바운드 Resolver 엔드포인트 전용일 때 VPC 자체 해석기는 이렇게 응답한다. VPC 안의 클라이언트는 게이트웨이 엔드포인트로, 온프레미스 클라이언트는 이 인터페이스 엔드포인트로 서비스에 접근한다
dns-source-server = 해석기 {$server} (--dns-server)
dns-vpc-answer = {$name} → {$answer} (엔드포인트 주소 {$expected}), 조회: {$source}

## dns_traps.rs: 겹치는 영역과 엔드포인트, DHCP 옵션, 도메인 확인 TXT 레코드

traps-zone-same-name = {$domain}에 대한 프라이빗 호스팅 영역({$zone}, {$zone_id})이 {$vpc} VPC에 연결되어 있다. 엔드포인트의 프라이빗 DNS와 같은 이름을 차지하므로 VPC 해석기는 이 영역에서 응답한다 (응답하는 계층은 dns.resolution_path 참고)
traps-rel-same-name-conflict = 같은 이름: 충돌
traps-rel-same-name-off = 같은 이름: 프라이빗 DNS(꺼져 있음) 대신 응답
traps-rel-inside-off = 이름의 하위 영역: 해당 이름에 응답 (프라이빗 DNS 꺼짐)
traps-zone-inside = 프라이빗 호스팅 영역({$zone}, {$zone_id})이 {$domain}의 하위에 있어 {$vpc} VPC에서 해당 이름들을 가린다
traps-rel-inside = 프라이빗 DNS 이름의 하위 영역: 일부 이름을 가림
traps-rel-parent = 상위 영역: 더 구체적인 프라이빗 DNS 영역이 우선
traps-rel-unrelated = 관계없음
traps-rival-endpoint = 같은 서비스의 엔드포인트 {$other}도 {$vpc} VPC에서 프라이빗 DNS를 사용한다. {$domain} 이름은 하나만 가질 수 있다
traps-rel-rival = 프라이빗 DNS를 쓰는 두 번째 엔드포인트: 충돌
traps-own-zones-serve = {$endpoint} 엔드포인트의 프라이빗 DNS가 꺼져 있다. {$vpc} VPC에서 직접 만든 프라이빗 호스팅 영역이 {$domain} 이름을 제공하며, 충돌하는 것은 없다
traps-nothing-claims = {$vpc} VPC에서 {$domain} 이름을 차지하는 다른 것이 없다 (연결된 프라이빗 호스팅 영역 {$count}개)
traps-table-zones = VPC의 프라이빗 호스팅 영역과 엔드포인트
traps-col-name = 이름
traps-col-zone-endpoint = 영역 / 엔드포인트
traps-col-owner = 소유자
traps-col-relation = 관계
traps-dhcp-no-private-name = 클라이언트는 엔드포인트 전용 이름을 쓰며, 이 이름은 어느 해석기에서든 퍼블릭 DNS로 확인된다
traps-dhcp-no-zone = 프라이빗 DNS가 꺼져 있고 이 이름을 제공하는 프라이빗 호스팅 영역도 없다. 클라이언트는 엔드포인트 전용 이름을 쓰며, 이 이름은 어느 해석기에서든 퍼블릭 DNS로 확인된다
traps-dhcp-none = {$vpc} VPC에 DHCP 옵션 세트가 없다. 인스턴스는 AmazonProvidedDNS({$resolver})를 사용한다
traps-field-dhcp-options = DHCP 옵션
traps-field-vpc-resolver = VPC 해석기
traps-dhcp-amazon = {$id} 옵션은 인스턴스에 AmazonProvidedDNS({$resolver})를 주며, 이 해석기가 프라이빗 DNS 레코드를 제공한다
traps-dhcp-mixed = {$id} 옵션은 인스턴스에 AmazonProvidedDNS와 사용자 지정 DNS 서버를 섞어 준다: {$servers}
traps-dhcp-custom = {$id} 옵션은 인스턴스에 사용자 지정 DNS 서버를 준다: {$servers}
traps-forward-works = {$servers}. {$source} 경유로 {$name} 이름이 엔드포인트 주소로 확인된다: 전달이 정상 동작한다
traps-forward-missing = {$servers}. {$source} 경유로 {$name} 이름이 엔드포인트 주소로 확인되지 않는다. 이 서버들이 {$domain} 도메인을 VPC 해석기({$resolver})로 전달해야 한다 — 응답하는 계층은 VPC 해석기보다 앞선 이 서버들이다 (VPC 해석기의 응답은 dns.resolution_path 참고)
traps-forward-missing-mixed = {$servers}. {$source} 경유로 {$name} 이름이 엔드포인트 주소로 확인되지 않는다. 이 서버들이 {$domain} 도메인을 VPC 해석기({$resolver})로 전달해야 한다 (클라이언트는 어느 서버에나 물을 수 있다) — 응답하는 계층은 VPC 해석기보다 앞선 이 서버들이다 (VPC 해석기의 응답은 dns.resolution_path 참고)
traps-forward-unseen = {$servers}. 이 서버들이 {$domain} 도메인을 VPC 해석기({$resolver})로 전달하면 제공되지만, 여기서는 확인할 수 없다: --dns-server {$server} 옵션으로 확인하세요
traps-field-answer = 응답
traps-txt-no-record = TXT 레코드 없음
traps-txt-no-name = {$service} 서비스에 프라이빗 DNS 이름이 없다
traps-txt-verified = {$name} 이름은 확인(검증) 완료 상태이다: TXT 레코드의 역할은 끝났다
traps-field-verification-state = 확인 상태
traps-txt-no-record-config = 확인 불가: 서비스 구성에 {$name}에 대한 TXT 레코드 이름과 값이 없다
traps-txt-published = TXT 레코드가 {$at}에 올바르게 게시되어 있다. {$name} 이름은 아직 {$state} 상태이다: 도메인 확인을 시작하세요
traps-txt-doubled = TXT 레코드가 도메인이 중복된 이름 {$at}에 게시되어 있다: DNS 제공자가 이미 영역 이름이 포함된 이름에 영역 이름을 한 번 더 붙였다
traps-txt-wrong = {$at}에 {$held} 값이 있지만 도메인 확인에는 "{$value}" 값이 필요하다
traps-txt-wrong-case = {$at}에 {$held} 값이 있지만 도메인 확인에는 "{$value}" 값이 필요하다 (대소문자만 다르다: DNS 제공자가 값의 대소문자를 바꿨다)
traps-txt-unanswered = 확인 불가: {$names}에 대한 응답이 없다 (TXT 레코드는 퍼블릭 DNS에 있어야 한다)
traps-txt-missing = 퍼블릭 DNS에 TXT 레코드({$expected} = "{$value}")가 없어 {$name} 이름은 {$state} 상태로 남는다
traps-field-expected-record = 기대 레코드
traps-field-looked-up-through = 조회 경로
traps-the-system-resolver = 시스템 해석기
traps-table-txt = TXT 조회

## resolution.rs: 구성으로 예측한 VPC 해석기의 계층

res-via-profile = (Profile {$profile} 경유)
res-layer-client = 클라이언트
res-client-asks = {$client}: {$name} {$record} → {$vpc} VPC의 해석기
res-layer-vpc-attributes = VPC DNS 속성
res-attributes-off = {$vpc} VPC에서 {$attributes} 값이 false이다: 프라이빗 호스팅 영역과 엔드포인트의 프라이빗 DNS가 제공되지 않는다
res-layer-rule = Resolver 규칙
res-layer-rules = Resolver 규칙
res-no-target = (대상 없음)
res-rule-forward = {$rule} FORWARD {$domain} → {$targets}{$via}: {$name}에 가장 구체적으로 일치하는 규칙이며, 쿼리는 VPC 해석기를 떠난다{$never}
res-rule-local = {$rule} {$kind} {$domain}{$via}: 해석기가 {$name} 이름에 직접 응답한다
res-rule-less-specific = {$rule} FORWARD {$domain} 규칙은 덜 구체적이다: {$name}에는 쓰이지 않는다
res-rule-less-specific-than-zone = {$rule} FORWARD {$domain} 규칙은 {$zone} 영역보다 덜 구체적이다: {$name}에는 쓰이지 않는다
res-nothing-holds = 이 이름을 가진 Resolver 규칙이나 프라이빗 호스팅 영역이 없다
res-never-consulted = ({$zones} 영역은 조회되지 않음)
res-zone-endpoint = {$endpoint} 엔드포인트의 프라이빗 DNS ({$zone})
res-zone-hosted = 프라이빗 호스팅 영역 {$zone} ({$id})
res-fw-rule-at = {$group} 규칙 그룹(우선순위 {$priority})의 {$rule} 규칙{$via}
res-fw-block = {$at}: {$name} 이름을 BLOCK하고(목록 항목 {$entry}) {$response} 응답을 준다
res-fw-pass = {$at}: {$name} 이름에 {$action} 동작을 적용한다(목록 항목 {$entry}): 이후의 방화벽 규칙은 조회되지 않는다
res-fw-none = 연결된 규칙 그룹이 없다
res-fw-no-match = 규칙 그룹 {$count}개: 이 이름에 해당하는 규칙이 없다
res-fw-unread = 규칙 그룹 {$count}개: 읽을 수 있는 규칙 중 이 이름에 해당하는 것이 없다. 읽지 못한 것: {$unread}
res-layer-recursion = 재귀 조회
res-public-endpoint-name = 퍼블릭 DNS에 {$name} 이름이 있다: 엔드포인트 자체 레코드
res-public-other = 퍼블릭 DNS가 {$name}에 응답한다: 엔드포인트의 프라이빗 주소가 아니다
res-layer-endpoint-dns = 엔드포인트 프라이빗 DNS
res-layer-hosted-zone = 프라이빗 호스팅 영역
res-zone-holds-only = {$zone} 이름만 가진다: NXDOMAIN
res-zone-answers = 응답: {$ips}
res-zone-answers-other = {$endpoint} 엔드포인트의 주소로 응답: {$ips}
res-zone-unread = 레코드를 읽을 수 없다
res-zone-no-record = 영역에 {$name} 레코드가 없다: NXDOMAIN (해석기는 더 찾지 않는다)
res-record-endpoint = {$says}: 엔드포인트
res-record-not-endpoint = {$says}: 엔드포인트가 아님
res-no-address = (주소 없음)
res-answer-endpoint = 엔드포인트의 주소
res-answer-other-endpoint = {$endpoint} 엔드포인트의 주소 (이 엔드포인트가 아님)
res-answer-nodata = 레코드 없음 (NODATA)
res-answer-forwarded = { $count ->
   *[other] {$targets}의 응답 그대로
}
res-answer-public-endpoint = 엔드포인트의 주소 (퍼블릭 레코드)
res-answer-public = 퍼블릭 응답
res-answer-unread = 확인 불가 (레코드를 읽지 않음)
res-layer-answer = 응답

## nacl.rs: 엔드포인트(및 클라이언트) 서브넷의 네트워크 ACL

nacl-no-acl-covers = 확인 불가: {$vpc} VPC에 {$subnet} 서브넷을 포함하는 네트워크 ACL이 없다
nacl-clients-not-named = 지정하지 않음 (특정 클라이언트와 그 서브넷의 ACL을 판단하려면 --from을 지정하세요)
nacl-table-entries = ACL 항목
nacl-col-dir = 방향
nacl-col-rule = 규칙
nacl-col-action = 동작
nacl-outbound = 아웃바운드
nacl-inbound = 인바운드
nacl-rule-n = 규칙 {$rule}
nacl-final-rule = 마지막 * 규칙 (일치하는 규칙 없음)
nacl-col-subnet = 서브넷
nacl-col-subnets = 서브넷
nacl-col-direction = 방향
nacl-col-peer = 상대
nacl-col-verdict = 판정
nacl-table-must-pass = 통과해야 하는 트래픽
nacl-none-of-ports = 네트워크 ACL이 {$client} 클라이언트를 어느 포트({$ports})로도 통과시키지 않는다
nacl-v6-fallback = — {$endpoint} 엔드포인트는 듀얼 스택이고 이름에 AAAA 레코드가 있으며 IPv4는 통과한다: {$client} 클라이언트는 IPv4 폴백을 기다린다(Happy Eyeballs는 잠시 후, 나머지는 연결 타임아웃 후)
nacl-what-requests = {$port} 요청
nacl-what-replies = 임시 포트로 가는 응답
nacl-what-client-requests = 엔드포인트로 가는 클라이언트의 {$port} 요청
nacl-what-endpoint-replies = 엔드포인트에서 임시 포트로 가는 응답
nacl-allowed = 허용
nacl-uncommon-ephemeral = {$subnet} 서브넷의 {$acl}에서 {$dir} 응답(대상 {$peer})을 포트 {$lo}-{$hi}에서만 통과시킨다: Linux(32768-60999)와 Windows(49152-65535) 클라이언트는 동작하지만, 더 낮은 임시 포트를 쓰는 클라이언트(NAT 게이트웨이, Lambda 함수, 로드 밸런서, 오래된 시스템: 1024-65535)는 동작하지 않는다
nacl-denies = {$subnet} 서브넷의 {$acl}에서 {$dir} 트래픽을 거부한다: {$what} ({ $side ->
    [to] 대상
   *[from] 출발지
} {$net}, 포트 {$ports}): {$rule}
nacl-allowed-common-only = 32768-65535만 허용
nacl-denied-by = 거부: {$rule}
nacl-client-pass = {$subnets} 서브넷의 네트워크 ACL이 {$client} 클라이언트의 {$ports} 요청을 들여보내고 응답을 내보낸다
nacl-client-pass-both-sides = {$subnets} 서브넷의 네트워크 ACL이 {$client} 클라이언트의 {$ports} 요청을 들여보내고 응답을 내보내며, 클라이언트 쪽 서브넷 {$client_subnets}도 통과시킨다
nacl-more-ranges = 그 밖의 범위 {$count}개
nacl-nowhere = 없음
nacl-anyone-warn = {$warns}. 특정 클라이언트와 그 서브넷의 ACL을 판단하려면 --from을 지정하세요
nacl-anyone-pass = {$subnets} 서브넷의 네트워크 ACL이 요청을 들여보내고 응답을 내보낸다 ({$admitted}). 특정 클라이언트와 그 서브넷의 ACL을 판단하려면 --from을 지정하세요
nacl-acl-on = {$subnets} 서브넷의 {$acl}: {$why}
nacl-both = 양방향
nacl-any-client = 모든 클라이언트
nacl-admitted = {$acl}: {$port} (소스: {$sources})
nacl-replies-common-only = {$subnets} 서브넷의 {$acl}에서 응답을 포트 32768-65535로만 내보낸다: Linux(32768-60999)와 Windows(49152-65535) 클라이언트는 동작하지만, 더 낮은 임시 포트를 쓰는 클라이언트(NAT 게이트웨이, Lambda 함수, 로드 밸런서, 오래된 시스템: 1024-65535)는 동작하지 않는다
nacl-no-subnet-admitted = {$subnets} 서브넷의 {$acl}에서 {$vpc} VPC의 어느 서브넷에서도 {$port} 트래픽을 허용하지 않는다 (클라이언트가 피어링된 네트워크나 온프레미스에서만 온다면 정상이다)
nacl-replies-common-only-any = {$subnets} 서브넷의 {$acl}에서 응답을 포트 32768-65535로만 내보낸다: 더 낮은 임시 포트를 쓰는 클라이언트(NAT 게이트웨이, Lambda 함수, 로드 밸런서, 오래된 시스템)는 응답을 받지 못한다
nacl-no-ipv6 = {$subnets} 서브넷의 {$acl}에서 IPv6 클라이언트를 통과시키지 않는다 ({$why}). 엔드포인트는 AAAA 레코드가 있는 듀얼 스택이므로, IPv6를 우선하는 클라이언트는 IPv4 폴백을 기다리고 IPv6 전용 클라이언트는 연결할 수 없다
nacl-any-ipv6 = 모든 IPv6 주소
nacl-anywhere = 모든 곳
nacl-verdict-full = 요청과 응답 모두 허용: {$sources}
nacl-verdict-common = 포트 32768-65535로만 응답: {$sources}
nacl-and-replies-denied = ; 임시 포트로 가는 아웃바운드 응답도 거부: {$rule}
nacl-denies-inbound = 인바운드 {$port} 거부 (소스: {$anywhere}): {$rule}{$replies}
nacl-denies-replies = 임시 포트로 가는 아웃바운드 응답 거부 (대상: {$anywhere}): {$rule}
nacl-no-both = {$port} 요청은 {$inbound}에서만 들어오고 응답은 {$outbound} 대상으로만 나간다: 두 방향을 모두 통과하는 클라이언트가 없다

## dns_path.rs: 클라이언트의 해석기가 프라이빗 이름을 보내는 곳

path-no-name = {$endpoint} 엔드포인트에 확인할 DNS 이름이 없다
path-inbound-only = {$endpoint} 엔드포인트의 프라이빗 DNS는 Resolver 인바운드 엔드포인트를 거쳐 온 쿼리에만 응답한다: {$vpc} VPC의 클라이언트는 {$name} 이름을 퍼블릭으로 확인하고 게이트웨이 엔드포인트로 서비스에 접근한다 (endpoint.gateway_companion). 온프레미스 클라이언트는 --from onprem:CIDR로 점검하세요
path-clients-in = {$vpc} VPC의 클라이언트 ({$how})
path-attributes-off = {$vpc} VPC에서 {$attributes} 값이 false이다: 해석기가 프라이빗 호스팅 영역으로 응답하지 않는다 (enableDnsSupport가 꺼져 있으면 아예 응답하지 않는다)
path-could-not-read = (읽지 못함: {$what})
path-observed-despite-prediction = {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$endpoint} 엔드포인트의 주소로 확인된다 (관측). 구성으로는 다르게 예측된다 ({$layer}: {$says}) — 관측된 응답이 우선하며, 도구가 읽을 수 없는 무언가가 응답하고 있다
path-observed-reaches = {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$endpoint} 엔드포인트의 주소로 확인된다 (관측): 응답 계층은 {$layer}
path-observed-not-predicted = 조회한 곳에서 {$name} 이름이 {$endpoint} 엔드포인트로 확인되지 않지만, 구성으로는 확인된다고 예측된다 (응답 계층: {$layer}): 도구가 읽을 수 없는 무언가가 응답하고 있다 — 호스트의 해석기, /etc/hosts, VPC 외의 DNS 서버, 또는 클라이언트의 해석기가 아닌 --dns-server (private_dns.resolves 참고){$caveat}
path-unread-layers = 확인 불가: 지금까지 읽은 구성으로는 {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$endpoint} 엔드포인트에 닿지 않지만(결정 계층: {$layer}), 일부 계층을 읽지 못했다{$caveat}
path-does-not-reach = {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$endpoint} 엔드포인트에 닿지 않는다 ({ $basis ->
    [observed] 관측
   *[other] 예측
}): {$cause}{$caveat}
path-predicted-reaches = {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$endpoint} 엔드포인트로 확인된다 (구성으로 예측, 그곳의 DNS 응답 없음): 응답 계층은 {$layer}{$caveat}
path-other-endpoint = {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$other} 엔드포인트의 주소로 확인된다: 클라이언트는 이 엔드포인트가 아닌 {$other} 엔드포인트로 서비스에 접근한다
path-cause-firewall = {$group}의 DNS Firewall 규칙 {$rule}에서 다른 계층보다 먼저 이 이름을 차단한다 (도메인 목록 항목 {$entry})
path-cause-rule = Resolver 규칙 {$rule}에서 {$domain} 도메인을 전달한다(대상: {$targets}): 엔드포인트의 프라이빗 이름이 VPC 해석기의 영역에 닿지 않는다
path-cause-zone = 프라이빗 호스팅 영역({$zone}, {$zone_id})이 응답하며, {$endpoint} 엔드포인트의 주소가 아니다
path-cause-endpoint-zone = 프라이빗 DNS 영역 {$zone}의 응답: {$says}
path-cause-recursion = 클라이언트의 해석기에 이 이름을 가진 것이 없다 (프라이빗 호스팅 영역, Resolver 규칙, Profile, 엔드포인트 프라이빗 DNS 모두 없음): {$endpoint} 엔드포인트가 아닌 퍼블릭 DNS가 응답한다
path-records-unread = 확인 불가: {$name}에 응답하는 {$layer}의 레코드를 읽을 수 없다{$caveat}
path-forwards-public-name = Resolver 규칙 {$rule}에서 {$vpc} VPC 클라이언트의 {$name} 쿼리를 {$targets} 서버로 전달한다: 그 서버가 퍼블릭 이름을 확인할 때만 확인된다{$caveat}
path-forwarded-away = {$vpc} VPC의 클라이언트에게 {$name} 이름이 {$endpoint} 엔드포인트에 닿지 않는다 (예측): {$cause} — 그 서버들이 엔드포인트의 프라이빗 DNS를 가진 VPC의 Resolver 인바운드 엔드포인트로 다시 보내지 않는 한 그렇다{$caveat}
path-field-see-answer = 응답 확인 방법

## nacl.rs: 게이트웨이 엔드포인트의 클라이언트 서브넷

nacl-gateway-needs-from = {$endpoint} 엔드포인트는 게이트웨이 엔드포인트이다: 자체 서브넷이 없고 경로에는 클라이언트 서브넷의 ACL만 있다. 클라이언트 서브넷의 ACL을 {$service}의 주소 범위와 비교하려면 --from(인스턴스, 인터페이스, 서브넷 또는 주소)을 지정하세요
nacl-no-prefix-list = 확인 불가: 이 리전에 {$service} 이름의 관리형 접두사 목록이 없어 ACL이 허용해야 할 주소 범위를 알 수 없다
nacl-client-no-subnet = {$client} 클라이언트는 {$vpc} VPC의 어느 서브넷에도 없다: {$service} 서비스로 가는 경로에 그 ACL이 없다
nacl-what-service-requests = {$service} 서비스로 가는 {$port} 요청
nacl-gateway-pass = {$subnets} 서브넷의 네트워크 ACL이 {$client} 클라이언트의 트래픽을 {$list} 접두사 목록의 모든 범위({$cidrs})로 내보내고 응답을 들여보낸다
nacl-field-prefix-list = 접두사 목록

## 엔드포인트 유형에 해당 점검이 없는 이유 (check-endpoints-why)

dns-why-no-names = 자체 DNS 이름이 없다
path-why-no-name = 자체 DNS 이름이 없다
traps-why-no-resolver = VPC 해석기에 의존하지 않는다
nacl-why-no-interfaces = 서브넷에 네트워크 인터페이스가 없다. 클라이언트 서브넷의 ACL이 서비스의 퍼블릭 주소 범위를 허용해야 한다
sg-why-no-groups = 보안 그룹이 없다. 접근은 라우팅과 엔드포인트 정책이 제어한다

## locate.rs: 증상에서 시작하는 엔드포인트 찾기

locate-private-name-unknown = {$name} 이름이 {$endpoint} 엔드포인트({$service})의 프라이빗 DNS 이름인지 알 수 없다: {$reason}

## targets.rs: 클라이언트를 지정하지 않았을 때 로드 밸런서의 보안 그룹

targets-origin-listeners = 리스너 기준
targets-subject-enforced-admits = {$subject} 보안 그룹(PrivateLink 트래픽에 적용)의 인바운드 허용

## dns_path.rs: 응답, 관측된 응답, 온프레미스 클라이언트

path-answer-no-records = 레코드 없음
path-answer-timeout = 응답 없음 (타임아웃)
path-answer-truncated = 잘린 응답
path-answer-error = 오류 ({$message})
path-observed-row = {$name} → {$answer} (조회: {$source})
path-onprem-clients = 온프레미스 클라이언트 {$net} (자체 DNS 서버 경유)
path-onprem-no-inbound = 계정에 Route 53 Resolver 인바운드 엔드포인트가 없다: 온프레미스 DNS 서버가 {$zone} 영역을 전달할 곳이 없어, {$net} 대역에서는 {$name} 이름이 퍼블릭으로 확인되고 {$endpoint} 엔드포인트로는 절대 확인되지 않는다
path-says-none-in-account = 계정에 없음
path-says-public-answer = 퍼블릭 응답
path-says-forwarder = 온프레미스 DNS 서버가 {$zone} 영역을 {$ips}(으)로 전달해야 한다 (도구는 온프레미스 DNS를 볼 수 없다)
path-says-inbound-admits = {$vpc} VPC의 {$inbound} (보안 그룹 {$groups}): 포트 53에서 {$net} 대역을 허용한다
path-says-inbound-blocks = {$vpc} VPC의 {$inbound} (보안 그룹 {$groups}): {$protos}/53에서 {$net} 대역을 허용하지 않는다
path-says-dropped = 응답 없음: 쿼리가 버려진다
path-onprem-inbound-blocked = Resolver 인바운드 엔드포인트 {$inbound}의 보안 그룹이 {$protos}/53에서 {$net} 대역을 허용하지 않는다: 온프레미스 DNS 서버가 이 엔드포인트에 {$name} 이름을 물어볼 수 없다

## nacl.rs: ACL 항목 셀

nacl-cell-in = 인바운드
nacl-cell-out = 아웃바운드
nacl-cell-all = 전체
nacl-cell-allow = 허용
nacl-cell-deny = 거부
locate-client-subnet = {$vpc} VPC의 {$subnet} 서브넷 ({$how})
locate-client-not-named = 지정하지 않음: 계정의 모든 VPC (특정 클라이언트 기준으로 판단하려면 --vpc 또는 --from을 지정하세요)
locate-asked-by-id = 엔드포인트를 ID로 지정했다
locate-where-vpc = {$vpc} VPC에
locate-where-any = 이 계정과 리전의 어느 VPC에도
locate-served-in-vpcs = {$n}개 VPC의 엔드포인트가 {$what} 대상을 제공한다. 클라이언트가 어느 것을 쓰는지는 클라이언트의 VPC에 달려 있다 — --vpc 또는 --from을 지정하세요
locate-found = {$what} → {$vpc} VPC의 {$endpoint} 엔드포인트 ({$path})
locate-no-endpoint-of = {$place} {$id}의 엔드포인트가 없다
locate-not-offered = {$service} 서비스는 {$region} 리전에서 이 계정에 제공되지 않는다 (DescribeVpcEndpointServices 목록에 없다)
locate-no-endpoint-for = {$place} {$service} 서비스의 엔드포인트가 없다
locate-ip-not-endpoint = {$ip} 주소는 {$subnet} 서브넷의 {$eni} 인터페이스로, VPC 엔드포인트의 인터페이스가 아니다: 이 주소로 가는 트래픽은 PrivateLink를 거치지 않는다
locate-ip-unknown = {$ip} 주소는 {$region} 리전에 있는 이 계정의 어떤 네트워크 인터페이스의 주소도 아니다: 이 계정의 VPC 엔드포인트가 아니다
locate-zone-invisible = 확인 불가: 프라이빗 호스팅 영역 {$zone}이(가) {$name} 이름을 {$target}(으)로 가리키는데, 현재 자격 증명으로는 볼 수 없는 엔드포인트이다 (다른 계정의 중앙 엔드포인트?): 진단하려면 그 계정의 --profile로 실행하세요
locate-global-sts = {$name}은(는) 글로벌 STS 엔드포인트이다: 어떤 VPC 엔드포인트도 이를 제공하지 않아 트래픽이 퍼블릭 경로로 나간다. 리전 엔드포인트 sts.{$region}.amazonaws.com을 쓰세요 (AWS_STS_REGIONAL_ENDPOINTS=regional 또는 SDK의 리전 기본값)
locate-private-dns-off = {$name} 이름이 퍼블릭 경로인 {$answers}(으)로 확인된다: {$vpc} VPC의 {$endpoint} 엔드포인트가 {$service} 서비스를 제공하지만 그 프라이빗 DNS가 VPC의 클라이언트에게 응답하지 않는다
locate-unserved-public = {$place} {$name} 이름을 제공하는 엔드포인트가 없다: 이 이름은 퍼블릭 경로인 {$answers}(으)로 확인된다
locate-resolves-nowhere = {$name} 이름이 어디로도 확인되지 않고({$answers}), {$place} 이를 제공하는 엔드포인트도 없다
locate-unserved-not-endpoint = {$place} {$name} 이름을 제공하는 엔드포인트가 없다: 이 이름은 엔드포인트가 아닌 {$answers}(으)로 확인된다
locate-field-dns-answer = DNS 응답
locate-field-route-from-client = 클라이언트에서의 경로
locate-main-table = 기본
locate-table-where-goes = {$vpc} VPC에서 {$to}(으)로 가는 경로
locate-col-route-table = 라우팅 테이블
locate-col-subnets = 서브넷
locate-col-route = 경로
locate-no-address = 주소 없음
locate-the-internet = 인터넷
locate-no-route = 경로 없음: 트래픽이 버려진다
locate-via-nat = NAT 게이트웨이를 거쳐 퍼블릭 서비스로
locate-via-igw = 인터넷 게이트웨이를 거쳐 퍼블릭 서비스로
locate-via-tgw = 전송 게이트웨이
locate-via-local = VPC 내부
locate-via-peering = 피어링 연결
locate-via-other = 기타 대상
locate-blackhole = (블랙홀: 버려짐)

## session과 facts: 관측 위치와 중단 안내

session-vantage-through = VPC 기준, {$server} 경유
session-vantage-detecting = 확인 중…
session-vantage-no-endpoint = 알 수 없음 (엔드포인트 없음)
session-vantage-unknown = 알 수 없음: {$reason}
facts-hint-refresh-credentials = 자격 증명을 갱신하세요. 다음 주기에 화면이 재개된다
facts-hint-throttled = 호출 {$aws}건 중 {$throttled}건이 재시도 후에도 스로틀링되었다. 호출 빈도가 낮아지면 판정이 재개된다 (감시 간격을 늘리면 도움이 된다)

## dns_path.rs: 읽지 못한 계층

path-how-endpoint-vpc = 엔드포인트의 VPC
path-unread-needs = {$action} 권한 필요
path-unread-not-recorded = 스냅샷에 기록되지 않음
path-unread-unsupported = API 엔드포인트가 제공하지 않음
path-rule-invisible = {$vpc} VPC에 연결된 Resolver 규칙 {$rule} (이 계정에서 보이지 않음)

# 모든 화면이 함께 쓰는 말. 용어: checks/ko/GLOSSARY.md.

status-pass = 통과
status-fail = 실패
status-warn = 경고
status-advice = 권고
status-blocked = 보류
status-unknown = 확인 불가
status-not-applicable = 해당 없음
account-consumer = 소비자
account-provider = 제공자

## 경로 보기 (TUI, HTML, Markdown 보고서)
path-hop-client = 클라이언트
path-hop-dns = DNS 응답
path-hop-interface = 엔드포인트 인터페이스
path-hop-privatelink = PrivateLink 연결
path-hop-load-balancer = 로드 밸런서 노드
path-hop-target-group = 대상 그룹
path-hop-targets = 대상
path-hop-subnet = 서브넷
path-hop-route-table = 라우팅 테이블
path-hop-prefix-list = 접두사 목록 경로
path-hop-service = 서비스
path-privatelink-label = PrivateLink 연결
path-client-inside = VPC 안
path-client-outside = VPC 밖
path-client-unknown = 클라이언트
path-dns-no-name = DNS 이름 없음
path-dns-no-records = 레코드 없음
path-dns-timeout = 시간 초과
path-no-node = { $lb } 노드 없음
path-broken-no-node = { $zone } 영역에 로드 밸런서 노드가 없다: 이 영역의 인터페이스는 어디에도 닿지 않는다
path-broken-no-healthy = { $zone } 영역에 { $tg } 대상 그룹의 정상 대상이 없고 교차 영역이 꺼져 있다: 이 영역의 인터페이스를 쓰는 클라이언트는 실패한다
path-cross-zone-served = { $tg }: 다른 영역의 정상 대상 { $healthy }개가 교차 영역으로 처리한다
path-targets-of = { $tg }: 이 영역 { $healthy }/{ $total } 정상, 교차 영역 { $cross ->
    [on] 켜짐
   *[off] 꺼짐
    }
path-targets-healthy = { $healthy }/{ $total } 정상
path-targets-cross-zone = { $healthy }/{ $total } ⇢ 교차 영역
path-main-table-subnets = 자체 테이블이 없는 모든 서브넷
path-no-route = 경로 없음
path-broken-table-gone = { $route_table } 라우팅 테이블이 더 이상 없다
path-broken-no-route = { $route_table }에 서비스 접두사 목록으로 가는 경로가 없다
path-lattice-label = VPC Lattice 연결
path-heading = 경로

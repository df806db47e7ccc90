# report 메시지. 용어: checks/ko/GLOSSARY.md.

## 텍스트 보고서 (src/report/text.rs)

report-count = {$status} {$n}
report-count-pass = 통과
report-count-fail = 실패
report-count-warn = 경고
report-count-advice = 권고
report-count-blocked = 보류
report-count-unknown = 확인 불가
report-count-not-applicable = 해당 없음
report-text-fix = 조치 ({$account} 계정):
report-text-none = (없음)
report-text-service = 서비스
report-text-service-region = 서비스 리전 {$region} (교차 리전 엔드포인트, 제공자 쪽은 이 리전에서 조회함)
report-text-account-unknown = 계정 모름
report-text-account-profile = {$account} (프로파일 {$profile})
report-text-consumer = 소비자
report-text-provider = 제공자
report-text-no-provider-because = 제공자 자격 증명 없음: {$why}. 제공자 점검은 소비자 자격 증명으로 한다
report-text-no-provider = 제공자 자격 증명 없음(--provider-profile). 제공자 점검은 소비자 자격 증명으로 한다
report-text-dns = DNS 조회
report-text-dns-vantage = {$dns} · 관측 위치: {$vantage}
report-text-source = 출처
report-text-offline = {$source} (오프라인 재생)
report-text-no-root-cause = 근본 원인  찾지 못함
report-text-root-causes = { $count ->
   *[other] 근본 원인
}
report-text-advice = 권고  (트래픽에 위험 없음, 종료 코드에 반영하지 않음)
report-text-checks = 점검
report-text-unreached = 엔드포인트 진단 점검 {$skipped}개: 대상을 제공하는 엔드포인트가 없다 (target.resolved 참고)
report-text-docs = 문서: {$docs}
report-text-exit-0 = 실패한 점검 없음
report-text-exit-1 = 실패한 점검 있음
report-text-exit-3 = 실패는 없지만 일부 점검은 확인 불가
report-text-summary = 요약
report-text-summary-line = {$counts}  → 종료 코드 {$code} ({$meaning}) · API 호출 {$calls}회
report-text-op = {$op} {$calls}회/{$ms} ms
report-text-retries = (재시도 {$retries}회)
report-text-stats = 통계
report-text-stats-line = API 호출 {$calls}회: {$ops}
report-text-stats-none = 없음
report-text-phases = 단계: 준비 {$setup} ms · 점검 {$checks} ms · 전체 {$total} ms
report-catalog-account = 계정
report-catalog-title = 제목
report-catalog-needs = 선행 점검

## Markdown, HTML 보고서 (src/report/markdown.rs, src/report/html.rs)

report-fix = 조치 ({$account} 계정):
report-unknown = 알 수 없음
report-label-service = 서비스
report-label-region = 리전
report-label-service-region = 서비스 리전
report-label-consumer-account = 소비자 계정
report-label-provider-account = 제공자 계정
report-label-provider-credentials = 제공자 자격 증명
report-label-source = 출처
report-label-generated = 생성
report-generated-by = {$at}, {$tool} {$version} 생성
report-verdict-fail = ✗ 실패한 점검 {$n}개
report-root-causes = 근본 원인
report-none-found = 찾지 못했다.
report-advice = 권고
report-advice-note = 보안 태세 권고: 트래픽에 위험은 없고 판정에 반영하지 않는다.
report-checks = 점검
report-md-verdict = 판정:
report-md-verdict-pass = ✓ 실패한 점검 없음
report-md-verdict-unknown = ? 실패는 없지만 점검 {$n}개는 확인 불가
report-md-cross-region = {$region} (교차 리전 엔드포인트)
report-md-dns = {$dns} (관측 위치: {$vantage})
report-md-col-check = 점검
report-md-col-summary = 요약
report-md-evidence = 근거
report-md-docs = 문서: {$docs}
report-md-api-calls = API 호출 {$calls}회.
report-md-redacted = 계정 ID와 IP 주소는 가렸다.
report-md-summary = 요약: {$counts}.
report-html-verdict-pass = ✓ 실패한 점검 없음
report-html-verdict-unknown = ? 실패는 없지만 점검 {$n}개는 확인 불가
report-html-region-cross = {$region} (서비스는 {$service_region} 리전: 교차 리전 엔드포인트)
report-html-blocked-by = 보류 원인: {$checks}.
report-html-see-it = 직접 확인:
report-html-account = {$account} 계정
report-html-docs = 문서
report-html-footer = API 호출 {$calls}회 · 점검 {$ms} ms · 명령:
report-html-redacted = 계정 ID와 IP 주소 가림
report-html-path-judged-by = 판정한 점검: {$checks}

## JUnit (src/report/junit.rs)

report-junit-warning = 경고: {$summary}
report-junit-advice = 권고: {$summary}

## 전체 엔드포인트, 워크로드 표 (src/report/fleet.rs, src/report/workload.rs)

report-fleet-endpoints = 엔드포인트 {$n}개
report-workload-services = 서비스 {$n}개
report-fleet-counts = {$what}: 실패 {$fail}, 확인 불가 {$unknown}, 경고 {$warn}, 통과 {$pass} · API 호출 {$calls}회 · {$secs}초
report-fleet-accounts = 계정 {$n}개
report-fleet-accounts-failed = 계정 {$n}개, 그중 {$failed}개는 스캔하지 못함
report-fleet-col-endpoint = 엔드포인트
report-fleet-col-region = 리전
report-fleet-col-service = 서비스
report-fleet-col-owner = 소유자
report-fleet-col-state = 상태
report-fleet-col-verdict = 판정
report-fleet-col-root-cause = 근본 원인
report-fleet-could-not-scan = 스캔하지 못했다: {$why}
report-fleet-not-scanned = 스캔하지 않음 (조직에서 ACTIVE 상태가 아님): {$accounts}
report-fleet-account-region = 계정 {$account} {$region}
report-fleet-fixes = 근본 원인의 조치:
report-fleet-one-in-full = 엔드포인트 하나를 자세히 보려면: vpce-doctor check ENDPOINT (또는 `vpce-doctor`에서 해당 행에 Enter)
report-fleet-stats-region = 리전 {$region}: 엔드포인트 {$n}개, {$ms} ms
report-fleet-stats-account-region = 계정 {$account} 리전 {$region}: 엔드포인트 {$n}개, {$ms} ms
report-fleet-stats-account = 계정 {$account}: 엔드포인트 {$n}개, {$ms} ms
report-fleet-account-heading = 계정 {$account}{$named} · 엔드포인트 {$n}개
report-fleet-title = vpce-doctor 스캔
report-fleet-advice = 권고 (트래픽에 위험 없음, 판정에 반영하지 않음):
report-fleet-api-by-op = 작업별 API 호출:
report-fleet-h-endpoint = 엔드포인트
report-fleet-h-region = 리전
report-fleet-h-service = 서비스
report-fleet-h-owner = VPC / 소유자
report-fleet-h-state = 상태
report-fleet-h-verdict = 판정
report-fleet-h-root-cause = 근본 원인

## 헤드리스 출력 (src/headless/)

headless-output-format-unknown = --output {$path} 파일의 형식을 알 수 없다: 이름을 .json, .md, .html, .xml, .txt로 끝내거나 --format을 주세요
headless-formats-need-dir = --format 값이 여러 개면 --output-dir DIR이 필요하다 (형식마다 파일 하나)
headless-not-a-directory = --output-dir {$dir} 경로는 디렉터리가 아니다
headless-cannot-write-report = 보고서 {$path} 파일을 쓸 수 없다: {$error}
headless-cannot-write = {$path} 파일을 쓸 수 없다: {$error}
headless-could-not-observe = 관측하지 못했다: {$why}
headless-runbook-line = {$title} ({$n}단계)
headless-cannot-list-regions = 리전 목록을 가져올 수 없다: {$error}
headless-watch-no-verdicts = 아직 판정 없음
headless-watch-stale = {$since} 이후 갱신 안 됨
headless-watch-interrupted = {$at} {$cycle}회차: {$since} · {$why}; API 호출 {$spent}회
headless-watch-cycle = {$at} {$cycle}회차: 변경 {$changes}건{$list}; API 호출 {$spent}회; 실패 {$fail}, 확인 불가 {$unknown}

## 런북 기록 (src/report/transcript.rs)

report-runbook-heading = 런북 `{$runbook}`: {$title}
report-runbook-context = 대상 `{$target}` · {$region} · 소비자 {$consumer} · 제공자 {$provider} · {$at}
report-runbook-checklist = 체크리스트
report-runbook-stopped = 중단:
report-runbook-transcript = 기록
report-runbook-columns = 시각 | 단계 | 이벤트 | 판정 | 관측 내용
report-runbook-checked = 점검
report-runbook-rechecked = 재점검
report-runbook-exit = 종료 코드 {$code}
report-runbook-not-reached = 도달하지 않음

## 런북 진행 (src/runbook/mod.rs)

runbook-step-blocked = {$step} 단계는 보류다: {$blockers} 점검이 먼저 실패했다
runbook-step-failed-stop = {$step} 단계가 실패했다. 이를 고치기 전에는 이후 단계가 통과할 수 없다
runbook-step-other-type = 이 단계는 {$types} 엔드포인트용인데, 이 엔드포인트는 {$other} 유형이다
runbook-not-checked-yet = 이 단계는 아직 점검하지 않았다
runbook-stopped = 중단됨: {$reason}
runbook-last-step = 마지막 단계다
runbook-first-step = 첫 단계다

## 워크로드 보고서 (src/report/workload.rs)

report-workload-required = 필수
report-workload-optional = 선택
report-workload-no-endpoint = — 없음
report-workload-heading = 워크로드 {$profile} · {$vpc} · {$region} · 서브넷 ({$from}): {$subnets}
report-workload-col-service = 서비스
report-workload-col-type = 유형
report-workload-col-need = 필요
report-workload-col-endpoint = 엔드포인트
report-workload-col-finding = 발견 사항
report-workload-fixes = 조치 (근본 원인 먼저):
report-workload-note = 참고: {$note}
report-workload-why = 서비스별 필요 이유 ({$docs}):
report-workload-one-in-full = 엔드포인트 하나를 자세히: vpce-doctor check ENDPOINT · 단계별로: vpce-doctor runbook endpoint-unreachable ENDPOINT (S3는 gateway-endpoint) · 대화형으로: --tui를 붙이세요
report-workload-title = vpce-doctor 워크로드 {$profile}
report-workload-columns = 서비스 | 유형 | 필요 | 엔드포인트 | 판정 | 발견 사항
report-workload-step-by-step = 단계별로:
report-workload-services-heading = 서비스

## 시계열 (src/report/spark.rs)

report-spark-numbers = 합계 {$total} · 최대 {$peak} · 마지막 {$last}
report-spark-no-data = 데이터 없음
report-spark-hours = {$n}시간
report-spark-minutes = {$n}분
report-spark-seconds = {$n}초
report-spark-window = {$span} · {$period} 간격

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

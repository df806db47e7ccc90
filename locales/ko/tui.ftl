# tui 메시지. 용어: checks/ko/GLOSSARY.md.

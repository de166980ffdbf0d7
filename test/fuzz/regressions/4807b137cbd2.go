//fuzz: broke fix-syntax: untracked-goroutine: its preferred fix raises syntax errors from 4 to 5
//fuzz: found by seed 2, iteration 103: rules/untracked-goroutine/testdata/nohelper/exempt.go + delete-token, splice-lines, line-endings
//fuzz: file exempt.go
//fuzz: settings {}
//fuzz: the input starts on the next line; test/fuzz/regressions.test.ts replays it
import("e
)
"
func(s r)k({//
go func(){//
s.u}()
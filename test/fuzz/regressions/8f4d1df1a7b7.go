//fuzz: broke fix-syntax: untracked-goroutine: its preferred fix raises syntax errors from 1 to 2
//fuzz: found by seed 303, iteration 1261: rules/untracked-goroutine/testdata/stdlib/synctest_test.go + unbalance
//fuzz: file synctest_test.go
//fuzz: settings {"reportAllUntracked":true}
//fuzz: the input starts on the next line; test/fuzz/regressions.test.ts replays it
import("")
func(t{go func(){}()}
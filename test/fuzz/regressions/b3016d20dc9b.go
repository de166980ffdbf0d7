//fuzz: broke range: untracked-goroutine: finding {"start":{"line":0,"character":7},"end":{"line":0,"character":14}} is outside the document (3 lines)
//fuzz: found by seed 1546295898, iteration 62: rules/untracked-goroutine/testdata/stdlib/synctest_test.go + delete-chars, line-endings
//fuzz: file synctest_test.go
//fuzz: settings {"reportAllUntracked":true}
//fuzz: the input starts on the next line; test/fuzz/regressions.test.ts replays it
func({go u{//
}()}
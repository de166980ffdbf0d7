//fuzz: broke range: untracked-goroutine: finding {"start":{"line":0,"character":8},"end":{"line":0,"character":22}} is outside the document (3 lines)
//fuzz: found by seed 2, iteration 35: rules/untracked-goroutine/testdata/stdlib/setup.go + line-endings
//fuzz: file setup.go
//fuzz: settings {"reportAllUntracked":true}
//fuzz: the input starts on the next line; test/fuzz/regressions.test.ts replays it
func d({go func(){//i
}()
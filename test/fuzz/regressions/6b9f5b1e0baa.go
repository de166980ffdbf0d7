//fuzz: broke fix-syntax: untracked-goroutine: all preferred fixes together raises syntax errors from 2 to 3
//fuzz: found by seed 2049244548, iteration 28: rules/untracked-goroutine/testdata/stdlib/setup.go + insert-chars
//fuzz: file setup.go
//fuzz: settings {"reportAllUntracked":true}
//fuzz: the input starts on the next line; test/fuzz/regressions.test.ts replays it
package b
var(`()func()go f()
}func(){go func(){{}}()}
func(){go func(){}()
p()}
//fuzz: broke fix-syntax: waitgroup-add-after-publish: its preferred fix raises syntax errors from 4 to 5
//fuzz: found by seed 101, iteration 202: rules/waitgroup-add-after-publish/testdata/goroutines/positives.go + splice-lines
//fuzz: file positives.go
//fuzz: settings {"reportAllUntracked":true}
//fuzz: the input starts on the next line; test/fuzz/regressions.test.ts replays it
func h({func(s*server)S(){
go s.loop()
s.wg.Add(1)
}}func()n({wg.Wait()}
func(s*server)loop(){
defer s.wg.Done()
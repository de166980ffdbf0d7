module example.com/race/untrackedgoroutine

go 1.22

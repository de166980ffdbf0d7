module example.com/race/guardedpointerescape/store

go 1.22

module example.com/race/waitgroupaddafterpublish

go 1.22

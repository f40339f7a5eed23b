module example.com/request-tracker

go 1.19

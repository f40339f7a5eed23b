module example.com/bench-alloc

go 1.19

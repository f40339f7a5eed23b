package benchalloc

import "testing"

func TestJoinFields(t *testing.T) {
	if got := JoinFields(3); got != "0,1,2" {
		t.Fatalf("JoinFields(3) = %q, want %q", got, "0,1,2")
	}
}

func BenchmarkJoinFields(b *testing.B) {
	for i := 0; i < b.N; i++ {
		JoinFields(1000)
	}
}

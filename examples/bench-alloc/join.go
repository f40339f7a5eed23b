// Package benchalloc is the example for profiling a benchmark from the editor: JoinFields
// builds a line of text and allocates a new buffer on every iteration of its loop.
package benchalloc

import "strconv"

// JoinFields returns the numbers 0..n-1 separated by commas.
func JoinFields(n int) string {
	out := make([]byte, 0, 8*n)
	for i := 0; i < n; i++ {
		field := make([]byte, 0, 16+i%8) // a new buffer per field: the allocation to remove
		field = strconv.AppendInt(field, int64(i), 10)
		out = append(out, field...)
		if i < n-1 {
			out = append(out, ',')
		}
	}
	return string(out)
}

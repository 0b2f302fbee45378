package calc

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkParse100k reads a pasted list of 100,000 counts on one line, the
// largest paste the page is meant to take:
//
//	go test -run '^$' -bench Parse100k ./calc
func BenchmarkParse100k(b *testing.B) {
	parts := make([]string, 100_000)
	for i := range parts {
		parts[i] = strconv.Itoa(1 + (i*7919)%1000)
	}
	text := strings.Join(parts, ", ")
	for b.Loop() {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}

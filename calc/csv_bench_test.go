package calc

import (
	"bytes"
	"encoding/csv"
	"io"
	"sync"
	"testing"

	"classweights/internal/sample"
)

// benchCSV is 200 MB of rows with every kind of quoting, the label in column
// 7 of 8 (package sample), made once for all benchmarks.
var benchCSV = sync.OnceValues(func() ([]byte, map[string]int64) {
	var b bytes.Buffer
	counts, err := sample.WriteCSV(&b, 200_000_000, 1)
	if err != nil {
		panic(err)
	}
	return b.Bytes(), counts
})

// BenchmarkCountFile measures the label counter on the 200 MB sample, read
// in 4 MiB slices as the page reads a file; b.SetBytes makes go test print
// MB/s:
//
//	go test -run '^$' -bench 'CountFile|EncodingCSV' ./calc
func BenchmarkCountFile(b *testing.B) {
	data, want := benchCSV()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		fc := NewFileCounter(FileOptions{})
		for p := data; len(p) > 0; {
			n := min(4<<20, len(p))
			if _, err := fc.Write(p[:n]); err != nil {
				b.Fatal(err)
			}
			p = p[n:]
		}
		got, err := fc.Close()
		if err != nil {
			b.Fatal(err)
		}
		if got.Rows != sumCounts(want) {
			b.Fatalf("counted %d rows, want %d", got.Rows, sumCounts(want))
		}
	}
}

// BenchmarkEncodingCSV counts the same column with encoding/csv, the baseline
// that the counter's figure is compared with in the same run.
func BenchmarkEncodingCSV(b *testing.B) {
	data, want := benchCSV()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.ReuseRecord = true
		counts := map[string]int64{}
		rows := int64(-1) // the header
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			counts[rec[6]]++
			rows++
		}
		if rows != sumCounts(want) {
			b.Fatalf("counted %d rows, want %d", rows, sumCounts(want))
		}
	}
}

func sumCounts(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

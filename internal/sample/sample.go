// Package sample writes CSV files of labelled rows for the benchmarks of the
// label counter: realistic text with every kind of quoting.
package sample

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
)

// Labels are the classes of the sample, with their weights in the draw: an
// imbalanced problem of five classes.
var Labels = []struct {
	Name   string
	Weight int
}{{"negative", 800}, {"positive", 120}, {"neutral", 50}, {"spam, \"quoted\"", 25}, {"other\nline", 5}}

// fieldTexts are the free-text fields, with quoted commas, doubled quotes and
// embedded newlines.
var fieldTexts = []string{
	`"A plain sentence, with a comma."`,
	`"She said ""no"", twice."`,
	"\"Two lines:\nthe second one.\"",
	`simple`,
	`"tab	inside"`,
	`12345`,
}

// WriteCSV writes a header and rows to w until at least size bytes are
// written, with the label in column 7 of 8, and returns the number of rows
// of each label. The same seed writes the same file.
func WriteCSV(w io.Writer, size int64, seed uint64) (map[string]int64, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(seed, seed+1))
	total := 0
	for _, l := range Labels {
		total += l.Weight
	}
	counts := map[string]int64{}
	written, err := fmt.Fprintln(bw, "id,title,body,author,score,created,label,source")
	if err != nil {
		return nil, err
	}
	for id := 0; int64(written) < size; id++ {
		pick := rng.IntN(total)
		label := Labels[0].Name
		for _, l := range Labels {
			if pick < l.Weight {
				label = l.Name
				break
			}
			pick -= l.Weight
		}
		counts[label]++
		n, err := fmt.Fprintf(bw, "%d,%s,%s,%s,%.3f,2026-01-%02d,%s,%s\n",
			id,
			fieldTexts[rng.IntN(len(fieldTexts))],
			fieldTexts[rng.IntN(len(fieldTexts))],
			fieldTexts[rng.IntN(len(fieldTexts))],
			rng.Float64(),
			1+rng.IntN(28),
			quote(label),
			fieldTexts[rng.IntN(len(fieldTexts))],
		)
		if err != nil {
			return nil, err
		}
		written += n
	}
	return counts, bw.Flush()
}

// quote writes a field in CSV quoting when it needs it.
func quote(s string) string {
	needs := false
	for _, r := range s {
		if r == ',' || r == '"' || r == '\n' || r == '\r' {
			needs = true
		}
	}
	if !needs {
		return s
	}
	out := []rune{'"'}
	for _, r := range s {
		if r == '"' {
			out = append(out, '"')
		}
		out = append(out, r)
	}
	return string(append(out, '"'))
}

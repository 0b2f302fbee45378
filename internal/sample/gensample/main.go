// Command gensample writes the benchmark CSV of package sample to a file:
//
//	go run ./internal/sample/gensample -size 200 -o /tmp/labels.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"classweights/internal/sample"
)

func main() {
	sizeMB := flag.Int64("size", 200, "size of the file in `MB`")
	out := flag.String("o", "", "`file` to write")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gensample: -o is required")
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err == nil {
		_, err = sample.WriteCSV(f, *sizeMB*1_000_000, 1)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensample:", err)
		os.Exit(1)
	}
}

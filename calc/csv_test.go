package calc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"classweights/internal/sample"
)

// countInSlices counts text written to a counter in slices of size n.
func countInSlices(text string, opts FileOptions, n int) (FileCounts, error) {
	fc := NewFileCounter(opts)
	for b := []byte(text); len(b) > 0; {
		k := min(n, len(b))
		if _, err := fc.Write(b[:k]); err != nil {
			counts, _ := fc.Close()
			return counts, err
		}
		b = b[k:]
	}
	return fc.Close()
}

var sliceSizes = []int{1, 2, 3, 7, 64, 1 << 20}

func TestCountFile(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		opts    FileOptions
		labels  []string
		counts  []float64
		rows    int64
		empty   int64
		delim   byte
		header  bool
		column  int
		columns []string
	}{
		{name: "label column by name",
			text:   "id,text,label,score\n1,hi,pos,0.5\n2,yo,neg,0.1\n3,ok,pos,0.9\n",
			labels: []string{"neg", "pos"}, counts: []float64{1, 2}, rows: 3,
			delim: ',', header: true, column: 2, columns: []string{"id", "text", "label", "score"}},
		{name: "last column without a known name",
			text:   "id,text,sentiment_score\n1,a,x\n2,b,y\n3,c,x",
			labels: []string{"x", "y"}, counts: []float64{2, 1}, rows: 3,
			delim: ',', header: true, column: 2,
			columns: []string{"id", "text", "sentiment_score"}},
		{name: "quoted delimiters, doubled quotes and newlines",
			text: "text,label\n\"a, b\",\"x,y\"\n\"say \"\"hi\"\"\",\"x,y\"\n" +
				"\"two\nlines\",\"quote \"\" in\"\n",
			labels: []string{"quote \" in", "x,y"}, counts: []float64{1, 2}, rows: 3,
			delim: ',', header: true, column: 1, columns: []string{"text", "label"}},
		{name: "CRLF, byte-order mark, blank lines, no final newline",
			text:   "\ufefflabel\r\na\r\n\r\nb\r\n\r\na",
			labels: []string{"a", "b"}, counts: []float64{2, 1}, rows: 3,
			delim: ',', header: true, column: 0, columns: []string{"label"}},
		{name: "quoted newline with CRLF",
			text:   "label,text\r\nx,\"one\r\ntwo\"\r\ny,z\r\n",
			labels: []string{"x", "y"}, counts: []float64{1, 1}, rows: 2,
			delim: ',', header: true, column: 0, columns: []string{"label", "text"}},
		{name: "empty labels counted apart",
			text:   "x,label\n1,a\n2,\n3,\"\"\n4,a\n",
			labels: []string{"a"}, counts: []float64{2}, rows: 4, empty: 2,
			delim: ',', header: true, column: 1, columns: []string{"x", "label"}},
		{name: "semicolons",
			text:   "a;b;class\n1,5;2;cat\n3;4;dog\n",
			labels: []string{"cat", "dog"}, counts: []float64{1, 1}, rows: 2,
			delim: ';', header: true, column: 2, columns: []string{"a", "b", "class"}},
		{name: "tabs",
			text:   "text\ttarget\nhello, world\t1\nbye\t0\nagain\t1\n",
			labels: []string{"0", "1"}, counts: []float64{1, 2}, rows: 3,
			delim: '\t', header: true, column: 1, columns: []string{"text", "target"}},
		{name: "pipes",
			text:   "y|x\nb|1\na|2\n",
			labels: []string{"a", "b"}, counts: []float64{1, 1}, rows: 2,
			delim: '|', header: true, column: 0, columns: []string{"y", "x"}},
		{name: "no header: numbers in the first row",
			text:   "0.1,0.2,1\n0.3,0.4,0\n0.5,0.6,1\n",
			labels: []string{"0", "1"}, counts: []float64{1, 2}, rows: 3,
			delim: ',', header: false, column: 2, columns: []string{"1", "2", "3"}},
		{name: "one column of labels without header",
			text:   "cat\ndog\ncat\n",
			labels: []string{"cat", "dog"}, counts: []float64{2, 1}, rows: 3,
			delim: ',', header: false, column: 0, columns: []string{"1"}},
		{name: "declared header",
			text: "sentiment\npos\nneg\npos\n", opts: FileOptions{Header: HeaderYes},
			labels: []string{"neg", "pos"}, counts: []float64{1, 2}, rows: 3,
			delim: ',', header: true, column: 0, columns: []string{"sentiment"}},
		{name: "declared no header",
			text: "label\npos\n", opts: FileOptions{Header: HeaderNo},
			labels: []string{"label", "pos"}, counts: []float64{1, 1}, rows: 2,
			delim: ',', header: false, column: 0, columns: []string{"1"}},
		{name: "column by name, any case",
			text: "Label,Other\na,x\nb,x\n", opts: FileOptions{Column: "OTHER"},
			labels: []string{"x"}, counts: []float64{2}, rows: 2,
			delim: ',', header: true, column: 1, columns: []string{"Label", "Other"}},
		{name: "column by position",
			text: "a,b,c\n1,2,3\n4,5,6\n", opts: FileOptions{Column: "2", Header: HeaderYes},
			labels: []string{"2", "5"}, counts: []float64{1, 1}, rows: 2,
			delim: ',', header: true, column: 1, columns: []string{"a", "b", "c"}},
		{name: "delimiter given",
			text: "a;b\n1;2\n", opts: FileOptions{Delimiter: ',', Header: HeaderNo},
			labels: []string{"1;2", "a;b"}, counts: []float64{1, 1}, rows: 2,
			delim: ',', header: false, column: 0, columns: []string{"1"}},
		{name: "natural order of labels",
			text:   "label\n10\n9\nb\n2\na\n",
			labels: []string{"2", "9", "10", "a", "b"}, counts: []float64{1, 1, 1, 1, 1}, rows: 5,
			delim: ',', header: true, column: 0, columns: []string{"label"}},
	}
	for _, tt := range tests {
		for _, n := range sliceSizes {
			t.Run(fmt.Sprint(tt.name, "/", n), func(t *testing.T) {
				got, err := countInSlices(tt.text, tt.opts, n)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Labels, tt.labels) || !reflect.DeepEqual(got.Counts, tt.counts) {
					t.Errorf("got %q %v\nwant %q %v", got.Labels, got.Counts, tt.labels, tt.counts)
				}
				if got.Rows != tt.rows || got.Empty != tt.empty || !got.IsComplete {
					t.Errorf("got %d rows, %d empty, complete %v\nwant %d rows, %d empty, complete",
						got.Rows, got.Empty, got.IsComplete, tt.rows, tt.empty)
				}
				if got.Delimiter != tt.delim || got.HasHeader != tt.header || got.Column != tt.column {
					t.Errorf("got delimiter %q, header %v, column %d\nwant %q, %v, %d",
						got.Delimiter, got.HasHeader, got.Column, tt.delim, tt.header, tt.column)
				}
				if !reflect.DeepEqual(got.Columns, tt.columns) {
					t.Errorf("got columns %q\nwant %q", got.Columns, tt.columns)
				}
			})
		}
	}
}

func TestCountFileErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		opts      FileOptions
		sentinel  error
		line, col int64
		rowsSoFar int64
	}{
		{"unterminated quote", "label\na\n\"b\nc\n", FileOptions{}, ErrQuote, 3, 1, 1},
		{"extraneous quote", "label\na\n\"b\"c\n", FileOptions{}, ErrQuote, 3, 3, 1},
		{"bare quote", "label\na\nb\"c\n", FileOptions{}, ErrBareQuote, 3, 2, 1},
		{"ragged row", "text,label\nx,a\ny\nz,b\n", FileOptions{}, ErrMissingColumn, 3, 2, 1},
		{"ragged quoted row", "text,label\nx,a\n\"y\"\n", FileOptions{}, ErrMissingColumn, 3, 4, 1},
		{"binary", "label\na\x00b\n", FileOptions{}, ErrBinary, 2, 2, 0},
		{"not UTF-8", "label\na\n\xff\xfe\n", FileOptions{}, ErrNotUTF8, 3, 1, 1},
		{"unknown column", "a,b\n1,2\n", FileOptions{Column: "label"}, ErrNoColumn, 0, 0, 0},
		{"not zero or one", "a,b\n1,0\n1,2\n", FileOptions{MultiLabel: []string{"a", "b"}},
			ErrNotZeroOne, 3, 1, 1},
	}
	for _, tt := range tests {
		for _, n := range sliceSizes {
			t.Run(fmt.Sprint(tt.name, "/", n), func(t *testing.T) {
				got, err := countInSlices(tt.text, tt.opts, n)
				if !errors.Is(err, tt.sentinel) {
					t.Fatalf("got error %v\nwant %v", err, tt.sentinel)
				}
				var ce *CSVError
				if tt.line > 0 {
					if !errors.As(err, &ce) || ce.Line != tt.line || ce.Column != tt.col {
						t.Errorf("got %v\nwant line %d, column %d", err, tt.line, tt.col)
					}
				}
				if got.IsComplete || got.Rows != tt.rowsSoFar {
					t.Errorf("got %d rows, complete %v\nwant %d rows so far, incomplete",
						got.Rows, got.IsComplete, tt.rowsSoFar)
				}
			})
		}
	}
}

func TestCountFileMultiLabel(t *testing.T) {
	text := "text,toxic,obscene,insult\n\"a, b\",1,0,1\nc,0,0,1\nd,true,no,yes\ne,0,,0\n"
	for _, n := range sliceSizes {
		got, err := countInSlices(text, FileOptions{MultiLabel: []string{"toxic", "4", "obscene"}}, n)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rows != 4 || !reflect.DeepEqual(got.Positives, []float64{2, 3, 0}) ||
			!reflect.DeepEqual(got.MultiLabel, []int{1, 3, 2}) {
			t.Errorf("slices of %d: got %d rows, positives %v of columns %v\n"+
				"want 4 rows, positives [2 3 0] of columns [1 3 2]", n, got.Rows, got.Positives,
				got.MultiLabel)
		}
	}
}

// expectedCounts counts column col of text with encoding/csv, the reference
// the counter must agree with. missing says that a record lacks the column.
func expectedCounts(text string, delim byte, col int) (counts map[string]float64, rows, empty int64, missing bool, err error) {
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	counts = map[string]float64{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return counts, rows, empty, false, nil
		}
		if err != nil {
			return nil, 0, 0, false, err
		}
		if len(rec) <= col {
			return nil, 0, 0, true, nil
		}
		rows++
		if rec[col] == "" {
			empty++
			continue
		}
		counts[rec[col]]++
	}
}

// FuzzCountFileMatchesEncodingCSV checks the hand-written scanner against
// encoding/csv on arbitrary text: the same records fail, and otherwise the
// same labels get the same counts, whatever the slices the text comes in.
func FuzzCountFileMatchesEncodingCSV(f *testing.F) {
	f.Add("a,b\n\"x,y\",\"q\"\"q\"\n\"multi\nline\",z\r\n", byte(0), byte(1), uint8(3))
	f.Add("x;\"y\"\n\n;\r\n\"\"\n", byte(2), byte(0), uint8(1))
	f.Add("\"unterminated\n", byte(0), byte(0), uint8(2))
	f.Add("a\tb\"c\n", byte(1), byte(1), uint8(5))
	f.Fuzz(func(t *testing.T, text string, delimChoice, colChoice byte, slice uint8) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return // the counter refuses such text; encoding/csv reads it
		}
		delim := []byte{',', '\t', ';', '|'}[delimChoice%4]
		col := int(colChoice % 4)
		want, rows, empty, missing, wantErr := expectedCounts(text, delim, col)

		opts := FileOptions{Delimiter: delim, Column: strconv.Itoa(col + 1), Header: HeaderNo}
		got, err := countInSlices(text, opts, 1+int(slice))
		switch {
		case wantErr != nil || missing:
			if err == nil {
				t.Fatalf("encoding/csv: %v (missing column: %v)\nthe counter read %q as %q %v",
					wantErr, missing, text, got.Labels, got.Counts)
			}
			return
		case err != nil:
			t.Fatalf("the counter failed on %q: %v\nencoding/csv read %v", text, err, want)
		}
		gotMap := map[string]float64{}
		for i, l := range got.Labels {
			gotMap[l] = got.Counts[i]
		}
		if !reflect.DeepEqual(gotMap, want) || got.Rows != rows || got.Empty != empty {
			t.Fatalf("text %q:\ngot %v, %d rows, %d empty\nwant %v, %d rows, %d empty",
				text, gotMap, got.Rows, got.Empty, want, rows, empty)
		}
	})
}

func TestCountFileBoundedMemory(t *testing.T) {
	// 20 MB of rows in 1 MiB slices: the counter keeps the counts and at most
	// a line, so its pending buffer stays small.
	row := []byte("\"some text, with a comma\",neg\n\"more \"\"quoted\"\" text\",pos\n")
	fc := NewFileCounter(FileOptions{Header: HeaderNo})
	slice := bytes.Repeat(row, (1<<20)/len(row))
	for range 20 {
		if _, err := fc.Write(slice); err != nil {
			t.Fatal(err)
		}
		if len(fc.pending) > sampleSize+len(row) {
			t.Fatalf("the counter holds %d bytes", len(fc.pending))
		}
	}
	got, err := fc.Close()
	if err != nil {
		t.Fatal(err)
	}
	perSlice := float64((1 << 20) / len(row))
	if !reflect.DeepEqual(got.Counts, []float64{20 * perSlice, 20 * perSlice}) {
		t.Errorf("got %v %v", got.Labels, got.Counts)
	}
}

func TestCountFileOnSample(t *testing.T) {
	var b bytes.Buffer
	want, err := sample.WriteCSV(&b, 2_000_000, 7)
	if err != nil {
		t.Fatal(err)
	}
	got, err := CountFile(&b, FileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Column != 6 || !got.HasHeader {
		t.Errorf("got column %d, header %v\nwant column 6 (label), header", got.Column, got.HasHeader)
	}
	gotMap := map[string]int64{}
	for i, l := range got.Labels {
		gotMap[l] = int64(got.Counts[i])
	}
	if !reflect.DeepEqual(gotMap, want) {
		t.Errorf("got %v\nwant the counts the sample was written with, %v", gotMap, want)
	}
}

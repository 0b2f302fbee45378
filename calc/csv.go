package calc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The reasons a file of labels cannot be counted; errors.Is sees them through
// the CSVError that carries their position.
var (
	ErrQuote         = errors.New(`a quoted field is not closed, or has a " that is not doubled`)
	ErrBareQuote     = errors.New(`a " inside a field that does not start with one`)
	ErrMissingColumn = errors.New("the row is too short to have the chosen column")
	ErrBinary        = errors.New("this is a binary file, not CSV or TSV text")
	ErrNotUTF8       = errors.New("this text is not UTF-8")
	ErrNotZeroOne    = errors.New("a multi-label column holds a value other than 0 or 1")
	ErrNoColumn      = errors.New("no such column")
)

// CSVError reports where a file of labels could not be read. Line and
// Column count from 1; Column counts bytes, as encoding/csv does.
type CSVError struct {
	Line, Column int64
	Err          error
}

func (e *CSVError) Error() string {
	return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
}

func (e *CSVError) Unwrap() error { return e.Err }

// HeaderMode says whether a file's first row names its columns.
type HeaderMode int

// The header modes.
const (
	HeaderAuto HeaderMode = iota // decided from the first rows
	HeaderYes
	HeaderNo
)

// FileOptions tells a FileCounter how to read a file. The zero value detects
// everything.
type FileOptions struct {
	// Delimiter is ',', ';', '\t' or '|'; 0 detects it from the first rows.
	Delimiter byte
	// Column picks the label column by header name (case-insensitive) or by
	// position from 1 ("3"). Empty picks the column named like a label
	// (label, target, class, y, ...), else the last one.
	Column string
	Header HeaderMode
	// MultiLabel picks several 0/1 columns, by name or position, to count
	// positives per column instead of classes of one column.
	MultiLabel []string
}

// FileCounts is what counting a file gives.
type FileCounts struct {
	Delimiter byte
	HasHeader bool
	// Columns names the columns: the header's names, or "1", "2", ... for a
	// file without header.
	Columns []string
	Column  int   // index in Columns of the label column
	Rows    int64 // rows of data, the header not included
	Empty   int64 // rows whose label is empty: counted apart, not a class
	// Labels and Counts hold the classes, labels in natural order (numbers by
	// value, then text).
	Labels []string
	Counts []float64
	// MultiLabel holds the indices of the 0/1 columns when counting
	// multi-label, and Positives the rows where each is 1.
	MultiLabel []int
	Positives  []float64
	// IsComplete is false when reading stopped at an error: the counts are
	// those of the rows before it.
	IsComplete bool
}

// labelColumnNames are the header names that mark the label column.
var labelColumnNames = []string{
	"label", "labels", "target", "targets", "class", "classes", "y", "category",
	"categories", "class_label", "target_label", "label_id", "class_id", "tag", "outcome",
	"ground_truth", "gt", "annotation", "sentiment", "species", "diagnosis",
}

// sampleSize is how much of a file is read before counting starts, to detect
// the delimiter, the header and the label column.
const sampleSize = 64 << 10

// FileCounter counts the labels of one column of a CSV or TSV file written to
// it in slices of any size, in one pass and bounded memory: it keeps the
// counts and at most one line, never the records. It reads quoting exactly as
// encoding/csv does (RFC 4180: quoted delimiters, doubled quotes, quoted
// newlines; CRLF or LF; blank lines skipped), and also strips a UTF-8
// byte-order mark.
type FileCounter struct {
	opts FileOptions

	isStarted bool
	pending   []byte // an incomplete line, or the sample before the start
	bytesRead int64

	delim   byte
	targets []int // the columns read, in order; the label column alone unless multi-label
	last    int   // the largest target
	skip    int   // records still to skip (the header)
	result  FileCounts

	counts map[string]*float64

	// State of the record being read.
	lineNo    int64
	recLine   int64
	field     int
	inQuoted  bool
	quoteLine int64 // where the open quoted field started
	quoteCol  int64
	captured  []byte // the target field being read, across lines
	isCapture bool
	// values holds the target fields of the record, in targets order, as
	// copies in owned: the line they came from is reused.
	values [][]byte
	owned  [][]byte

	err error
}

// NewFileCounter returns a counter that reads a file as opts say.
func NewFileCounter(opts FileOptions) *FileCounter {
	return &FileCounter{opts: opts, counts: map[string]*float64{}}
}

// BytesRead returns how many bytes have been written to the counter.
func (fc *FileCounter) BytesRead() int64 { return fc.bytesRead }

// Rows returns how many rows of data have been counted so far.
func (fc *FileCounter) Rows() int64 { return fc.result.Rows }

// Write counts the complete lines in p and keeps an incomplete last line for
// the next call. It returns the first error in the file; after it, Write
// does nothing and returns it again.
func (fc *FileCounter) Write(p []byte) (int, error) {
	if fc.err != nil {
		return 0, fc.err
	}
	fc.bytesRead += int64(len(p))
	if !fc.isStarted {
		fc.pending = append(fc.pending, p...)
		if len(fc.pending) < sampleSize {
			return len(p), nil
		}
		if err := fc.start(); err != nil {
			return 0, err
		}
		return len(p), fc.consume(false)
	}

	if len(fc.pending) > 0 {
		// Complete the pending line with the start of p.
		nl := bytes.IndexByte(p, '\n')
		if nl < 0 {
			fc.pending = append(fc.pending, p...)
			return len(p), nil
		}
		fc.pending = append(fc.pending, p[:nl+1]...)
		if err := fc.consume(false); err != nil {
			return 0, err
		}
		p = p[nl+1:]
	}
	rest, err := fc.lines(p, false)
	if err != nil {
		return 0, err
	}
	fc.pending = append(fc.pending[:0], rest...)
	return len(p), nil
}

// consume counts the lines in fc.pending, keeping an incomplete last line.
func (fc *FileCounter) consume(atEOF bool) error {
	rest, err := fc.lines(fc.pending, atEOF)
	if err != nil {
		return err
	}
	fc.pending = append(fc.pending[:0], rest...)
	return nil
}

// Close counts the last line and returns the counts. On an error the counts
// are those of the rows before it and IsComplete is false.
func (fc *FileCounter) Close() (FileCounts, error) {
	if fc.err == nil && !fc.isStarted {
		fc.err = fc.start()
	}
	if fc.err == nil {
		fc.err = fc.consume(true)
	}
	if fc.err == nil && fc.inQuoted {
		fc.err = &CSVError{Line: fc.quoteLine, Column: fc.quoteCol, Err: ErrQuote}
	}
	fc.result.IsComplete = fc.err == nil
	fc.fillClasses()
	return fc.result, fc.err
}

// fail records the first error.
func (fc *FileCounter) fail(err error) error {
	if fc.err == nil {
		fc.err = err
	}
	return fc.err
}

func (fc *FileCounter) fillClasses() {
	labels := make([]string, 0, len(fc.counts))
	for l := range fc.counts {
		labels = append(labels, l)
	}
	slices.SortFunc(labels, compareLabels)
	fc.result.Labels = labels
	fc.result.Counts = make([]float64, len(labels))
	for i, l := range labels {
		fc.result.Counts[i] = *fc.counts[l]
	}
}

// compareLabels orders labels naturally: numbers by value before text, text
// byte by byte.
func compareLabels(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	switch {
	case errA == nil && errB == nil && x != y:
		if x < y {
			return -1
		}
		return 1
	case errA == nil && errB != nil:
		return -1
	case errA != nil && errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// start detects what the options leave open from the sample in fc.pending.
func (fc *FileCounter) start() error {
	fc.isStarted = true
	sample := bytes.TrimPrefix(fc.pending, []byte("\ufeff"))
	if nul := bytes.IndexByte(sample, 0); nul >= 0 {
		line := 1 + int64(bytes.Count(sample[:nul], []byte("\n")))
		col := int64(nul - bytes.LastIndexByte(sample[:nul], '\n'))
		return fc.fail(&CSVError{Line: line, Column: col, Err: ErrBinary})
	}
	fc.pending = append(fc.pending[:0], sample...)
	sample = fc.pending // the bytes moved

	fc.delim = fc.opts.Delimiter
	if fc.delim == 0 {
		fc.delim = detectDelimiter(sample)
	}
	records := sampleRecords(sample, fc.delim, 2)
	var first, second []string
	if len(records) > 0 {
		first = records[0]
	}
	if len(records) > 1 {
		second = records[1]
	}

	r := &fc.result
	r.Delimiter = fc.delim
	switch fc.opts.Header {
	case HeaderYes:
		r.HasHeader = true
	case HeaderNo:
		r.HasHeader = false
	default:
		r.HasHeader = looksLikeHeader(first, second)
	}
	width := max(len(first), len(second))
	if r.HasHeader {
		r.Columns = slices.Clone(first)
		fc.skip = 1
	} else {
		for i := range width {
			r.Columns = append(r.Columns, strconv.Itoa(i+1))
		}
	}

	if len(fc.opts.MultiLabel) > 0 {
		for _, name := range fc.opts.MultiLabel {
			i, err := findColumn(r.Columns, name)
			if err != nil {
				return fc.fail(err)
			}
			r.MultiLabel = append(r.MultiLabel, i)
		}
		fc.targets = slices.Clone(r.MultiLabel)
		slices.Sort(fc.targets)
		fc.targets = slices.Compact(fc.targets)
		r.Positives = make([]float64, len(r.MultiLabel))
		r.Column = -1
	} else {
		col, err := fc.labelColumn()
		if err != nil {
			return fc.fail(err)
		}
		r.Column = col
		fc.targets = []int{col}
	}
	fc.last = slices.Max(fc.targets)
	fc.values = make([][]byte, len(fc.targets))
	fc.owned = make([][]byte, len(fc.targets))
	return nil
}

func (fc *FileCounter) labelColumn() (int, error) {
	cols := fc.result.Columns
	if fc.opts.Column != "" {
		return findColumn(cols, fc.opts.Column)
	}
	if fc.result.HasHeader {
		for _, want := range labelColumnNames {
			for i, name := range cols {
				if strings.EqualFold(strings.TrimSpace(name), want) {
					return i, nil
				}
			}
		}
	}
	return max(len(cols)-1, 0), nil
}

// findColumn finds a column by name, case-insensitively, or by position from
// 1.
func findColumn(cols []string, name string) (int, error) {
	for i, c := range cols {
		if strings.EqualFold(strings.TrimSpace(c), strings.TrimSpace(name)) {
			return i, nil
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(name)); err == nil && n >= 1 {
		return n - 1, nil
	}
	return 0, fmt.Errorf("calc: %w: %q (the columns are %s)", ErrNoColumn, name,
		strings.Join(quoteAll(cols), ", "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// sampleRecords reads up to n records of the complete lines of sample,
// leniently: it is a guess, and the counter itself reports the errors.
func sampleRecords(sample []byte, delim byte, n int) [][]string {
	if end := bytes.LastIndexByte(sample, '\n'); end >= 0 && len(sample) >= sampleSize {
		sample = sample[:end+1]
	}
	r := csv.NewReader(bytes.NewReader(sample))
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var records [][]string
	for len(records) < n {
		rec, err := r.Read()
		if err != nil {
			break
		}
		records = append(records, rec)
	}
	return records
}

// detectDelimiter picks the delimiter that splits the first rows into the
// same number of fields, the most fields winning; a file where none splits
// is one column, read with commas.
func detectDelimiter(sample []byte) byte {
	best, bestFields := byte(','), 1
	for _, d := range []byte{',', '\t', ';', '|'} {
		records := sampleRecords(sample, d, 20)
		if len(records) == 0 {
			continue
		}
		fields := len(records[0])
		isConsistent := fields > 1
		for _, rec := range records[1:] {
			isConsistent = isConsistent && len(rec) == fields
		}
		if isConsistent && fields > bestFields {
			best, bestFields = d, fields
		}
	}
	return best
}

// looksLikeHeader guesses whether the first row names the columns: it holds
// a label-like name, or, in a file of several columns, only names where the
// second row has a number, or only text that differs from the next row.
func looksLikeHeader(first, second []string) bool {
	for _, f := range first {
		for _, want := range labelColumnNames {
			if strings.EqualFold(strings.TrimSpace(f), want) {
				return true
			}
		}
	}
	if len(first) < 2 {
		return false
	}
	for i, f := range first {
		if f == "" || isNumber(strings.TrimSpace(f)) {
			return false
		}
		if i < len(second) && second[i] == f {
			return false
		}
	}
	return true
}

// lines counts the complete lines of p and returns the incomplete rest; at
// EOF the rest is a last line without newline.
func (fc *FileCounter) lines(p []byte, atEOF bool) ([]byte, error) {
	for len(p) > 0 {
		nl := bytes.IndexByte(p, '\n')
		if nl < 0 {
			if !atEOF {
				return p, nil
			}
			line := p
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1] // encoding/csv drops a \r before EOF
			}
			if err := fc.line(line, false); err != nil {
				return nil, err
			}
			return nil, nil
		}
		line := p[:nl]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if err := fc.line(line, true); err != nil {
			return nil, err
		}
		p = p[nl+1:]
	}
	return nil, nil
}

// line reads one line; hasNewline says it ended with one (a quoted field
// that goes on then holds it).
func (fc *FileCounter) line(line []byte, hasNewline bool) error {
	fc.lineNo++
	if !fc.inQuoted {
		if len(line) == 0 {
			return nil // a blank line is no record
		}
		fc.recLine = fc.lineNo
		fc.field = 0
	}
	return fc.record(line, hasNewline)
}

// record reads the fields of a line, or the rest of a quoted field, as
// encoding/csv's readRecord does. Fields are found with bytes.IndexByte, one
// pass over the line; only the target fields are copied.
func (fc *FileCounter) record(line []byte, hasNewline bool) error {
	pos := 0
	for {
		if !fc.inQuoted {
			fc.isCapture = slices.Contains(fc.targets, fc.field)
			if pos < len(line) && line[pos] == '"' {
				fc.inQuoted = true
				fc.quoteLine, fc.quoteCol = fc.lineNo, int64(pos+1)
				fc.captured = fc.captured[:0]
				pos++
			} else {
				end := bytes.IndexByte(line[pos:], fc.delim)
				field := line[pos:]
				if end >= 0 {
					field = line[pos : pos+end]
				}
				if j := bytes.IndexByte(field, '"'); j >= 0 {
					return fc.fail(&CSVError{Line: fc.lineNo, Column: int64(pos + j + 1),
						Err: ErrBareQuote})
				}
				fc.keep(field)
				if end < 0 {
					return fc.endOfLine(int64(pos + len(field) + 1))
				}
				pos += end + 1
				fc.field++
				continue
			}
		}

		// Inside a quoted field.
		q := bytes.IndexByte(line[pos:], '"')
		if q < 0 {
			if fc.isCapture {
				fc.captured = append(fc.captured, line[pos:]...)
				if hasNewline {
					fc.captured = append(fc.captured, '\n')
				}
			}
			return nil // the field goes on at the next line, or Close reports it
		}
		if fc.isCapture {
			fc.captured = append(fc.captured, line[pos:pos+q]...)
		}
		pos += q + 1
		switch {
		case pos < len(line) && line[pos] == '"':
			if fc.isCapture {
				fc.captured = append(fc.captured, '"')
			}
			pos++
		case pos < len(line) && line[pos] == fc.delim:
			fc.inQuoted = false
			fc.keep(fc.captured)
			pos++
			fc.field++
		case pos == len(line):
			fc.inQuoted = false
			fc.keep(fc.captured)
			return fc.endOfLine(int64(pos + 1))
		default:
			return fc.fail(&CSVError{Line: fc.lineNo, Column: int64(pos), Err: ErrQuote})
		}
	}
}

// keep stores a copy of the field just read when it is a target.
func (fc *FileCounter) keep(field []byte) {
	for t, col := range fc.targets {
		if col == fc.field {
			fc.owned[t] = append(fc.owned[t][:0], field...)
			fc.values[t] = fc.owned[t]
		}
	}
}

// endOfLine ends a record at column col, failing when it lacks a
// target column.
func (fc *FileCounter) endOfLine(col int64) error {
	if fc.field < fc.last {
		return fc.fail(&CSVError{Line: fc.recLine, Column: col,
			Err: fmt.Errorf("%w: it has %d fields, the column is field %d",
				ErrMissingColumn, fc.field+1, fc.last+1)})
	}
	return fc.endRecord(col)
}

// endRecord counts the record whose target fields are in fc.values.
func (fc *FileCounter) endRecord(col int64) error {
	if fc.skip > 0 {
		fc.skip--
		for t := range fc.values {
			fc.values[t] = nil
		}
		return nil
	}
	r := &fc.result
	if r.MultiLabel != nil {
		for j, c := range r.MultiLabel {
			v := fc.values[slices.Index(fc.targets, c)]
			isPositive, ok := zeroOne(v)
			if !ok {
				return fc.fail(&CSVError{Line: fc.recLine, Column: 1, Err: fmt.Errorf(
					"%w: %q in column %q", ErrNotZeroOne, v, r.Columns[c])})
			}
			if isPositive {
				r.Positives[j]++
			}
		}
		r.Rows++
		return nil
	}

	label := fc.values[0]
	if !utf8.Valid(label) {
		return fc.fail(&CSVError{Line: fc.recLine, Column: 1, Err: ErrNotUTF8})
	}
	if bytes.IndexByte(label, 0) >= 0 {
		return fc.fail(&CSVError{Line: fc.recLine, Column: 1, Err: ErrBinary})
	}
	r.Rows++
	if len(label) == 0 {
		r.Empty++
		return nil
	}
	if n, ok := fc.counts[string(label)]; ok {
		*n++
		return nil
	}
	n := 1.0
	fc.counts[string(label)] = &n
	return nil
}

// zeroOne reads a multi-label cell: 1, true or yes is positive; 0, false, no
// or empty is negative.
func zeroOne(v []byte) (isPositive, ok bool) {
	switch strings.ToLower(strings.TrimSpace(string(v))) {
	case "1", "1.0", "true", "yes", "y", "t":
		return true, true
	case "0", "0.0", "false", "no", "n", "f", "":
		return false, true
	}
	return false, false
}

// CountFile counts the labels of r as opts say, reading it in slices of
// 1 MiB. The counts are partial (IsComplete false) when it fails.
func CountFile(r io.Reader, opts FileOptions) (FileCounts, error) {
	fc := NewFileCounter(opts)
	buf := make([]byte, 1<<20)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := fc.Write(buf[:n]); werr != nil {
				counts, _ := fc.Close()
				return counts, werr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			counts, _ := fc.Close()
			counts.IsComplete = false
			return counts, fmt.Errorf("calc: reading the file: %w", err)
		}
	}
	return fc.Close()
}

package calc

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrSyntax is the reason a pasted text is rejected; errors.Is sees it through
// the ParseError that carries its position.
var ErrSyntax = errors.New("cannot read the counts")

// ParseError reports where a pasted text could not be read. Line and Column
// count from 1; Column counts characters, not bytes.
type ParseError struct {
	Line, Column int
	Err          error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Form names the shape of a pasted text of counts.
type Form string

// The forms Parse recognises.
const (
	// FormList is a plain list of numbers: "240, 38", "240 38" or one per line.
	FormList Form = "list"
	// FormLines is one "label: count" line per class; "=" or a tab may stand
	// for the colon, and a label may be double-quoted with Go's escapes.
	FormLines Form = "label: count lines"
)

// Parsed is what a pasted text of counts reads as.
type Parsed struct {
	Form   Form
	Labels []string // nil where the text gave none
	Counts []float64
}

// Parse reads class counts from text, in one of these forms:
//
//	240, 38          →  counts [240 38]               (FormList)
//	240 38           →  counts [240 38]               (FormList)
//	neg: 240         →  labels [neg pos], [240 38]    (FormLines)
//	pos = 38
//
// The first line that is not blank decides the form. An empty text fails with
// ErrNoClasses; anything else that cannot be read fails with a ParseError that
// names its line and column.
func Parse(text string) (Parsed, error) {
	lines := strings.Split(text, "\n")
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if strings.HasPrefix(trimmed, `"`) || strings.ContainsAny(trimmed, ":=\t") {
			return parseLines(lines)
		}
		break
	}
	return parseList(lines)
}

func parseList(lines []string) (Parsed, error) {
	p := Parsed{Form: FormList}
	for lineNo, line := range lines {
		col := 0
		for len(line) > 0 {
			field, rest, skipped := nextListField(line)
			col += utf8.RuneCountInString(line[:skipped])
			if field == "" {
				break
			}
			n, err := parseCount(field)
			if err != nil {
				return Parsed{}, &ParseError{Line: lineNo + 1, Column: col + 1, Err: err}
			}
			p.Counts = append(p.Counts, n)
			col += utf8.RuneCountInString(field)
			line = rest
		}
	}
	if len(p.Counts) == 0 {
		return Parsed{}, ErrNoClasses
	}
	return p, nil
}

// nextListField skips separators at the start of line and returns the next
// field, what follows it, and how many bytes were skipped before it.
func nextListField(line string) (field, rest string, skipped int) {
	trimmed := strings.TrimLeft(line, " \t\r,;")
	skipped = len(line) - len(trimmed)
	end := strings.IndexAny(trimmed, " \t\r,;")
	if end < 0 {
		end = len(trimmed)
	}
	return trimmed[:end], trimmed[end:], skipped
}

// parseCount reads one count: a decimal number, possibly fractional, with an
// optional exponent. It refuses hexadecimal, infinities, NaN and underscores,
// which strconv accepts but no one means as a class count.
func parseCount(s string) (float64, error) {
	for _, r := range s {
		if !strings.ContainsRune("0123456789.eE+-", r) {
			return 0, fmt.Errorf("%w: %q is not a number", ErrSyntax, s)
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if errors.Is(err, strconv.ErrRange) && math.IsInf(n, 0) {
		return 0, fmt.Errorf("%w: %s is too large", ErrBadCount, s)
	}
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a number", ErrSyntax, s)
	}
	if err := checkCount(n); err != nil {
		return 0, err
	}
	return n, nil
}

// parseLines reads one "label: count" line per class.
func parseLines(lines []string) (Parsed, error) {
	p := Parsed{Form: FormLines}
	seen := map[string]int{}
	for lineNo, line := range lines {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		label, countText, countCol, err := splitLabelLine(line)
		if err != nil {
			err.Line = lineNo + 1
			return Parsed{}, err
		}
		n, cerr := parseCount(countText)
		if cerr != nil {
			return Parsed{}, &ParseError{Line: lineNo + 1, Column: countCol, Err: cerr}
		}
		if first, ok := seen[label]; ok {
			return Parsed{}, &ParseError{Line: lineNo + 1, Column: 1, Err: fmt.Errorf(
				"%w: label %q is given twice, on lines %d and %d",
				ErrSyntax, label, first, lineNo+1)}
		}
		seen[label] = lineNo + 1
		p.Labels = append(p.Labels, label)
		p.Counts = append(p.Counts, n)
	}
	return p, nil
}

// splitLabelLine splits `label: count` at the last separator, unquotes a
// quoted label and returns the 1-based column where the count starts. The
// error it returns has no line yet.
func splitLabelLine(line string) (label, count string, countCol int, _ *ParseError) {
	sep := strings.LastIndexAny(line, ":=\t")
	if sep < 0 {
		return "", "", 0, &ParseError{Column: 1, Err: fmt.Errorf(
			"%w: expected \"label: count\" like the lines above", ErrSyntax)}
	}
	rawLabel := strings.TrimSpace(line[:sep])
	labelCol := 1 + utf8.RuneCountInString(line[:strings.Index(line, rawLabel)])
	count = strings.TrimSpace(line[sep+1:])
	countCol = 1 + utf8.RuneCountInString(line[:sep+1])
	countCol += utf8.RuneCountInString(line[sep+1:]) - utf8.RuneCountInString(
		strings.TrimLeft(line[sep+1:], " \t"))
	if count == "" {
		return "", "", 0, &ParseError{Column: countCol, Err: fmt.Errorf(
			"%w: no count after the label", ErrSyntax)}
	}

	label = rawLabel
	if strings.HasPrefix(rawLabel, `"`) {
		unquoted, err := strconv.Unquote(rawLabel)
		if err != nil {
			return "", "", 0, &ParseError{Column: labelCol, Err: fmt.Errorf(
				"%w: the quoted label %s is not closed or has a bad escape", ErrSyntax, rawLabel)}
		}
		label = unquoted
	}
	if label == "" {
		return "", "", 0, &ParseError{Column: labelCol, Err: fmt.Errorf(
			"%w: the label is empty", ErrSyntax)}
	}
	return label, count, countCol, nil
}

// QuoteLabel returns label as it is written in "label: count" lines: as it is
// when Parse reads it back unchanged, else as a double-quoted Go string.
func QuoteLabel(label string) string {
	needsQuotes := label == "" ||
		strings.TrimSpace(label) != label ||
		strings.HasPrefix(label, `"`) ||
		strings.ContainsAny(label, "\n\r\t") ||
		!utf8.ValidString(label)
	if needsQuotes {
		return strconv.Quote(label)
	}
	return label
}

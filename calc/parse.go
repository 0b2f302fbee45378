package calc

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
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

func syntaxError(line, col int, format string, args ...any) *ParseError {
	return &ParseError{Line: line, Column: col,
		Err: fmt.Errorf("%w: "+format, append([]any{ErrSyntax}, args...)...)}
}

// Form names the shape of a pasted text of counts, in words a user
// recognises.
type Form string

// The forms Parse recognises.
const (
	FormList       Form = "list"                  // 240, 38
	FormColonLines Form = "label: count lines"    // neg: 240
	FormEqualLines Form = "label = count lines"   // neg = 240
	FormCSVLines   Form = "label,count lines"     // neg,240
	FormTabLines   Form = "tab-separated lines"   // neg<TAB>240
	FormSpaced     Form = "label count columns"   // neg    240
	FormJSONObject Form = "JSON object"           // {"neg": 240}
	FormJSONArray  Form = "JSON array"            // [240, 38]
	FormPythonDict Form = "Python dict"           // {0: 240, 1: 38}
	FormPandas     Form = "pandas value_counts()" // neg 240 ... Name: label, dtype: int64
	FormUniq       Form = "uniq -c output"        //     240 neg
	FormPsql       Form = "psql table"            //  neg | 240
	FormDuckDB     Form = "DuckDB table"          // │ neg │ 240 │
	FormMySQL      Form = "MySQL table"           // | neg | 240 |
	FormSpark      Form = "Spark show() table"    // |neg|240|
)

// Parsed is what a pasted text of counts reads as.
type Parsed struct {
	Form   Form
	Labels []string // nil where the text gave none
	Counts []float64
	// Header is the header line the text began with, if any, so the page can
	// say it was skipped.
	Header string
}

// entry is one class read from a text, with where it was read.
type entry struct {
	label      string
	count      float64
	line, col  int
	labelGiven bool
}

// Parse reads class counts from text pasted in any of the common forms:
//
//	240, 38                          list (also "240 38", one number per line)
//	neg: 240                         label: count lines ("=" also works)
//	neg,240 / neg<TAB>240            label,count or tab-separated lines, header optional
//	{"neg": 240, "pos": 38}          JSON object; [240, 38] a JSON array
//	{0: 240, 1: 38}                  Python dict, also Counter({...})
//	neg    240                       pandas value_counts(), with its header and
//	Name: label, dtype: int64        Name/dtype footer
//	    240 neg                      uniq -c
//	 label | count                   psql; DuckDB, MySQL and Spark tables too
//	-------+------
//	 neg   |   240
//
// It reports which form it recognised. An empty text fails with ErrNoClasses;
// anything that cannot be read fails with a ParseError naming its line and
// column and what was expected there. A label given twice is an error that
// names it and both lines.
func Parse(text string) (Parsed, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	first := firstContentLine(lines)
	if first < 0 {
		return Parsed{}, ErrNoClasses
	}
	head := strings.TrimSpace(lines[first])

	var (
		p   Parsed
		es  []entry
		err error
	)
	switch {
	case strings.HasPrefix(head, "{") || strings.HasPrefix(head, "[") ||
		strings.HasPrefix(head, "Counter(") || strings.HasPrefix(head, "array("):
		p.Form, es, err = parseBraced(text)
	case isTableBorder(head) || strings.HasPrefix(head, "|") ||
		strings.HasPrefix(head, "│") || strings.HasPrefix(head, "┃") || hasPsqlRule(lines):
		p.Form, es, p.Header, err = parseTable(lines)
	case hasPandasFooter(lines):
		p.Form = FormPandas
		es, p.Header, err = parseSpaced(lines, false)
	default:
		p.Form, es, p.Header, err = parseLineForms(lines, first)
	}
	if err != nil {
		return Parsed{}, err
	}
	return finish(p, es)
}

// finish checks the entries for empty and duplicated labels and fills p.
func finish(p Parsed, es []entry) (Parsed, error) {
	if len(es) == 0 {
		return Parsed{}, ErrNoClasses
	}
	hasLabels := es[0].labelGiven
	seen := make(map[string]entry, len(es))
	for _, e := range es {
		if hasLabels {
			if e.label == "" {
				return Parsed{}, syntaxError(e.line, e.col, "the label is empty")
			}
			if prev, ok := seen[e.label]; ok {
				return Parsed{}, syntaxError(e.line, e.col,
					"label %q is given twice, on lines %d and %d", e.label, prev.line, e.line)
			}
			seen[e.label] = e
			p.Labels = append(p.Labels, e.label)
		}
		p.Counts = append(p.Counts, e.count)
	}
	return p, nil
}

func firstContentLine(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i
		}
	}
	return -1
}

// column returns the 1-based character column of byte offset off in line.
func column(line string, off int) int {
	return 1 + utf8.RuneCountInString(line[:off])
}

// parseCount reads one count: a decimal number, possibly fractional, with an
// optional exponent and thousands separators written as "_" or ",". It
// refuses hexadecimal, infinities and NaN, which strconv accepts but no one
// means as a class count.
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

func isNumber(s string) bool {
	_, err := parseCount(s)
	return err == nil
}

// countAt reads a count found at byte offset off of line.
func countAt(line string, lineNo, off int, s string) (float64, error) {
	n, err := parseCount(s)
	if err != nil {
		return 0, &ParseError{Line: lineNo, Column: column(line, off), Err: err}
	}
	return n, nil
}

// ---- Line forms ----------------------------------------------------------

// parseLineForms reads the forms with one class per line, or a plain list.
// The first line that is not blank decides the form; a first line whose
// count is not a number is a header.
func parseLineForms(lines []string, first int) (Form, []entry, string, error) {
	head := strings.TrimSpace(lines[first])
	if looksLikeList(lines[first]) {
		es, err := parseList(lines)
		return FormList, es, "", err
	}

	var form Form
	sep := ""
	switch {
	case strings.HasPrefix(head, `"`) && !strings.Contains(head, ","):
		form, sep = FormColonLines, ":=\t"
	case strings.ContainsAny(head, ":") && !strings.Contains(head, "\t"):
		form, sep = FormColonLines, ":=\t"
	case strings.Contains(head, "=") && !strings.Contains(head, "\t"):
		form, sep = FormEqualLines, ":=\t"
	case strings.Contains(head, "\t"):
		form = FormTabLines
	case strings.Contains(head, ","):
		form = FormCSVLines
	default:
		return parseSpacedOrUniq(lines, first)
	}

	if form == FormTabLines || form == FormCSVLines {
		es, header, err := parseDelimited(lines, form)
		return form, es, header, err
	}
	es, err := parseSeparated(lines, sep, form)
	return form, es, "", err
}

// looksLikeList reports whether a first line starts a plain list: it holds
// only numbers and separators, or it starts with a number, has no label
// separator (":", "=", tab) and is not uniq -c output, whose counts are
// indented. A list with a typo then gets an error at the typo.
func looksLikeList(line string) bool {
	fields := strings.FieldsFunc(line, isListSeparator)
	allNumbers := true
	for _, f := range fields {
		allNumbers = allNumbers && isNumber(f)
	}
	if allNumbers {
		return true
	}
	isIndented := strings.TrimLeft(line, " \t") != line
	return isNumber(fields[0]) && !strings.ContainsAny(line, ":=\t") &&
		!(isIndented && !strings.ContainsAny(line, ",;"))
}

func isListSeparator(r rune) bool {
	return r == ',' || r == ';' || unicode.IsSpace(r)
}

// parseList reads numbers separated by commas, semicolons, spaces or lines.
func parseList(lines []string) ([]entry, error) {
	var es []entry
	for i, line := range lines {
		off, col := 0, 1 // col is off's character column, kept as off moves
		for off < len(line) {
			r, size := utf8.DecodeRuneInString(line[off:])
			if isListSeparator(r) {
				off += size
				col++
				continue
			}
			end := off + strings.IndexFunc(line[off:], isListSeparator)
			if end < off {
				end = len(line)
			}
			n, err := parseCount(line[off:end])
			if err != nil {
				if errors.Is(err, ErrSyntax) {
					err = fmt.Errorf("%w: %q is not a number, and a list holds only counts",
						ErrSyntax, line[off:end])
				}
				return nil, &ParseError{Line: i + 1, Column: col, Err: err}
			}
			es = append(es, entry{count: n, line: i + 1, col: col})
			col += utf8.RuneCountInString(line[off:end])
			off = end
		}
	}
	return es, nil
}

// parseSeparated reads "label: count" or "label = count" lines, splitting at
// the last separator; a label may be double-quoted with Go's escapes.
func parseSeparated(lines []string, seps string, form Form) ([]entry, error) {
	var es []entry
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		sep := strings.LastIndexAny(line, seps)
		if sep < 0 {
			return nil, syntaxError(i+1, 1, "expected %q like the lines above", formExample(form))
		}
		label, col, err := readLabel(line, 0, sep, i+1)
		if err != nil {
			return nil, err
		}
		countOff := sep + 1 + leadingSpace(line[sep+1:])
		countText := strings.TrimSpace(line[sep+1:])
		if countText == "" {
			return nil, syntaxError(i+1, column(line, countOff), "no count after the label")
		}
		n, err := countAt(line, i+1, countOff, countText)
		if err != nil {
			return nil, err
		}
		es = append(es, entry{label: label, count: n, line: i + 1, col: col, labelGiven: true})
	}
	return es, nil
}

func formExample(f Form) string {
	switch f {
	case FormEqualLines:
		return "label = count"
	case FormCSVLines:
		return "label,count"
	case FormTabLines:
		return "label<TAB>count"
	case FormUniq:
		return "count label"
	case FormSpaced, FormPandas:
		return "label   count"
	}
	return "label: count"
}

func leadingSpace(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

// readLabel reads the label in line[start:end], trimmed, unquoting a
// double-quoted one, and returns it with its column.
func readLabel(line string, start, end, lineNo int) (string, int, error) {
	raw := line[start:end]
	off := start + leadingSpace(raw)
	raw = strings.TrimSpace(raw)
	col := column(line, off)
	if !strings.HasPrefix(raw, `"`) {
		return raw, col, nil
	}
	label, err := strconv.Unquote(raw)
	if err != nil {
		return "", 0, syntaxError(lineNo, col,
			"the quoted label %s is not closed or has a bad escape", raw)
	}
	return label, col, nil
}

// parseDelimited reads label,count or label<TAB>count lines with
// encoding/csv, so that quoted labels may hold the delimiter. A first line
// whose second field is not a number is a header.
func parseDelimited(lines []string, form Form) ([]entry, string, error) {
	delim := ','
	if form == FormTabLines {
		delim = '\t'
	}
	r := csv.NewReader(strings.NewReader(strings.Join(lines, "\n")))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = form == FormTabLines

	var es []entry
	header := ""
	for row := 0; ; row++ {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, "", syntaxError(pe.Line, pe.Column, "%v", pe.Err)
		}
		if err != nil {
			return nil, "", err
		}
		line, _ := r.FieldPos(0)
		if len(fields) != 2 {
			return nil, "", syntaxError(line, 1, "expected two fields, %q, found %d",
				formExample(form), len(fields))
		}
		countText := strings.TrimSpace(fields[1])
		if row == 0 && !isNumber(countText) {
			header = strings.Join(fields, string(delim))
			continue
		}
		_, col := r.FieldPos(1)
		n, err := parseCount(countText)
		if err != nil {
			return nil, "", &ParseError{Line: line, Column: col, Err: err}
		}
		_, labelCol := r.FieldPos(0)
		es = append(es, entry{label: strings.TrimSpace(fields[0]), count: n, line: line,
			col: labelCol, labelGiven: true})
	}
	return es, header, nil
}

// parseSpacedOrUniq reads lines of a label and a count separated by spaces:
// "    240 neg" (uniq -c) when the count comes first, "neg    240" (pandas
// without its footer) when it comes last.
func parseSpacedOrUniq(lines []string, first int) (Form, []entry, string, error) {
	fields := strings.Fields(lines[first])
	if len(fields) >= 2 && isNumber(fields[0]) && !isNumber(fields[len(fields)-1]) {
		es, err := parseUniq(lines)
		return FormUniq, es, "", err
	}
	es, header, err := parseSpaced(lines, true)
	return FormSpaced, es, header, err
}

// parseUniq reads "count label" lines as uniq -c writes them.
func parseUniq(lines []string) ([]entry, error) {
	var es []entry
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		off := leadingSpace(line)
		end := off + strings.IndexAny(line[off:], " \t")
		if end < off {
			return nil, syntaxError(i+1, column(line, off),
				"expected %q like the lines above", formExample(FormUniq))
		}
		n, err := countAt(line, i+1, off, line[off:end])
		if err != nil {
			return nil, err
		}
		// uniq -c puts one space between count and line; the rest is the label.
		es = append(es, entry{label: line[end+1:], count: n, line: i + 1,
			col: column(line, end+1), labelGiven: true})
	}
	return es, nil
}

// hasPandasFooter reports whether the text has pandas' Series footer:
// "Name: label, dtype: int64" or "dtype: int64".
func hasPandasFooter(lines []string) bool {
	for _, l := range lines {
		l = strings.TrimSpace(l)
		i := strings.LastIndex(l, "dtype: ")
		if i < 0 || isNumber(l[i+len("dtype: "):]) {
			continue
		}
		if i == 0 || (strings.HasPrefix(l, "Name: ") && strings.HasSuffix(l[:i], ", ")) {
			return true
		}
	}
	return false
}

// parseSpaced reads "label   count" lines, the label being everything before
// the last run of spaces. A first line without a count is a header (pandas
// prints the index name there); pandas' footer ends the classes. When
// isStrict is false, lines after the footer are ignored.
func parseSpaced(lines []string, isStrict bool) ([]entry, string, error) {
	var es []entry
	header := ""
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if strings.HasPrefix(trimmed, "Name:") || strings.HasPrefix(trimmed, "dtype:") ||
			strings.HasPrefix(trimmed, "Length:") {
			if isStrict {
				return nil, "", syntaxError(i+1, 1, "a pandas footer in the middle of the counts")
			}
			break
		}
		end := len(strings.TrimRight(line, " \t"))
		sep := strings.LastIndexAny(line[:end], " \t")
		if sep < 0 || strings.TrimSpace(line[:sep]) == "" {
			if len(es) == 0 && header == "" && !isNumber(trimmed) {
				header = trimmed
				continue
			}
			return nil, "", syntaxError(i+1, column(line, leadingSpace(line)),
				"expected %q like the lines above", formExample(FormSpaced))
		}
		n, err := countAt(line, i+1, sep+1, line[sep+1:end])
		if err != nil {
			if len(es) == 0 && header == "" {
				header = trimmed
				continue
			}
			return nil, "", err
		}
		label, col, err := readLabel(line, 0, sep, i+1)
		if err != nil {
			return nil, "", err
		}
		es = append(es, entry{label: label, count: n, line: i + 1, col: col, labelGiven: true})
	}
	return es, header, nil
}

// ---- JSON and Python ----------------------------------------------------

// parseBraced reads a JSON object or array, a Python dict (also inside
// Counter(...)) or a numpy array(...).
func parseBraced(text string) (Form, []entry, error) {
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "array(") || strings.HasPrefix(trimmed, "Counter(") {
		es, err := parsePython(text)
		if strings.HasPrefix(trimmed, "array(") {
			return FormList, es, err
		}
		return FormPythonDict, es, err
	}
	if strings.HasPrefix(trimmed, "[") {
		es, err := parseJSONArray(text)
		return FormJSONArray, es, err
	}
	// A JSON object's keys are double-quoted; anything else is Python.
	afterBrace := strings.TrimLeft(trimmed[1:], " \t\r\n")
	if strings.HasPrefix(afterBrace, `"`) || strings.HasPrefix(afterBrace, "}") {
		es, err := parseJSONObject(text)
		return FormJSONObject, es, err
	}
	es, err := parsePython(text)
	return FormPythonDict, es, err
}

// position converts a byte offset of text to a line and character column.
func position(text string, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	before := text[:off]
	line = 1 + strings.Count(before, "\n")
	start := strings.LastIndex(before, "\n") + 1
	return line, 1 + utf8.RuneCountInString(before[start:])
}

func jsonError(text string, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	off := int(dec.InputOffset())
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	line, col := position(text, off)
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "the JSON ends too early"
	}
	return syntaxError(line, col, "%s", msg)
}

// parseJSONObject reads {"label": count, ...}, keeping the order of the keys.
func parseJSONObject(text string) ([]entry, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(text, dec, err)
	}
	var es []entry
	for dec.More() {
		keyOff := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(text, dec, err)
		}
		key, _ := tok.(string)
		valueOff := int(dec.InputOffset())
		tok, err = dec.Token()
		if err != nil {
			return nil, jsonError(text, dec, err)
		}
		line, col := position(text, valueOff+leadingJSONSpace(text[valueOff:]))
		num, ok := tok.(json.Number)
		if !ok {
			return nil, syntaxError(line, col, "the value of %q is not a number", key)
		}
		n, err := parseCount(num.String())
		if err != nil {
			return nil, &ParseError{Line: line, Column: col, Err: err}
		}
		kl, kc := position(text, keyOff+leadingJSONSpace(text[keyOff:]))
		es = append(es, entry{label: key, count: n, line: kl, col: kc, labelGiven: true})
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(text, dec, err)
	}
	if rest := strings.TrimSpace(text[dec.InputOffset():]); rest != "" {
		line, col := position(text, int(dec.InputOffset())+leadingJSONSpace(text[dec.InputOffset():]))
		return nil, syntaxError(line, col, "unexpected text after the JSON object")
	}
	return es, nil
}

// leadingJSONSpace counts the bytes of white space and one separator that
// the decoder's offset stands before.
func leadingJSONSpace(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t\r\n,:"))
}

// parseJSONArray reads [240, 38].
func parseJSONArray(text string) ([]entry, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var raw []any
	if err := dec.Decode(&raw); err != nil {
		return nil, jsonError(text, dec, err)
	}
	// Find each element's position by scanning again with tokens.
	dec = json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	dec.Token()
	var es []entry
	for i := 0; dec.More(); i++ {
		off := int(dec.InputOffset())
		tok, _ := dec.Token()
		line, col := position(text, off+leadingJSONSpace(text[off:]))
		num, ok := tok.(json.Number)
		if !ok {
			return nil, syntaxError(line, col, "element %d is not a number", i+1)
		}
		n, err := parseCount(num.String())
		if err != nil {
			return nil, &ParseError{Line: line, Column: col, Err: err}
		}
		es = append(es, entry{count: n, line: line, col: col})
	}
	if rest := strings.TrimSpace(text[dec.InputOffset()+1:]); rest != "" {
		line, col := position(text, strings.LastIndex(text, rest))
		return nil, syntaxError(line, col, "unexpected text after the JSON array")
	}
	return es, nil
}

// parsePython reads a Python dict literal, {0: 240, 'pos': 38}, possibly
// wrapped in Counter(...), or a numpy array([240, 38]).
func parsePython(text string) ([]entry, error) {
	s := pyScanner{text: text}
	s.skipSpace()
	isArray := false
	switch {
	case s.consume("Counter("):
		s.skipSpace()
	case s.consume("array("):
		isArray = true
		s.skipSpace()
	}
	open, close := byte('{'), byte('}')
	if isArray {
		open, close = '[', ']'
	}
	if !s.consumeByte(open) {
		return nil, s.errorf("expected %q", string(open))
	}

	var es []entry
	for {
		s.skipSpace()
		if s.consumeByte(close) {
			break
		}
		if len(es) > 0 {
			if !s.consumeByte(',') {
				return nil, s.errorf("expected \",\" or %q", string(close))
			}
			s.skipSpace()
			if s.consumeByte(close) {
				break
			}
		}
		e := entry{labelGiven: !isArray}
		if !isArray {
			e.line, e.col = position(text, s.off)
			label, err := s.key()
			if err != nil {
				return nil, err
			}
			e.label = label
			s.skipSpace()
			if !s.consumeByte(':') {
				return nil, s.errorf("expected \":\" after the key %q", label)
			}
			s.skipSpace()
		}
		line, col := position(text, s.off)
		if isArray {
			e.line, e.col = line, col
		}
		word := s.word()
		n, err := parseCount(word)
		if err != nil {
			return nil, &ParseError{Line: line, Column: col, Err: err}
		}
		e.count = n
		es = append(es, e)
	}
	s.skipSpace()
	s.consumeByte(')')
	if isArray {
		s.skipSpace()
		if s.consumeByte(',') { // array([...], dtype=int64)
			s.off = strings.LastIndexByte(text, ')') + 1
		}
	}
	s.skipSpace()
	if s.off < len(text) {
		return nil, s.errorf("unexpected text after the closing %q", string(close))
	}
	return es, nil
}

// pyScanner walks a Python literal.
type pyScanner struct {
	text string
	off  int
}

func (s *pyScanner) errorf(format string, args ...any) error {
	line, col := position(s.text, s.off)
	return syntaxError(line, col, format, args...)
}

func (s *pyScanner) skipSpace() {
	for s.off < len(s.text) && strings.IndexByte(" \t\r\n", s.text[s.off]) >= 0 {
		s.off++
	}
}

func (s *pyScanner) consume(prefix string) bool {
	if strings.HasPrefix(s.text[s.off:], prefix) {
		s.off += len(prefix)
		return true
	}
	return false
}

func (s *pyScanner) consumeByte(b byte) bool {
	if s.off < len(s.text) && s.text[s.off] == b {
		s.off++
		return true
	}
	return false
}

// word reads up to the next separator of a literal.
func (s *pyScanner) word() string {
	start := s.off
	for s.off < len(s.text) && strings.IndexByte(" \t\r\n,:}])", s.text[s.off]) < 0 {
		s.off++
	}
	return s.text[start:s.off]
}

// key reads a dict key: a quoted string (single or double quotes, with
// backslash escapes) or a bare word such as 0, True or None.
func (s *pyScanner) key() (string, error) {
	if s.off >= len(s.text) {
		return "", s.errorf("expected a key")
	}
	q := s.text[s.off]
	if q != '\'' && q != '"' {
		w := s.word()
		if w == "" {
			return "", s.errorf("expected a key")
		}
		return w, nil
	}
	start := s.off
	var b strings.Builder
	for s.off++; s.off < len(s.text); s.off++ {
		c := s.text[s.off]
		switch {
		case c == '\\' && s.off+1 < len(s.text):
			s.off++
			switch e := s.text[s.off]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(e)
			}
		case c == q:
			s.off++
			return b.String(), nil
		case c == '\n':
			s.off = start
			return "", s.errorf("the quoted key is not closed on its line")
		default:
			b.WriteByte(c)
		}
	}
	s.off = start
	return "", s.errorf("the quoted key is not closed")
}

// ---- Tables ---------------------------------------------------------------

// isTableBorder reports whether line is a border or rule of a drawn table.
func isTableBorder(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" {
		return false
	}
	hasDash := false
	for _, r := range line {
		switch {
		case r == '-' || r == '─' || r == '━' || r == '=' || r == '═':
			hasDash = true
		case strings.ContainsRune("+|┌┬┐├┼┤└┴┘╞╪╡┏┳┓┣╋┫┗┻┛", r):
		default:
			return false
		}
	}
	return hasDash
}

// hasPsqlRule reports whether a header rule like "-----+-----" follows a line
// with a "|".
func hasPsqlRule(lines []string) bool {
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "-") && strings.Contains(l, "+") && isTableBorder(l) &&
			strings.Contains(lines[i-1], "|") {
			return true
		}
	}
	return false
}

// tableRow is one row of cells of a drawn table.
type tableRow struct {
	line  int
	cells []string
	cols  []int // character column of each cell
}

// splitCells splits a table line at its cell separators, dropping the outer
// border cells when the table has them.
func splitCells(line string, hasBorder bool) ([]string, []int) {
	var cells []string
	var cols []int
	start := 0
	for i, r := range line {
		if r == '|' || r == '│' || r == '┃' {
			cells = append(cells, line[start:i])
			cols = append(cols, column(line, start))
			start = i + utf8.RuneLen(r)
		}
	}
	cells = append(cells, line[start:])
	cols = append(cols, column(line, start))
	if hasBorder && len(cells) >= 2 {
		cells, cols = cells[1:len(cells)-1], cols[1:len(cols)-1]
	}
	for i, c := range cells {
		cols[i] += leadingSpace(c)
		cells[i] = strings.TrimSpace(c)
	}
	return cells, cols
}

// isTableFooter reports whether line is a row count that a SQL client prints
// under its table.
func isTableFooter(line string) bool {
	l := strings.TrimSpace(line)
	return (strings.HasPrefix(l, "(") && strings.HasSuffix(l, ")") && strings.Contains(l, "row")) ||
		strings.Contains(l, " in set") || strings.HasPrefix(l, "only showing top") ||
		strings.HasSuffix(l, " rows") || strings.HasSuffix(l, " row")
}

// countColumnNames are header names that mark the column of counts.
var countColumnNames = map[string]bool{
	"count": true, "n": true, "cnt": true, "count(*)": true, "count_star()": true,
	"frequency": true, "freq": true, "num": true, "total": true, "counts": true,
	"count(1)": true, "f0_": true, "size": true, "examples": true, "rows": true,
}

// parseTable reads the table of a SQL GROUP BY as psql, DuckDB, MySQL or
// Spark's show() prints it. The header is the first row; rows before the
// first rule under it (DuckDB's types) are skipped. The count column is the
// one named like a count, else the last; the label is the first other column.
func parseTable(lines []string) (Form, []entry, string, error) {
	form := FormPsql
	var header *tableRow
	var rows []tableRow
	sawRuleAfterHeader := false
	hasBorder := false
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case t == "" || isTableFooter(t):
			continue
		case isTableBorder(t):
			if strings.ContainsAny(t, "┌├└─") {
				form = FormDuckDB
			} else if strings.HasPrefix(t, "+") && form == FormPsql {
				form = FormMySQL
			}
			if header != nil {
				sawRuleAfterHeader = true
			}
			continue
		}
		if header == nil {
			hasBorder = strings.IndexAny(t, "|│┃") == 0
		}
		cells, cols := splitCells(line, hasBorder)
		row := tableRow{line: i + 1, cells: cells, cols: cols}
		switch {
		case header == nil:
			header = &row
			if form == FormMySQL && strings.HasPrefix(t, "|") && !strings.HasPrefix(t, "| ") {
				form = FormSpark
			}
		case !sawRuleAfterHeader:
			// DuckDB's row of column types, or a wrapped header.
		default:
			rows = append(rows, row)
		}
	}
	if header == nil {
		return form, nil, "", ErrNoClasses
	}
	if len(header.cells) < 2 {
		return form, nil, "", syntaxError(header.line, 1,
			"expected a table with a label column and a count column")
	}

	countCol := len(header.cells) - 1
	for j, name := range header.cells {
		if countColumnNames[strings.ToLower(name)] {
			countCol = j
			break
		}
	}
	labelCol := 0
	if countCol == 0 {
		labelCol = 1
	}

	var es []entry
	for _, row := range rows {
		if len(row.cells) != len(header.cells) {
			return form, nil, "", syntaxError(row.line, 1,
				"expected %d cells like the header, found %d", len(header.cells), len(row.cells))
		}
		n, err := parseCount(row.cells[countCol])
		if err != nil {
			return form, nil, "", &ParseError{Line: row.line, Column: row.cols[countCol],
				Err: fmt.Errorf("%w (column %q holds the counts)", err, header.cells[countCol])}
		}
		es = append(es, entry{label: row.cells[labelCol], count: n, line: row.line,
			col: row.cols[labelCol], labelGiven: true})
	}
	return form, es, strings.Join(header.cells, " | "), nil
}

// QuoteLabel returns label as it is written in "label: count" lines: as it is
// when Parse reads it back unchanged, else as a double-quoted Go string.
func QuoteLabel(label string) string {
	needsQuotes := label == "" ||
		strings.TrimSpace(label) != label ||
		strings.IndexAny(label, "\"{[|│┃") == 0 ||
		strings.HasPrefix(label, "Counter(") || strings.HasPrefix(label, "array(") ||
		strings.IndexFunc(label, unicode.IsControl) >= 0 ||
		!utf8.ValidString(label)
	if needsQuotes {
		return strconv.Quote(label)
	}
	return label
}

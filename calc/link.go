package calc

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"net/url"
	"strconv"
	"strings"
)

// State is everything a share link carries: the classes, the controls of the
// page, and the formula being checked. Its zero value is not the page's
// default; start from DefaultState.
type State struct {
	// Text is what the counts box holds. Links carry it as counts and labels
	// when it can be read, else as it is.
	Text     string
	Positive int    // the positive class of two, 0 or 1
	Scheme   string // the scheme of the code to paste
	Norm     Norm
	Params   Params
	Target   Target
	Formula  string // the formula in the checker
	Present  bool   // presentation mode
	// Parts are the counts of several files, each a split or a dataset;
	// Text then holds the counts the weights come from.
	Parts []Part
	// MultiLabel holds the multi-label files: rows and positives per column.
	MultiLabel []MultiLabelPart
}

// MultiLabelPart is a multi-label file's counts: its number of rows and, for
// each of its 0/1 columns, the rows where it is 1.
type MultiLabelPart struct {
	Name      string
	Rows      float64
	Columns   []string
	Positives []float64
}

// DefaultState is the page's state on a first visit, apart from the counts.
func DefaultState() State {
	return State{Positive: 1, Scheme: Balanced.ID, Norm: NormNative, Params: DefaultParams(),
		Target: TargetPyTorch}
}

// Link parameters besides counts and labels, all optional:
//
//	pos=0          the positive class of two (default 1, the second)
//	scheme=ID      the scheme of the code to paste (default balanced)
//	norm=ID        the normalisation (default native)
//	beta, mu, c, tau  the parameters (defaults 0.999, 0.15, 1.02, 1)
//	code=ID        the framework of the code (default pytorch)
//	f=FORMULA      the formula in the checker
//	present=1      presentation mode
//	text=TEXT      the counts box as typed, when it cannot be read as counts
//	z=DATA         the classes in compact form, for long lists (see below)
//	partlabels=L   the labels of the parts below, separated by commas as labels are
//	part=R,NAME,n1,n2,...  one split or dataset (repeated): its role (train,
//	               validation, test or dataset), name and counts in the order
//	               of partlabels, written as labels are
//	ml=NAME,ROWS,COLUMN,POSITIVES,...  a multi-label file (repeated): its
//	               name, rows, and each 0/1 column with its positive rows
const (
	paramText     = "text"
	paramCompact  = "z"
	paramPositive = "pos"
	paramScheme   = "scheme"
	paramNorm     = "norm"
	paramTarget   = "code"
	paramFormula  = "f"
	paramPresent  = "present"
	paramPart     = "part"
	paramMulti    = "ml"
	paramPartTags = "partlabels"
)

// compactThreshold is the length of the readable classes above which a link
// uses the compact form.
const compactThreshold = 1200

// Query returns the query of the link to s, parameters at their defaults left
// out, commas left readable.
func (s State) Query() string {
	q := url.Values{}
	parsed, err := Parse(s.Text)
	switch {
	case err != nil && strings.TrimSpace(s.Text) != "":
		q.Set(paramText, s.Text)
	case err == nil:
		readable := EncodeLink(parsed.Labels, parsed.Counts)
		if len(readable.Encode()) > compactThreshold {
			q.Set(paramCompact, encodeCompact(parsed.Labels, parsed.Counts))
		} else {
			for k, v := range readable {
				q[k] = v
			}
		}
	}

	def := DefaultState()
	if s.Positive != def.Positive {
		q.Set(paramPositive, strconv.Itoa(s.Positive))
	}
	if s.Scheme != def.Scheme && s.Scheme != "" {
		q.Set(paramScheme, s.Scheme)
	}
	if s.Norm != def.Norm && s.Norm != "" {
		q.Set(paramNorm, string(s.Norm))
	}
	for _, p := range AllParams {
		if v := p.Get(s.Params); v != p.Get(def.Params) {
			q.Set(paramToken(p), FormatFloat(v))
		}
	}
	if s.Target != def.Target && s.Target != "" {
		q.Set(paramTarget, string(s.Target))
	}
	if s.Formula != "" {
		q.Set(paramFormula, s.Formula)
	}
	if s.Present {
		q.Set(paramPresent, "1")
	}
	if len(s.Parts) > 0 {
		labels, _ := Pool(s.Parts)
		q.Set(paramPartTags, JoinLabels(labels))
		for _, p := range s.Parts {
			index := map[string]float64{}
			for i, l := range p.Labels {
				index[l] = p.Counts[i]
			}
			fields := []string{string(p.Role), p.Name}
			for _, l := range labels {
				fields = append(fields, FormatFloat(index[l]))
			}
			q.Add(paramPart, JoinLabels(fields))
		}
	}
	for _, m := range s.MultiLabel {
		fields := []string{m.Name, FormatFloat(m.Rows)}
		for j, col := range m.Columns {
			fields = append(fields, col, FormatFloat(m.Positives[j]))
		}
		q.Add(paramMulti, JoinLabels(fields))
	}
	return strings.ReplaceAll(q.Encode(), "%2C", ",")
}

// paramToken is a parameter's name in links: "c" for the ENet constant.
func paramToken(p *Param) string {
	if p == ParamEnetC {
		return "c"
	}
	return p.ID
}

// ParseState reads a link's query. Whatever cannot be read is left at its
// default and reported, one error per parameter, so that the page opens with
// the rest.
func ParseState(q url.Values) (State, []error) {
	s := DefaultState()
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	switch {
	case q.Has(paramCompact):
		labels, counts, err := decodeCompact(q.Get(paramCompact))
		if err != nil {
			fail("the compact classes (z) cannot be read: %v", err)
			break
		}
		texts := make([]string, len(counts))
		for i, n := range counts {
			texts[i] = FormatFloat(n)
		}
		if labels == nil {
			s.Text = strings.Join(texts, ", ")
		} else {
			s.Text = FormatLines(labels, texts)
		}
	case q.Has(paramCounts) || q.Has(paramLabels):
		text, err := DecodeLink(q)
		s.Text = text
		if err != nil {
			errs = append(errs, err)
		}
	case q.Has(paramText):
		s.Text = q.Get(paramText)
	}

	if v := q.Get(paramPositive); v != "" {
		if v == "0" || v == "1" {
			s.Positive = int(v[0] - '0')
		} else {
			fail("the positive class (pos) must be 0 or 1, not %q", v)
		}
	}
	if v := q.Get(paramScheme); v != "" {
		if sc, err := SchemeByID(v); err == nil {
			s.Scheme = sc.ID
		} else {
			fail("unknown scheme %q", v)
		}
	}
	if v := q.Get(paramNorm); v != "" {
		if n, err := ParseNorm(v); err == nil {
			s.Norm = n
		} else {
			fail("unknown normalisation %q", v)
		}
	}
	for _, p := range AllParams {
		v := q.Get(paramToken(p))
		if v == "" {
			continue
		}
		x, err := p.Parse(v)
		if err != nil {
			fail("%s = %q: %s must be %s", paramToken(p), v, p.Symbol, p.Range())
			continue
		}
		s.Params, _ = p.Set(s.Params, x)
	}
	if v := q.Get(paramTarget); v != "" {
		if t, err := ParseTarget(v); err == nil {
			s.Target = t
		} else {
			fail("unknown framework %q", v)
		}
	}
	s.Formula = q.Get(paramFormula)
	s.Present = q.Get(paramPresent) == "1"
	if q.Has(paramPart) {
		parts, err := parseParts(SplitLabels(q.Get(paramPartTags)), q[paramPart])
		if err != nil {
			errs = append(errs, err)
		}
		s.Parts = parts
	}
	for i, raw := range q[paramMulti] {
		m, err := parseMultiLabel(SplitLabels(raw))
		if err != nil {
			fail("multi-label file %d: %v", i+1, err)
			continue
		}
		s.MultiLabel = append(s.MultiLabel, m)
	}
	return s, errs
}

// parseMultiLabel reads the fields of an ml parameter.
func parseMultiLabel(fields []string) (MultiLabelPart, error) {
	if len(fields) < 4 || len(fields)%2 != 0 {
		return MultiLabelPart{}, errors.New("expected a name, the rows, then columns and positives")
	}
	rows, err := parseCount(fields[1])
	if err != nil {
		return MultiLabelPart{}, fmt.Errorf("rows: %q is not a count", fields[1])
	}
	m := MultiLabelPart{Name: fields[0], Rows: rows}
	for j := 2; j < len(fields); j += 2 {
		n, err := parseCount(fields[j+1])
		if err != nil || n > rows {
			return MultiLabelPart{}, fmt.Errorf("column %q: %q is not a count of rows", fields[j], fields[j+1])
		}
		m.Columns = append(m.Columns, fields[j])
		m.Positives = append(m.Positives, n)
	}
	return m, nil
}

// parseParts reads the part parameters of a link, keeping the parts that
// can be read.
func parseParts(labels []string, raw []string) ([]Part, error) {
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l] {
			return nil, fmt.Errorf("the parts' label %q is given twice", l)
		}
		seen[l] = true
	}
	var parts []Part
	var problems []string
	for i, r := range raw {
		fields := SplitLabels(r)
		if len(fields) != 2+len(labels) {
			problems = append(problems, fmt.Sprintf("part %d has %d counts for %d labels",
				i+1, max(len(fields)-2, 0), len(labels)))
			continue
		}
		role, err := ParseRole(fields[0])
		if err != nil {
			problems = append(problems, fmt.Sprintf("part %d: unknown role %q", i+1, fields[0]))
			continue
		}
		p := Part{Name: fields[1], Role: role}
		for j, text := range fields[2:] {
			n, err := parseCount(text)
			if err != nil {
				problems = append(problems, fmt.Sprintf("part %d, label %q: %v", i+1, labels[j],
					strings.TrimPrefix(err.Error(), ErrSyntax.Error()+": ")))
				p.Labels = nil
				break
			}
			p.Labels = append(p.Labels, labels[j])
			p.Counts = append(p.Counts, n)
		}
		if p.Labels != nil {
			parts = append(parts, p)
		}
	}
	if problems != nil {
		return parts, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return parts, nil
}

// encodeCompact writes classes in the compact form of links: base64url
// without padding of the DEFLATE compression of
//
//	the version byte 1, a flags byte (1: labels follow, 2: whole counts),
//	K as a uvarint, K counts, then, when labelled, K labels (a uvarint
//	length, UTF-8 bytes).
//
// With flag 2 the counts are whole: a byte w, then each count in w bits, the
// first count in the lowest bits of the first byte. Otherwise a whole count n
// below 2^53 is the uvarint 2·n, and any other count the uvarint 1 followed
// by its 8 bytes of float64, little-endian.
func encodeCompact(labels []string, counts []float64) string {
	var raw bytes.Buffer
	raw.WriteByte(1)
	var flags byte
	if labels != nil {
		flags |= 1
	}
	isWhole := true
	for _, n := range counts {
		isWhole = isWhole && n == math.Trunc(n) && n >= 0 && n < 1<<53
	}
	if isWhole {
		flags |= 2
	}
	raw.WriteByte(flags)
	raw.Write(binary.AppendUvarint(nil, uint64(len(counts))))
	if isWhole {
		raw.Write(packBits(counts))
	}
	for _, n := range counts {
		if isWhole {
			break
		}
		if n == math.Trunc(n) && n >= 0 && n < 1<<53 {
			raw.Write(binary.AppendUvarint(nil, 2*uint64(n)))
			continue
		}
		raw.Write(binary.AppendUvarint(nil, 1))
		raw.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(n)))
	}
	for _, l := range labels {
		raw.Write(binary.AppendUvarint(nil, uint64(len(l))))
		raw.WriteString(l)
	}

	var packed bytes.Buffer
	w, _ := flate.NewWriter(&packed, flate.BestCompression)
	w.Write(raw.Bytes())
	w.Close()
	return base64.RawURLEncoding.EncodeToString(packed.Bytes())
}

// maxCompactBytes bounds what a compact link may expand to, so that a
// crafted link cannot exhaust memory.
const maxCompactBytes = 64 << 20

var errCompact = errors.New("the data is damaged or cut short")

func decodeCompact(s string) (labels []string, counts []float64, err error) {
	packed, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, nil, errCompact
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(packed)), maxCompactBytes))
	if err != nil {
		return nil, nil, errCompact
	}
	r := bytes.NewReader(raw)
	version, err1 := r.ReadByte()
	flags, err2 := r.ReadByte()
	k, err3 := binary.ReadUvarint(r)
	if err1 != nil || err2 != nil || err3 != nil || version != 1 || k > uint64(r.Len()) {
		return nil, nil, errCompact
	}
	if flags&2 != 0 {
		counts, err = unpackBits(r, int(k))
		if err != nil {
			return nil, nil, err
		}
	}
	for i := 0; flags&2 == 0 && i < int(k); i++ {
		if i == 0 {
			counts = make([]float64, k)
		}
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, nil, errCompact
		}
		switch {
		case v%2 == 0:
			counts[i] = float64(v / 2)
		case v == 1:
			var bits [8]byte
			if _, err := io.ReadFull(r, bits[:]); err != nil {
				return nil, nil, errCompact
			}
			counts[i] = math.Float64frombits(binary.LittleEndian.Uint64(bits[:]))
		default:
			return nil, nil, errCompact
		}
	}
	if flags&1 != 0 {
		labels = make([]string, k)
		for i := range labels {
			n, err := binary.ReadUvarint(r)
			if err != nil || n > uint64(r.Len()) {
				return nil, nil, errCompact
			}
			b := make([]byte, n)
			io.ReadFull(r, b)
			labels[i] = string(b)
		}
	}
	if r.Len() != 0 {
		return nil, nil, errCompact
	}
	return labels, counts, nil
}

// packBits writes whole counts in the fewest bits that hold the largest: a
// byte with the width, then the counts, lowest bits first.
func packBits(counts []float64) []byte {
	var largest uint64
	for _, n := range counts {
		largest = max(largest, uint64(n))
	}
	width := bits.Len64(largest)
	out := []byte{byte(width)}
	var acc uint64
	filled := 0
	for _, n := range counts {
		v := uint64(n)
		for left := width; left > 0; {
			take := min(left, 8-filled)
			acc |= (v & (1<<take - 1)) << filled
			v >>= take
			left -= take
			filled += take
			if filled == 8 {
				out = append(out, byte(acc))
				acc, filled = 0, 0
			}
		}
	}
	if filled > 0 {
		out = append(out, byte(acc))
	}
	return out
}

// unpackBits reads k counts that packBits wrote.
func unpackBits(r *bytes.Reader, k int) ([]float64, error) {
	width, err := r.ReadByte()
	if err != nil || width > 53 || uint64(k)*uint64(width) > 8*uint64(r.Len()) {
		return nil, errCompact
	}
	counts := make([]float64, k)
	var cur byte
	used := 8
	for i := range counts {
		var v uint64
		for got := 0; got < int(width); {
			if used == 8 {
				cur, _ = r.ReadByte()
				used = 0
			}
			take := min(int(width)-got, 8-used)
			v |= uint64(cur>>used) & (1<<take - 1) << got
			got += take
			used += take
		}
		counts[i] = float64(v)
	}
	return counts, nil
}

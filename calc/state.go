package calc

import (
	"fmt"
	"net/url"
	"strings"
)

// Link parameters of a share link.
//
//	?counts=240,38&labels=neg,pos
//
// counts holds the counts separated by commas. labels, when present, holds one
// label per count, separated by commas; a comma or backslash inside a label is
// written with a backslash before it: the labels "a,b" and "c" are "a\,b,c".
const (
	paramCounts = "counts"
	paramLabels = "labels"
)

// EncodeLink returns the query of a share link for the given classes.
// Labels are left out when they are nil or the class indices "0", "1", ...
func EncodeLink(labels []string, counts []float64) url.Values {
	q := url.Values{}
	parts := make([]string, len(counts))
	for i, n := range counts {
		parts[i] = FormatFloat(n)
	}
	q.Set(paramCounts, strings.Join(parts, ","))
	if len(labels) > 0 && !isIndexLabels(labels) {
		q.Set(paramLabels, JoinLabels(labels))
	}
	return q
}

// LinkQuery returns the query of a share link as text, with its commas left
// readable: "counts=240,38&labels=neg,pos".
func LinkQuery(labels []string, counts []float64) string {
	return strings.ReplaceAll(EncodeLink(labels, counts).Encode(), "%2C", ",")
}

// DecodeLink reads the classes of a share link as the text the counts box
// shows: the counts as they are when the link has no labels, else one
// "label: count" line per class. It reads the text only, so a count that is
// not a number reaches the box unchanged and Parse reports it there. It fails
// when the link has no counts or a different number of labels and counts; the
// text it returns then still holds what could be read.
func DecodeLink(q url.Values) (string, error) {
	rawCounts := q.Get(paramCounts)
	if rawCounts == "" {
		return "", fmt.Errorf("the link has no %s", paramCounts)
	}
	counts := strings.Split(rawCounts, ",")
	if !q.Has(paramLabels) {
		return strings.Join(counts, ", "), nil
	}

	labels := SplitLabels(q.Get(paramLabels))
	if len(labels) != len(counts) {
		return strings.Join(counts, ", "), fmt.Errorf(
			"the link has %d counts but %d labels; the labels were left out",
			len(counts), len(labels))
	}
	return FormatLines(labels, counts), nil
}

// FormatLines writes one "label: count" line per class, quoting the labels
// that would not read back unchanged.
func FormatLines(labels, counts []string) string {
	var b strings.Builder
	for i := range counts {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(QuoteLabel(labels[i]))
		b.WriteString(": ")
		b.WriteString(strings.TrimSpace(counts[i]))
	}
	return b.String()
}

func isIndexLabels(labels []string) bool {
	for i, l := range IndexLabels(len(labels)) {
		if labels[i] != l {
			return false
		}
	}
	return true
}

// JoinLabels joins labels with commas, writing a comma or backslash inside a
// label with a backslash before it, as share links and the command line's
// --labels do.
func JoinLabels(labels []string) string {
	escape := strings.NewReplacer(`\`, `\\`, `,`, `\,`)
	escaped := make([]string, len(labels))
	for i, l := range labels {
		escaped[i] = escape.Replace(l)
	}
	return strings.Join(escaped, ",")
}

// SplitLabels splits s at the commas that no backslash escapes and removes
// the escapes; it undoes JoinLabels.
func SplitLabels(s string) []string {
	var labels []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == ',':
			labels = append(labels, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(labels, b.String())
}

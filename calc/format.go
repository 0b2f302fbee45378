package calc

import (
	"math"
	"strconv"
	"strings"
)

// FormatFloat writes w in the shortest form that reads back as the same
// float64, as strconv.FormatFloat(w, 'g', -1, 64) does.
func FormatFloat(w float64) string {
	return strconv.FormatFloat(w, 'g', -1, 64)
}

// FormatWeight writes w rounded to four significant digits, the precision the
// page and the command line show: 0.5791666 is "0.5792", 3.6578947 is "3.658".
// Weights from 0.0001 up to a million are written without an exponent.
func FormatWeight(w float64) string {
	abs := math.Abs(w)
	if w == 0 || (abs >= 1e-4 && abs < 1e6) {
		digits := 3 - int(math.Floor(math.Log10(abs)))
		if w == 0 || digits < 0 {
			digits = 0
		}
		s := strconv.FormatFloat(w, 'f', digits, 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return strconv.FormatFloat(w, 'g', 4, 64)
}

// FormatCount writes a class count: whole counts as integers, fractional ones
// (sums of sample weights) with up to four decimals.
func FormatCount(n float64) string {
	if n == math.Trunc(n) && math.Abs(n) < 1e15 {
		return strconv.FormatFloat(n, 'f', 0, 64)
	}
	s := strconv.FormatFloat(n, 'f', 4, 64)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

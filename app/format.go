package app

import (
	"strconv"
	"strings"
)

// formatPercent writes a share between 0 and 1 as a percentage with one
// decimal, or two below one percent.
func formatPercent(share float64) string {
	digits := 1
	if share < 0.01 {
		digits = 2
	}
	return strconv.FormatFloat(100*share, 'f', digits, 64) + " %"
}

// trimPrefix removes the package prefix that calc puts on its errors, which
// means nothing to the person reading the page.
func trimPrefix(msg string) string {
	return strings.TrimPrefix(msg, "calc: ")
}

// Package calc computes class weights for training classifiers on imbalanced
// data. It holds the class counts, the weighting schemes and the parsers of
// counts as people paste them. It is plain Go: the same code runs natively in
// the command line tool and as WebAssembly in the browser.
//
// For the counts 240 and 38 of a binary problem, the scikit-learn "balanced"
// scheme gives
//
//	w_0 = 278 / (2 · 240) = 0.5792
//	w_1 = 278 / (2 · 38)  = 3.658
package calc

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// ErrNoClasses, ErrOneClass and ErrBadCount are the reasons a set of counts is
// rejected; errors.Is sees them through the positioned errors that wrap them.
var (
	ErrNoClasses = errors.New("no class counts given")
	ErrOneClass  = errors.New("at least two classes are needed")
	ErrBadCount  = errors.New("bad count")
)

// Counts is a validated set of classes: one label and one count per class, in
// the order the user gave them. Counts may be fractional (sums of sample
// weights) and may be zero, never negative, NaN or infinite. Labels are unique.
//
// The zero value has no classes; build a Counts with NewCounts.
type Counts struct {
	labels []string
	counts []float64
	total  float64
}

// NewCounts validates counts and their labels and returns them as Counts.
// A nil or empty labels slice names the classes by index: "0", "1", ...
// It fails with ErrNoClasses for no counts, ErrOneClass for a single class,
// ErrBadCount for a negative, NaN or infinite count or an all-zero total, and
// an error naming the label for a duplicated or missing label.
func NewCounts(labels []string, counts []float64) (Counts, error) {
	switch {
	case len(counts) == 0:
		return Counts{}, ErrNoClasses
	case len(counts) == 1:
		return Counts{}, ErrOneClass
	}
	if len(labels) == 0 {
		labels = IndexLabels(len(counts))
	}
	if len(labels) != len(counts) {
		return Counts{}, fmt.Errorf("calc: %d labels for %d counts", len(labels), len(counts))
	}

	seen := make(map[string]int, len(labels))
	total := 0.0
	for i, n := range counts {
		if err := checkCount(n); err != nil {
			return Counts{}, &ClassError{Class: i, Label: labels[i], Err: err}
		}
		if first, ok := seen[labels[i]]; ok {
			return Counts{}, fmt.Errorf("calc: label %q is given twice (classes %d and %d)",
				labels[i], first, i)
		}
		seen[labels[i]] = i
		total += n
	}
	if total == 0 {
		return Counts{}, fmt.Errorf("calc: every count is zero: %w", ErrBadCount)
	}
	if math.IsInf(total, 0) {
		return Counts{}, fmt.Errorf("calc: the counts add up to more than float64 holds: %w",
			ErrBadCount)
	}

	return Counts{
		labels: append([]string(nil), labels...),
		counts: append([]float64(nil), counts...),
		total:  total,
	}, nil
}

func checkCount(n float64) error {
	switch {
	case math.IsNaN(n):
		return fmt.Errorf("%w: not a number", ErrBadCount)
	case math.IsInf(n, 0):
		return fmt.Errorf("%w: infinite", ErrBadCount)
	case n < 0:
		return fmt.Errorf("%w: negative (%s)", ErrBadCount, FormatFloat(n))
	}
	return nil
}

// ClassError reports a problem with one class of a set of counts.
type ClassError struct {
	Class int    // index of the class, from 0
	Label string // its label
	Err   error
}

func (e *ClassError) Error() string {
	return fmt.Sprintf("calc: class %d (%q): %v", e.Class, e.Label, e.Err)
}

func (e *ClassError) Unwrap() error { return e.Err }

// IndexLabels returns the labels "0", "1", ..., k-1, which name classes that
// were given without labels.
func IndexLabels(k int) []string {
	labels := make([]string, k)
	for i := range labels {
		labels[i] = strconv.Itoa(i)
	}
	return labels
}

// Len returns the number of classes, K.
func (c Counts) Len() int { return len(c.counts) }

// Label returns the label of class i.
func (c Counts) Label(i int) string { return c.labels[i] }

// Count returns the count of class i, n_i.
func (c Counts) Count(i int) float64 { return c.counts[i] }

// Labels returns a copy of the labels, in class order.
func (c Counts) Labels() []string { return append([]string(nil), c.labels...) }

// Values returns a copy of the counts, in class order.
func (c Counts) Values() []float64 { return append([]float64(nil), c.counts...) }

// Total returns the number of examples, N = sum of n_c.
func (c Counts) Total() float64 { return c.total }

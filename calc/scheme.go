package calc

import (
	"fmt"
	"strings"
)

// Scheme is a rule that turns class counts into one weight per class.
// Its ID is the stable token used in links, JSON and the command line.
type Scheme struct {
	ID          string
	Name        string
	Description string // one line: what the scheme does
	Source      string // where it is defined: paper and year, or library
	Formula     string // the weight of class c, as plain text

	weights func(c Counts) ([]float64, error)
}

// Weights returns the weight of every class under s, in class order.
func (s *Scheme) Weights(c Counts) ([]float64, error) {
	if c.Len() == 0 {
		return nil, ErrNoClasses
	}
	return s.weights(c)
}

// Balanced is scikit-learn's class_weight="balanced":
//
//	w_c = N / (K · n_c)
//
// after King and Zeng (2001). Every class then carries the same share of the
// total loss weight, 1/K, and the average example weight is 1. A class with
// count zero has no weight and makes Weights fail with a ClassError.
var Balanced = &Scheme{
	ID:          "balanced",
	Name:        "Balanced",
	Description: "each class gets the same share of the loss; the average example weight is 1",
	Source:      `scikit-learn class_weight="balanced" (King and Zeng 2001)`,
	Formula:     "N / (K · n_c)",
	weights:     balancedWeights,
}

func balancedWeights(c Counts) ([]float64, error) {
	k := float64(c.Len())
	w := make([]float64, c.Len())
	for i := range w {
		n := c.Count(i)
		if n == 0 {
			return nil, &ClassError{Class: i, Label: c.Label(i), Err: errZeroCount}
		}
		w[i] = c.Total() / (k * n)
	}
	return w, nil
}

var errZeroCount = fmt.Errorf("count is zero, so a weight that divides by it is undefined")

// Schemes lists every scheme, in the order the page and the command line
// show them.
var Schemes = []*Scheme{Balanced}

// SchemeByID returns the scheme whose ID is id, or an error listing the known
// IDs.
func SchemeByID(id string) (*Scheme, error) {
	for _, s := range Schemes {
		if s.ID == id {
			return s, nil
		}
	}
	ids := make([]string, len(Schemes))
	for i, s := range Schemes {
		ids[i] = s.ID
	}
	return nil, fmt.Errorf("calc: unknown scheme %q (known: %s)", id, strings.Join(ids, ", "))
}

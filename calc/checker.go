package calc

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// FormulaNames lists the names a checked formula may use, with what they
// stand for.
var FormulaNames = []struct{ Name, Meaning string }{
	{"n", "the count of the class"},
	{"N", "the number of examples, Σ n"},
	{"K", "the number of classes"},
	{"p", "the share of the class, n / N"},
	{"n_max", "the largest count"},
	{"n_min", "the smallest count"},
	{"n0, n1", "the counts of the first and second class (two classes only)"},
	{"ln, log, sqrt, exp, pow, min, max, abs", "functions"},
}

// Check is what a formula written by a user gives for a set of counts.
type Check struct {
	Weights []float64
	// IsPerClass says that the text held one formula per class rather than
	// one for every class.
	IsPerClass bool
	// RewardsMajority says that the weights favour the most common class
	// over the rarest: the mistake class weights are meant to correct.
	RewardsMajority bool
	// Matches lists the schemes whose weights have the same ratios.
	Matches []*Scheme
}

// FormulaError says where a formula is wrong. Line and Column count from 1;
// Line is the line of the text, one formula a line.
type FormulaError struct {
	Line, Column int
	Msg          string
}

func (e *FormulaError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// CheckFormula evaluates a weight formula for each class of c, with the
// expression language github.com/expr-lang/expr. The text holds one formula
// for every class, such as "N / (K * n)", or one line per class, such as the
// forum's "1 - n1/(n0+n1)" and "1 - n0/(n0+n1)". A formula that does not
// compile, or gives a weight that is not a finite number, is an error that
// names its line and column.
func CheckFormula(text string, c Counts, p Params) (Check, error) {
	var lines []string
	var lineNos []int
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
			lineNos = append(lineNos, i+1)
		}
	}
	k := c.Len()
	switch {
	case len(lines) == 0:
		return Check{}, errors.New("calc: type a weight formula, for example N / (K * n)")
	case len(lines) != 1 && len(lines) != k:
		return Check{}, &FormulaError{Line: lineNos[min(len(lines), k)-1], Column: 1,
			Msg: fmt.Sprintf("give one formula for every class, or one line per class (%d lines), not %d",
				k, len(lines))}
	}

	check := Check{IsPerClass: len(lines) > 1, Weights: make([]float64, k)}
	programs := make([]*vm.Program, len(lines))
	for i, line := range lines {
		prog, err := expr.Compile(line, expr.Env(formulaEnv(c, p, 0)), expr.AsFloat64())
		if err != nil {
			return Check{}, formulaError(err, lineNos[i], k)
		}
		programs[i] = prog
	}
	for class := range k {
		i := 0
		if check.IsPerClass {
			i = class
		}
		out, err := expr.Run(programs[i], formulaEnv(c, p, class))
		if err != nil {
			return Check{}, formulaError(err, lineNos[i], k)
		}
		w, _ := out.(float64)
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return Check{}, &FormulaError{Line: lineNos[i], Column: 1, Msg: fmt.Sprintf(
				"for class %q the formula gives %v, not a weight", c.Label(class), w)}
		}
		check.Weights[class] = w
	}

	check.RewardsMajority = RewardsMajority(c, check.Weights)
	for _, s := range Schemes {
		if w, undefined := s.Weights(c, p); len(undefined) == 0 && Proportional(w, check.Weights) {
			check.Matches = append(check.Matches, s)
		}
	}
	return check, nil
}

// formulaEnv binds the names of a formula for one class.
func formulaEnv(c Counts, p Params, class int) map[string]any {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, n := range c.counts {
		lo, hi = min(lo, n), max(hi, n)
	}
	n := c.Count(class)
	env := map[string]any{
		"n": n, "N": c.Total(), "K": float64(c.Len()), "p": n / c.Total(),
		"n_max": hi, "n_min": lo,
		"beta": p.Beta, "mu": p.Mu,
		"ln": math.Log, "log": math.Log, "sqrt": math.Sqrt, "exp": math.Exp, "pow": math.Pow,
	}
	if c.Len() == 2 {
		env["n0"], env["n1"] = c.Count(0), c.Count(1)
	}
	return env
}

// formulaError turns an error of expr into a FormulaError on line lineNo.
func formulaError(err error, lineNo, k int) error {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return &FormulaError{Line: lineNo, Column: 1, Msg: err.Error()}
	}
	msg := fe.Message
	if k != 2 && (strings.Contains(msg, "n0") || strings.Contains(msg, "n1")) {
		msg += " (n0 and n1 exist only for two classes; use n for the class's own count)"
	}
	return &FormulaError{Line: lineNo, Column: fe.Column + 1, Msg: msg}
}

// Proportional reports whether a = k·b for one k > 0, to a relative 1e-9:
// weights that differ only in scale. NaN (undefined) weights must sit at the
// same places.
func Proportional(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	k := math.NaN()
	for i := range a {
		if math.IsNaN(a[i]) != math.IsNaN(b[i]) {
			return false
		}
		if math.IsNaN(a[i]) {
			continue
		}
		if a[i] == 0 || b[i] == 0 {
			if a[i] != b[i] {
				return false
			}
			continue
		}
		if math.IsNaN(k) {
			k = a[i] / b[i]
			if k <= 0 {
				return false
			}
			continue
		}
		if math.Abs(a[i]/b[i]-k) > 1e-9*k {
			return false
		}
	}
	return true
}

package calc

import (
	"fmt"
	"math"
)

// Result is one scheme's weights for a set of counts, in one normalisation,
// with the values derived from them.
type Result struct {
	Scheme *Scheme
	Norm   Norm
	// Weights holds one weight per class, NaN exactly where Undefined lists
	// the class.
	Weights   []float64
	Undefined []int
	// Ratio is the largest weight over the smallest; NaN when the smallest
	// is zero or the ratio exceeds float64.
	Ratio float64
	// Sum is Σ w_c and WeightedSum is Σ n_c · w_c, over defined weights.
	Sum, WeightedSum float64
	// LossShares holds each class's share of the total loss weight,
	// n_c · w_c / Σ n_k · w_k; NaN where the weight is undefined.
	LossShares []float64
}

// Evaluate computes the weights of scheme s for the counts c with the
// parameters p, in the normalisation norm, and the values derived from them.
// It fails for parameters out of range, or a normalisation that cannot apply
// (see Norm.Apply).
func Evaluate(c Counts, s *Scheme, norm Norm, p Params) (Result, error) {
	if c.Len() == 0 {
		return Result{}, ErrNoClasses
	}
	for _, d := range s.Params {
		if err := d.Check(d.Get(p)); err != nil {
			return Result{}, err
		}
	}
	native, undefined := s.Weights(c, p)
	if len(undefined) == c.Len() {
		return Result{}, fmt.Errorf("calc: %s: no class has a defined weight", s.ID)
	}
	w, err := norm.Apply(c, native)
	if err != nil {
		return Result{}, fmt.Errorf("%w (scheme %s)", err, s.ID)
	}

	sum, weightedSum := definedSum(w, nil), definedSum(w, c.counts)
	if isOutOfRange(sum) || isOutOfRange(weightedSum) {
		return Result{}, fmt.Errorf("calc: %s: the weights of these counts are too far "+
			"apart for float64 to add them up", s.ID)
	}

	r := Result{
		Scheme:      s,
		Norm:        norm,
		Weights:     w,
		Undefined:   undefined,
		Sum:         sum,
		WeightedSum: weightedSum,
		LossShares:  make([]float64, len(w)),
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range w {
		if math.IsNaN(v) {
			r.LossShares[i] = math.NaN()
			continue
		}
		lo, hi = min(lo, v), max(hi, v) // NaN is skipped above
		if r.WeightedSum > 0 {          // zero only when every weighted class is empty
			r.LossShares[i] = c.counts[i] * v / r.WeightedSum
		}
	}
	r.Ratio = math.NaN()
	if lo > 0 {
		r.Ratio = undefinedIfInf(hi / lo)
	}
	return r, nil
}

// IsDefined reports whether class i has a weight.
func (r Result) IsDefined(i int) bool { return !math.IsNaN(r.Weights[i]) }

// EvaluateAll evaluates every scheme in schemes. A scheme that cannot be
// evaluated (all its weights undefined, or a normalisation that cannot apply)
// has its error in errs at its index and a zero Result.
func EvaluateAll(c Counts, schemes []*Scheme, norm Norm, p Params) (results []Result, errs []error) {
	results = make([]Result, len(schemes))
	errs = make([]error, len(schemes))
	for i, s := range schemes {
		results[i], errs[i] = Evaluate(c, s, norm, p)
	}
	return results, errs
}

func isOutOfRange(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }

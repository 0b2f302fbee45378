package calc

import (
	"fmt"
	"math"
	"strings"
)

// Norm is a normalisation: a rule that rescales a scheme's weights without
// changing their ratios. Its string is the stable token of links, JSON and the
// command line.
type Norm string

// The normalisations.
const (
	// NormNative leaves the weights as the scheme's source defines them.
	NormNative Norm = "native"
	// NormSum1 scales the weights to sum to 1.
	NormSum1 Norm = "sum1"
	// NormMean1 scales the weights to sum to K: their mean is 1.
	NormMean1 Norm = "mean1"
	// NormSamples scales the weights so that Σ n_c · w_c = N: the average
	// example weight is 1, as "balanced" does.
	NormSamples Norm = "samples"
	// NormMax1 gives the largest class (by count) the weight 1.
	NormMax1 Norm = "max1"
	// NormMin1 gives the smallest class (by count) the weight 1.
	NormMin1 Norm = "min1"
)

// Norms lists the normalisations in the order the page shows them.
var Norms = []Norm{NormNative, NormSum1, NormMean1, NormSamples, NormMax1, NormMin1}

// Description says in one sentence what the normalisation does.
func (n Norm) Description() string {
	switch n {
	case NormNative:
		return "as the scheme's source defines them"
	case NormSum1:
		return "scaled so that the weights sum to 1"
	case NormMean1:
		return "scaled so that the weights sum to K (their mean is 1)"
	case NormSamples:
		return "scaled so that the average example weight is 1 (Σ n_c·w_c = N)"
	case NormMax1:
		return "scaled so that the largest class weighs 1"
	case NormMin1:
		return "scaled so that the smallest class weighs 1"
	}
	return ""
}

// ParseNorm returns the normalisation whose token is s.
func ParseNorm(s string) (Norm, error) {
	for _, n := range Norms {
		if string(n) == s {
			return n, nil
		}
	}
	names := make([]string, len(Norms))
	for i, n := range Norms {
		names[i] = string(n)
	}
	return "", fmt.Errorf("calc: unknown normalisation %q (known: %s)", s, strings.Join(names, ", "))
}

// Apply rescales w (NaN where a weight is undefined) and returns the new
// weights; w is left unchanged. Undefined weights stay undefined and take no
// part in the sums. max1 and min1 use the largest and smallest classes whose
// weight is defined. It fails when the scale is undefined: all weights are
// undefined, or the weights it divides by are zero.
func (n Norm) Apply(c Counts, w []float64) ([]float64, error) {
	var divisor float64
	switch n {
	case NormNative:
		divisor = 1
	case NormSum1:
		divisor = definedSum(w, nil)
	case NormMean1:
		divisor = definedSum(w, nil) / float64(c.Len())
	case NormSamples:
		divisor = definedSum(w, c.counts) / c.Total()
	case NormMax1, NormMin1:
		ref := -1
		for i, v := range w {
			if math.IsNaN(v) {
				continue
			}
			isLarger := ref < 0 || c.counts[i] > c.counts[ref]
			isSmaller := ref < 0 || c.counts[i] < c.counts[ref]
			if (n == NormMax1 && isLarger) || (n == NormMin1 && isSmaller) {
				ref = i
			}
		}
		if ref < 0 {
			return nil, fmt.Errorf("calc: %s: no class has a defined weight", n)
		}
		divisor = w[ref]
	default:
		return nil, fmt.Errorf("calc: unknown normalisation %q", string(n))
	}
	if divisor == 0 || math.IsNaN(divisor) || math.IsInf(divisor, 0) {
		return nil, fmt.Errorf("calc: the weights cannot be scaled %s: the scale would divide by %s",
			n.Description(), FormatFloat(divisor))
	}

	out := make([]float64, len(w))
	for i, v := range w {
		out[i] = v / divisor
		if math.IsInf(out[i], 0) {
			return nil, fmt.Errorf("calc: the weights cannot be scaled %s: "+
				"the scale is too large for float64", n.Description())
		}
	}
	return out, nil
}

// definedSum returns Σ w_i, or Σ n_i · w_i when counts is not nil, over the
// defined weights.
func definedSum(w, counts []float64) float64 {
	s := 0.0
	for i, v := range w {
		if math.IsNaN(v) {
			continue
		}
		if counts != nil {
			v *= counts[i]
		}
		s += v
	}
	return s
}

package calc

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Scheme is a rule that turns class counts into one weight per class, as its
// source defines it. Its ID is the stable token used in links, JSON and the
// command line.
type Scheme struct {
	ID          string
	Name        string
	Description string   // one line: what the scheme does
	Source      string   // where it is defined: paper and year, or library
	Formula     Expr     // the weight of class c
	Params      []*Param // the parameters the formula uses
	// DividesByCount says that the weight of a class with count zero is
	// undefined under this scheme.
	DividesByCount bool

	// weights computes the native weights, NaN for an undefined weight.
	weights func(c Counts, p Params) []float64
}

// Weights returns the weight of every class under s as its source defines it
// (the native normalisation), and the classes whose weight is undefined
// because their count is zero (or, for absurd counts such as 1e-300, beyond
// float64). An undefined weight is NaN in w and listed in
// undefined; every other weight is finite.
func (s *Scheme) Weights(c Counts, p Params) (w []float64, undefined []int) {
	w = s.weights(c, p)
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			w[i] = math.NaN()
			undefined = append(undefined, i)
		}
	}
	return w, undefined
}

// FormulaText is the formula of s as plain text: "w_c = N / (K · n_c)".
func (s *Scheme) FormulaText() string { return "w_c = " + Text(s.Formula) }

// Uniform gives every class the weight 1, which is what training without
// class weights does.
//
//	w_c = 1
//
// It is defined for every count, zero included.
var Uniform = &Scheme{
	ID:          "uniform",
	Name:        "Uniform",
	Description: "every class weighs 1, as without class weights; the majority dominates the loss",
	Source:      "no weighting, the default of every framework",
	Formula:     Num(1),
	weights: func(c Counts, _ Params) []float64 {
		return perClass(c, func(float64) float64 { return 1 })
	},
}

// Inverse is the inverse class frequency.
//
//	w_c = N / n_c
//
// For two classes it is the forum's (n0 + n1) / n0. A zero count leaves the
// class's weight undefined.
var Inverse = &Scheme{
	ID:             "inverse",
	Name:           "Inverse frequency",
	Description:    "each class weighs the inverse of its share of the examples",
	Source:         "inverse class frequency; the (n0 + n1) / n0 of the forum answers",
	Formula:        div(symTotal, symNc),
	DividesByCount: true,
	weights: func(c Counts, _ Params) []float64 {
		return perClass(c, func(n float64) float64 { return c.Total() / n })
	},
}

// Balanced is scikit-learn's class_weight="balanced":
//
//	w_c = N / (K · n_c)
//
// after King and Zeng (2001); the TensorFlow imbalanced-data tutorial and
// LightGBM's class_weight="balanced" use it too. Every class then carries the
// same share of the total loss weight, 1/K, and the average example weight is
// 1. A zero count leaves the class's weight undefined.
var Balanced = &Scheme{
	ID:             "balanced",
	Name:           "Balanced",
	Description:    "each class gets the same share of the loss; the average example weight is 1",
	Source:         `scikit-learn class_weight="balanced" (King and Zeng 2001), the TensorFlow imbalanced-data tutorial, LightGBM class_weight="balanced"`,
	Formula:        div(symTotal, mul(symK, symNc)),
	DividesByCount: true,
	weights: func(c Counts, _ Params) []float64 {
		k := float64(c.Len())
		return perClass(c, func(n float64) float64 { return c.Total() / (k * n) })
	},
}

// MaxRatio weighs each class by how many times the largest class outnumbers
// it:
//
//	w_c = max_k n_k / n_c
//
// as CatBoost's auto_class_weights="Balanced" does. For two classes the
// minority weight is PyTorch's pos_weight, XGBoost's scale_pos_weight and what
// LightGBM's is_unbalance uses. A zero count leaves the class's weight
// undefined.
var MaxRatio = &Scheme{
	ID:             "max-ratio",
	Name:           "Majority ratio",
	Description:    "the largest class weighs 1, every other class how many times the largest outnumbers it",
	Source:         `CatBoost auto_class_weights="Balanced"; for two classes PyTorch pos_weight, XGBoost scale_pos_weight, LightGBM is_unbalance`,
	Formula:        div(Agg{"max", symNk}, symNc),
	DividesByCount: true,
	weights: func(c Counts, _ Params) []float64 {
		largest := maxOf(c.counts)
		return perClass(c, func(n float64) float64 { return largest / n })
	},
}

// SqrtMaxRatio is the square root of MaxRatio:
//
//	w_c = sqrt(max_k n_k / n_c)
//
// as CatBoost's auto_class_weights="SqrtBalanced" does: a milder correction.
// A zero count leaves the class's weight undefined.
var SqrtMaxRatio = &Scheme{
	ID:             "sqrt-max-ratio",
	Name:           "Square-root majority ratio",
	Description:    "the square root of the majority ratio: a milder correction",
	Source:         `CatBoost auto_class_weights="SqrtBalanced"`,
	Formula:        call("sqrt", div(Agg{"max", symNk}, symNc)),
	DividesByCount: true,
	weights: func(c Counts, _ Params) []float64 {
		largest := maxOf(c.counts)
		return perClass(c, func(n float64) float64 { return math.Sqrt(largest / n) })
	},
}

// Complement gives each class one minus its share of the examples:
//
//	w_c = 1 − p_c
//
// the "1 − n/N" weights of forum answers when each class gets one minus its
// own share. The weights sum to K − 1. For many classes they barely differ;
// for two classes they are the balanced weights scaled to sum to 1. Defined
// for every count.
var Complement = &Scheme{
	ID:          "complement",
	Name:        "Complement of the share",
	Description: "each class weighs one minus its share; the weights sum to K − 1",
	Source:      "the 1 − n/N weights of forum answers, one minus each class's own share",
	Formula:     sub(Num(1), symPc),
	weights: func(c Counts, _ Params) []float64 {
		return perClass(c, func(n float64) float64 { return 1 - n/c.Total() })
	},
}

// LogSmoothed is the widely copied Keras recipe:
//
//	w_c = max(1, ln(μ · N / n_c))
//
// with μ = 0.15 by default. Classes more common than μ·N/e all get 1. A zero
// count leaves the class's weight undefined.
var LogSmoothed = &Scheme{
	ID:             "log-smoothed",
	Name:           "Log-smoothed",
	Description:    "the logarithm of the inverse frequency, never below 1: a gentle correction",
	Source:         "the widely copied Keras recipe, max(1, ln(μN/n_c)) with μ = 0.15",
	Formula:        call("max", Num(1), call("ln", div(mul(symMu, symTotal), symNc))),
	Params:         []*Param{ParamMu},
	DividesByCount: true,
	weights: func(c Counts, p Params) []float64 {
		return perClass(c, func(n float64) float64 {
			return math.Max(1, math.Log(p.Mu*c.Total()/n))
		})
	},
}

// MedianFrequency divides the median share by each class's share:
//
//	w_c = median_k p_k / p_c
//
// (Eigen and Fergus 2015; SegNet, Badrinarayanan et al. 2017). The class with
// the median share weighs 1. For an even number of classes the median is the
// mean of the two middle shares. A zero count leaves the class's weight
// undefined.
var MedianFrequency = &Scheme{
	ID:             "median-frequency",
	Name:           "Median frequency",
	Description:    "the class with the median share weighs 1, rarer classes more, commoner ones less",
	Source:         "median frequency balancing (Eigen and Fergus 2015; SegNet, Badrinarayanan et al. 2017)",
	Formula:        div(Agg{"median", symPk}, symPc),
	DividesByCount: true,
	weights: func(c Counts, _ Params) []float64 {
		shares := make([]float64, c.Len())
		for i, n := range c.counts {
			shares[i] = n / c.Total()
		}
		mid := median(shares)
		return perClass(c, func(n float64) float64 { return mid / (n / c.Total()) })
	},
}

// effectiveNumberTerm is (1 − β) / (1 − β^n), the inverse of the effective
// number of examples of a class with n examples.
func effectiveNumberTerm(n Expr) Expr {
	return div(sub(Num(1), symBeta), sub(Num(1), pow(symBeta, n)))
}

// EffectiveNumber is the class-balanced weight of Cui et al. (CVPR 2019): the
// inverse of the effective number of examples, scaled to sum to K:
//
//	w_c = K · ((1 − β) / (1 − β^n_c)) / Σ_k ((1 − β) / (1 − β^n_k))
//
// with β = 0.999 by default (the paper tries 0.9, 0.99, 0.999 and 0.9999). β = 0
// gives uniform weights; β near 1 approaches inverse frequency. It computes
// 1 − β^n as −expm1(n · log1p(−(1 − β))), which keeps its precision for counts
// in the millions and β near 1. A zero count leaves the class's weight
// undefined.
var EffectiveNumber = &Scheme{
	ID:             "effective-number",
	Name:           "Effective number",
	Description:    "the inverse of each class's effective number of examples, which grows ever more slowly with the count",
	Source:         "class-balanced loss (Cui et al., CVPR 2019)",
	Formula:        div(mul(symK, effectiveNumberTerm(symNc)), Agg{"sum", effectiveNumberTerm(symNk)}),
	Params:         []*Param{ParamBeta},
	DividesByCount: true,
	weights: func(c Counts, p Params) []float64 {
		oneMinusBeta := 1 - p.Beta
		logBeta := math.Log1p(-oneMinusBeta)
		// For β = 0, logBeta is −Inf: every count above zero gets 1, and a
		// zero count gets NaN (0^0 is 1), as it should.
		w := perClass(c, func(n float64) float64 {
			return oneMinusBeta / -math.Expm1(n*logBeta)
		})
		return scaleToSum(w, float64(c.Len()))
	},
}

// Enet is the weight of ENet (Paszke et al. 2016):
//
//	w_c = 1 / ln(c + p_c)
//
// with c = 1.02 by default, which bounds the weights between 1/ln(c + 1) and
// 1/ln(c), about 1.43 and 50.5. Defined for every count.
var Enet = &Scheme{
	ID:          "enet",
	Name:        "ENet",
	Description: "a bounded inverse-log weight: rare classes gain weight, but never more than 1/ln(c)",
	Source:      "ENet (Paszke et al. 2016)",
	Formula:     div(Num(1), call("ln", add(symEnetC, symPc))),
	Params:      []*Param{ParamEnetC},
	weights: func(c Counts, p Params) []float64 {
		return perClass(c, func(n float64) float64 {
			return 1 / math.Log(p.EnetC+n/c.Total())
		})
	},
}

// Schemes lists every scheme, in the order the page and the command line
// show them.
var Schemes = []*Scheme{
	Uniform, Inverse, Balanced, MaxRatio, SqrtMaxRatio,
	Complement, LogSmoothed, MedianFrequency, EffectiveNumber, Enet,
}

// SchemeByID returns the scheme whose ID is id, or an error listing the known
// IDs.
func SchemeByID(id string) (*Scheme, error) {
	for _, s := range Schemes {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, fmt.Errorf("calc: unknown scheme %q (known: %s)", id, schemeIDs())
}

func schemeIDs() string {
	ids := make([]string, len(Schemes))
	for i, s := range Schemes {
		ids[i] = s.ID
	}
	return strings.Join(ids, ", ")
}

// perClass applies f to every count; a zero count gives NaN when f divides
// by it, which Weights reports as undefined.
func perClass(c Counts, f func(n float64) float64) []float64 {
	w := make([]float64, c.Len())
	for i, n := range c.counts {
		if n == 0 {
			w[i] = math.NaN()
			if v := f(n); !math.IsInf(v, 0) && !math.IsNaN(v) {
				w[i] = v
			}
			continue
		}
		w[i] = f(n)
	}
	return w
}

// scaleToSum scales the defined weights so that they sum to total.
func scaleToSum(w []float64, total float64) []float64 {
	sum := 0.0
	for _, v := range w {
		if !math.IsNaN(v) {
			sum += v
		}
	}
	for i := range w {
		w[i] *= total / sum
	}
	return w
}

func maxOf(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func sumOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// median returns the middle value of xs, or the mean of the two middle values
// when len(xs) is even, as numpy.median does. It selects rather than sorts, in
// linear expected time, and leaves xs unchanged.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	mid := len(s) / 2
	upper := selectNth(s, mid)
	if len(s)%2 == 1 {
		return upper
	}
	// After selection every value left of mid is at most s[mid].
	return (slices.Max(s[:mid]) + upper) / 2
}

// selectNth reorders s so that s[n] holds the value it would hold if s were
// sorted, with no larger value before it and no smaller one after, and
// returns s[n] (Hoare's quickselect with a middle pivot).
func selectNth(s []float64, n int) float64 {
	lo, hi := 0, len(s)-1
	for lo < hi {
		pivot := s[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case n <= j:
			hi = j
		case n >= i:
			lo = i
		default:
			return s[n]
		}
	}
	return s[n]
}

package calc

import (
	"errors"
	"fmt"
	"math"
)

// Degree is how imbalanced a set of counts is.
type Degree string

// The degrees of imbalance, by the minority class's share of the examples for
// two classes: extreme below 1 %, moderate from 1 to 20 %, mild from 20 to
// 40 %, none above. For K classes the minority share is first compared with
// the even share 1/K and scaled to two classes (share · K / 2), so that ten
// equal classes count as balanced, not as a 10 % minority.
const (
	DegreeNone     Degree = "none"
	DegreeMild     Degree = "mild"
	DegreeModerate Degree = "moderate"
	DegreeExtreme  Degree = "extreme"
)

// Diagnostics describes a set of counts.
type Diagnostics struct {
	N float64 // number of examples
	K int     // number of classes
	// ImbalanceRatio is the largest count over the smallest; NaN when a
	// class is empty or the ratio exceeds float64.
	ImbalanceRatio float64
	MinorityShare  float64 // the smallest count over N
	// Entropy is the Shannon entropy of the shares over ln K: 0 when one
	// class holds every example, 1 when the classes are equal.
	Entropy float64
	Degree  Degree
}

// Diagnose returns the diagnostics of c.
func Diagnose(c Counts) Diagnostics {
	lo, hi := math.Inf(1), math.Inf(-1)
	entropy := 0.0
	for _, n := range c.counts {
		lo, hi = min(lo, n), max(hi, n) // counts are never NaN
		if p := n / c.total; p > 0 {
			entropy -= p * math.Log(p)
		}
	}
	d := Diagnostics{
		N:              c.total,
		K:              c.Len(),
		ImbalanceRatio: math.NaN(),
		MinorityShare:  lo / c.total,
		Entropy:        math.Min(1, entropy/math.Log(float64(c.Len()))),
	}
	if lo > 0 {
		d.ImbalanceRatio = undefinedIfInf(hi / lo)
	}

	switch binaryShare := d.MinorityShare * float64(d.K) / 2; {
	case binaryShare < 0.01:
		d.Degree = DegreeExtreme
	case binaryShare < 0.20:
		d.Degree = DegreeModerate
	case binaryShare < 0.40:
		d.Degree = DegreeMild
	default:
		d.Degree = DegreeNone
	}
	return d
}

// Binary holds the values that binary classifiers use, for two classes with
// one of them called positive. A value that would divide by zero is NaN.
type Binary struct {
	Positive int // index of the positive class
	Negative int // index of the other class
	// PosWeight is n_neg / n_pos: PyTorch BCEWithLogitsLoss pos_weight,
	// TensorFlow weighted_cross_entropy_with_logits pos_weight, XGBoost and
	// LightGBM scale_pos_weight.
	PosWeight float64
	// InitialBias is ln(n_pos / n_neg), the output bias that makes an
	// untrained model predict the base rate.
	InitialBias float64
	// Threshold is 1 / (1 + pos_weight) = n_pos / N: thresholding the
	// unweighted model's probability there decides as weighting positives by
	// pos_weight does at 0.5.
	Threshold float64
	// FocalAlpha is n_neg / N, the focal loss α of the positive class by
	// inverse frequency.
	FocalAlpha float64
}

// ErrNotBinary says that values for two classes were asked of other counts.
var ErrNotBinary = errors.New("calc: these values need exactly two classes")

// BinaryValues returns the binary values of c with class positive as the
// positive class. It fails when c does not have exactly two classes or
// positive is not 0 or 1.
func BinaryValues(c Counts, positive int) (Binary, error) {
	if c.Len() != 2 {
		return Binary{}, fmt.Errorf("%w, not %d", ErrNotBinary, c.Len())
	}
	if positive != 0 && positive != 1 {
		return Binary{}, fmt.Errorf("calc: the positive class must be 0 or 1, not %d", positive)
	}
	neg := 1 - positive
	nPos, nNeg := c.counts[positive], c.counts[neg]
	b := Binary{
		Positive:    positive,
		Negative:    neg,
		PosWeight:   undefinedIfInf(nNeg / nPos),
		InitialBias: undefinedIfInf(math.Log(nPos / nNeg)),
		Threshold:   nPos / c.total,
		FocalAlpha:  nNeg / c.total,
	}
	if math.IsNaN(b.PosWeight) {
		b.Threshold = math.NaN() // no positive example: no weighting to match
	}
	return b, nil
}

// Priors holds the per-class values derived from the class priors p_c, for
// any number of classes. A value that is undefined for an empty class is NaN.
type Priors struct {
	Tau float64
	// LogitOffsets holds τ · ln p_c, added to the logits in training by the
	// logit-adjusted loss, or subtracted from them at prediction (Menon et
	// al. 2021).
	LogitOffsets []float64
	// InitialBias holds ln p_c, the output biases that make an untrained
	// softmax model predict the class shares.
	InitialBias []float64
	// SamplerWeights holds 1 / n_c, the weight of each example of class c for
	// class-balanced sampling (PyTorch WeightedRandomSampler).
	SamplerWeights []float64
}

// PriorValues returns the prior-derived values of c, with τ = tau for the
// logit adjustment.
func PriorValues(c Counts, tau float64) (Priors, error) {
	if err := ParamTau.Check(tau); err != nil {
		return Priors{}, err
	}
	k := c.Len()
	p := Priors{
		Tau:            tau,
		LogitOffsets:   make([]float64, k),
		InitialBias:    make([]float64, k),
		SamplerWeights: make([]float64, k),
	}
	for i, n := range c.counts {
		logPrior := math.Log(n / c.total)
		p.InitialBias[i] = undefinedIfInf(logPrior)
		p.LogitOffsets[i] = undefinedIfInf(tau * logPrior)
		if tau == 0 {
			p.LogitOffsets[i] = 0
		}
		p.SamplerWeights[i] = undefinedIfInf(1 / n)
	}
	return p, nil
}

// MultiLabelPosWeights returns the pos_weight of each label of a multi-label
// problem, (N − P_j) / P_j, from the number of rows N and the number of rows
// P_j where label j is positive, as PyTorch's BCEWithLogitsLoss takes it. A
// label with no positive row has an undefined weight (NaN). It fails for a
// negative or non-finite number, or more positives than rows.
func MultiLabelPosWeights(rows float64, positives []float64) ([]float64, error) {
	if err := checkCount(rows); err != nil || rows == 0 {
		return nil, fmt.Errorf("calc: the number of rows must be positive, not %s", FormatFloat(rows))
	}
	w := make([]float64, len(positives))
	for j, pj := range positives {
		if err := checkCount(pj); err != nil {
			return nil, fmt.Errorf("calc: label %d: %w", j, err)
		}
		if pj > rows {
			return nil, fmt.Errorf("calc: label %d has %s positive rows, more than the %s rows",
				j, FormatCount(pj), FormatCount(rows))
		}
		w[j] = undefinedIfInf((rows - pj) / pj)
	}
	return w, nil
}

func undefinedIfInf(v float64) float64 {
	if math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

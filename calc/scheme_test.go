package calc

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

func referenceParams(rc referenceCase) Params {
	p := DefaultParams()
	p.Beta, p.Mu, p.EnetC = rc.Params.Beta, rc.Params.Mu, rc.Params.EnetC
	return p
}

func TestSchemesMatchReference(t *testing.T) {
	for _, rc := range loadReference(t) {
		c, err := NewCounts(nil, rc.Counts)
		if err != nil {
			t.Fatal(err)
		}
		p := referenceParams(rc)
		for _, s := range Schemes {
			t.Run(fmt.Sprint(rc.Name, rc.Counts, rc.Params, s.ID), func(t *testing.T) {
				want, ok := rc.Weights[s.ID]
				if !ok {
					t.Fatalf("the reference has no weights for %s", s.ID)
				}
				got, undefined := s.Weights(c, p)
				if len(undefined) > 0 {
					t.Fatalf("classes %v undefined", undefined)
				}
				assertWeights(t, got, want, 1e-12)
			})
		}
	}
}

func TestNormsMatchReference(t *testing.T) {
	for _, rc := range loadReference(t) {
		c, err := NewCounts(nil, rc.Counts)
		if err != nil {
			t.Fatal(err)
		}
		for _, norm := range Norms[1:] {
			t.Run(fmt.Sprint(rc.Name, rc.Counts, norm), func(t *testing.T) {
				want, ok := rc.NormalizedBalanced[string(norm)]
				if !ok {
					t.Fatalf("the reference has no balanced weights for %s", norm)
				}
				r, err := Evaluate(c, Balanced, norm, referenceParams(rc))
				if err != nil {
					t.Fatal(err)
				}
				assertWeights(t, r.Weights, want, 1e-12)
			})
		}
	}
}

// randomCounts returns k counts between 1 and max, some of them repeated.
func randomCounts(rng *rand.Rand, k int, max float64) []float64 {
	counts := make([]float64, k)
	for i := range counts {
		counts[i] = math.Ceil(math.Exp(rng.Float64() * math.Log(max)))
		if i > 0 && rng.IntN(8) == 0 {
			counts[i] = counts[i-1]
		}
	}
	return counts
}

func mustCounts(t testing.TB, counts []float64) Counts {
	t.Helper()
	c, err := NewCounts(nil, counts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// forEachRandom calls f with 300 random count vectors of 2 to 12 classes.
func forEachRandom(t *testing.T, f func(t *testing.T, counts []float64)) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		counts := randomCounts(rng, 2+rng.IntN(11), 1e6)
		t.Run(fmt.Sprint(i), func(t *testing.T) { f(t, counts) })
	}
}

func TestFormulasDescribeTheCode(t *testing.T) {
	p := DefaultParams()
	forEachRandom(t, func(t *testing.T, counts []float64) {
		c := mustCounts(t, counts)
		for _, s := range Schemes {
			w, _ := s.Weights(c, p)
			for i := range w {
				// The plain evaluation of β^n loses digits for large n; 1e-9
				// still tells a wrong formula from rounding.
				if got := Eval(s.Formula, c, p, i); !closeTo(got, w[i], 1e-9) {
					t.Errorf("%s class %d: formula %s gives %v\ncode gives %v",
						s.ID, i, Text(s.Formula), got, w[i])
				}
			}
		}
	})
}

func TestPermutingClassesPermutesWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	forEachRandom(t, func(t *testing.T, counts []float64) {
		perm := rng.Perm(len(counts))
		permuted := make([]float64, len(counts))
		for i, j := range perm {
			permuted[i] = counts[j]
		}
		c, pc := mustCounts(t, counts), mustCounts(t, permuted)
		for _, s := range Schemes {
			w, _ := s.Weights(c, DefaultParams())
			pw, _ := s.Weights(pc, DefaultParams())
			for i, j := range perm {
				if !closeTo(pw[i], w[j], 1e-12) {
					t.Errorf("%s: permuted class %d got %v\nwant %v", s.ID, i, pw[i], w[j])
				}
			}
		}
	})
}

func TestScalingCountsKeepsScaleFreeWeights(t *testing.T) {
	scaleFree := []*Scheme{Balanced, MaxRatio, SqrtMaxRatio, MedianFrequency}
	forEachRandom(t, func(t *testing.T, counts []float64) {
		scaled := make([]float64, len(counts))
		for i, n := range counts {
			scaled[i] = 7.5 * n
		}
		c, sc := mustCounts(t, counts), mustCounts(t, scaled)
		for _, s := range scaleFree {
			w, _ := s.Weights(c, DefaultParams())
			sw, _ := s.Weights(sc, DefaultParams())
			assertWeights(t, sw, w, 1e-12)
		}
	})
}

func TestRarerClassesWeighAtLeastAsMuch(t *testing.T) {
	forEachRandom(t, func(t *testing.T, counts []float64) {
		c := mustCounts(t, counts)
		for _, s := range Schemes {
			w, _ := s.Weights(c, DefaultParams())
			for i := range counts {
				for j := range counts {
					if counts[i] < counts[j] && w[i] < w[j]*(1-1e-12) {
						t.Errorf("%s: class %d (count %v) weighs %v, less than class %d "+
							"(count %v) with %v", s.ID, i, counts[i], w[i], j, counts[j], w[j])
					}
				}
			}
		}
	})
}

func TestBalancedGivesEveryClassTheSameLossShare(t *testing.T) {
	forEachRandom(t, func(t *testing.T, counts []float64) {
		r, err := Evaluate(mustCounts(t, counts), Balanced, NormNative, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		for i, share := range r.LossShares {
			if want := 1 / float64(len(counts)); !closeTo(share, want, 1e-12) {
				t.Errorf("class %d: loss share %v\nwant 1/K = %v", i, share, want)
			}
		}
		if !closeTo(r.WeightedSum, r.LossShares[0]*0+mustCounts(t, counts).Total(), 1e-12) {
			t.Errorf("Σ n·w = %v\nwant N", r.WeightedSum)
		}
	})
}

func TestEffectiveNumberLimits(t *testing.T) {
	forEachRandom(t, func(t *testing.T, counts []float64) {
		c := mustCounts(t, counts)
		p := DefaultParams()

		p.Beta = 0
		w, _ := EffectiveNumber.Weights(c, p)
		assertWeights(t, w, slices.Repeat([]float64{1}, len(counts)), 1e-12)

		p.Beta = 1 - 1e-12 // far beyond every count here: β^n stays near 1
		w, _ = EffectiveNumber.Weights(c, p)
		inv, err := Evaluate(c, Inverse, NormMean1, p)
		if err != nil {
			t.Fatal(err)
		}
		assertWeights(t, w, inv.Weights, 1e-5)
	})
}

func TestNormsKeepRatiosAndMeetTheirRule(t *testing.T) {
	forEachRandom(t, func(t *testing.T, counts []float64) {
		c := mustCounts(t, counts)
		largest, smallest := 0, 0
		for i, n := range counts {
			if n > counts[largest] {
				largest = i
			}
			if n < counts[smallest] {
				smallest = i
			}
		}
		for _, s := range Schemes {
			native, _ := s.Weights(c, DefaultParams())
			for _, norm := range Norms {
				r, err := Evaluate(c, s, norm, DefaultParams())
				if err != nil {
					t.Fatalf("%s %s: %v", s.ID, norm, err)
				}
				scale := r.Weights[0] / native[0]
				for i := range native {
					if !closeTo(r.Weights[i], native[i]*scale, 1e-12) {
						t.Errorf("%s %s: class %d changed its ratio", s.ID, norm, i)
					}
				}
				var got, want float64
				switch norm {
				case NormNative:
					got, want = scale, 1
				case NormSum1:
					got, want = r.Sum, 1
				case NormMean1:
					got, want = r.Sum, float64(len(counts))
				case NormSamples:
					got, want = r.WeightedSum, c.Total()
				case NormMax1:
					got, want = r.Weights[largest], 1
				case NormMin1:
					got, want = r.Weights[smallest], 1
				}
				if !closeTo(got, want, 1e-12) {
					t.Errorf("%s %s: got %v\nwant %v", s.ID, norm, got, want)
				}
			}
		}
	})
}

func TestZeroCountIsUndefinedNeverInfinite(t *testing.T) {
	c, err := NewCounts([]string{"a", "empty", "c"}, []float64{100, 0, 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Schemes {
		for _, norm := range Norms {
			r, err := Evaluate(c, s, norm, DefaultParams())
			if err != nil {
				t.Fatalf("%s %s: %v", s.ID, norm, err)
			}
			wantUndefined := s.DividesByCount
			if got := slices.Equal(r.Undefined, []int{1}); got != wantUndefined {
				t.Errorf("%s %s: undefined classes %v\nwant [1] only if it divides by the count",
					s.ID, norm, r.Undefined)
			}
			for i, w := range r.Weights {
				if math.IsInf(w, 0) || (math.IsNaN(w) && !slices.Contains(r.Undefined, i)) {
					t.Errorf("%s %s: class %d weighs %v", s.ID, norm, i, w)
				}
			}
		}
	}
}

func TestEvaluateRejectsParamsOutOfRange(t *testing.T) {
	c := mustCounts(t, []float64{240, 38})
	for _, tt := range []struct {
		s *Scheme
		p func(*Params)
	}{
		{EffectiveNumber, func(p *Params) { p.Beta = 1 }},
		{EffectiveNumber, func(p *Params) { p.Beta = -0.1 }},
		{LogSmoothed, func(p *Params) { p.Mu = 0 }},
		{Enet, func(p *Params) { p.EnetC = 1 }},
		{Enet, func(p *Params) { p.EnetC = math.NaN() }},
	} {
		p := DefaultParams()
		tt.p(&p)
		if _, err := Evaluate(c, tt.s, NormNative, p); err == nil {
			t.Errorf("%s accepted %+v", tt.s.ID, p)
		}
	}
}

func TestSchemeByID(t *testing.T) {
	for _, s := range Schemes {
		got, err := SchemeByID(s.ID)
		if err != nil || got != s {
			t.Errorf("SchemeByID(%q): got %v, %v", s.ID, got, err)
		}
	}
	if _, err := SchemeByID("balance"); err == nil {
		t.Fatal("an unknown scheme id was accepted")
	}
}

func TestFormulaText(t *testing.T) {
	want := map[string]string{
		"uniform":          "w_c = 1",
		"inverse":          "w_c = N / n_c",
		"balanced":         "w_c = N / (K · n_c)",
		"max-ratio":        "w_c = (max_k n_k) / n_c",
		"sqrt-max-ratio":   "w_c = sqrt((max_k n_k) / n_c)",
		"complement":       "w_c = 1 − p_c",
		"log-smoothed":     "w_c = max(1, ln(μ · N / n_c))",
		"median-frequency": "w_c = (median_k p_k) / p_c",
		"effective-number": "w_c = K · ((1 − β) / (1 − β^n_c)) / (Σ_k ((1 − β) / (1 − β^n_k)))",
		"enet":             "w_c = 1 / ln(c + p_c)",
	}
	for _, s := range Schemes {
		if got := s.FormulaText(); got != want[s.ID] {
			t.Errorf("%s: got %q\nwant %q", s.ID, got, want[s.ID])
		}
	}
}

func TestSubstitute(t *testing.T) {
	c := mustCounts(t, []float64{240, 38})
	p := DefaultParams()
	tests := []struct {
		s    *Scheme
		want string
	}{
		{Balanced, "278 / (2 · 38)"},
		{Inverse, "278 / 38"},
		{MaxRatio, "240 / 38"},
		{Complement, "1 − 0.1367"},
		{LogSmoothed, "max(1, ln(0.15 · 278 / 38))"},
		{MedianFrequency, "0.5 / 0.1367"},
		{Enet, "1 / ln(1.02 + 0.1367)"},
		// Σ_k: 0.001 / (1 − 0.999^240) + 0.001 / (1 − 0.999^38) = 0.0046847 + 0.026806.
		{EffectiveNumber, "2 · ((1 − 0.999) / (1 − 0.999^38)) / 0.03149"},
	}
	for _, tt := range tests {
		if got := Substitute(tt.s.Formula, c, p, 1); got != tt.want {
			t.Errorf("%s: got %q\nwant %q", tt.s.ID, got, tt.want)
		}
	}
}

func TestMathML(t *testing.T) {
	got := MathML(Balanced.Formula)
	want := `<math display="block"><mrow><msub><mi>w</mi><mi>c</mi></msub><mo>=</mo>` +
		`<mfrac><mrow><mi>N</mi></mrow><mrow><mi>K</mi><mo>&#x22C5;</mo>` +
		`<msub><mi>n</mi><mi>c</mi></msub></mrow></mfrac></mrow></math>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// forum holds the counts of the forum question: 240 negatives, 38 positives.
func forum() Counts {
	c, _ := NewCounts([]string{"neg", "pos"}, []float64{240, 38})
	return c
}

func printWeights(s *Scheme) {
	w, _ := s.Weights(forum(), DefaultParams())
	fmt.Printf("%s: %s → %.4f %.4f\n", s.ID, s.FormulaText(), w[0], w[1])
}

func ExampleUniform() { printWeights(Uniform) /* Output: uniform: w_c = 1 → 1.0000 1.0000 */ }
func ExampleInverse() { printWeights(Inverse) /* Output: inverse: w_c = N / n_c → 1.1583 7.3158 */ }
func ExampleBalanced() {
	printWeights(Balanced) /* Output: balanced: w_c = N / (K · n_c) → 0.5792 3.6579 */
}
func ExampleMaxRatio() {
	printWeights(MaxRatio) /* Output: max-ratio: w_c = (max_k n_k) / n_c → 1.0000 6.3158 */
}
func ExampleSqrtMaxRatio() {
	printWeights(SqrtMaxRatio) /* Output: sqrt-max-ratio: w_c = sqrt((max_k n_k) / n_c) → 1.0000 2.5131 */
}
func ExampleComplement() {
	printWeights(Complement) /* Output: complement: w_c = 1 − p_c → 0.1367 0.8633 */
}
func ExampleLogSmoothed() {
	printWeights(LogSmoothed) /* Output: log-smoothed: w_c = max(1, ln(μ · N / n_c)) → 1.0000 1.0000 */
}
func ExampleMedianFrequency() {
	printWeights(MedianFrequency) /* Output: median-frequency: w_c = (median_k p_k) / p_c → 0.5792 3.6579 */
}
func ExampleEffectiveNumber() {
	printWeights(EffectiveNumber) /* Output: effective-number: w_c = K · ((1 − β) / (1 − β^n_c)) / (Σ_k ((1 − β) / (1 − β^n_k))) → 0.2975 1.7025 */
}
func ExampleEnet() { printWeights(Enet) /* Output: enet: w_c = 1 / ln(c + p_c) → 1.5797 6.8699 */ }

func TestMedianAgreesWithSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		xs := make([]float64, 1+rng.IntN(40))
		for i := range xs {
			xs[i] = float64(rng.IntN(10)) // many ties
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		mid := len(sorted) / 2
		want := sorted[mid]
		if len(sorted)%2 == 0 {
			want = (sorted[mid-1] + sorted[mid]) / 2
		}
		before := slices.Clone(xs)
		if got := median(xs); got != want {
			t.Fatalf("median(%v): got %v\nwant %v", before, got, want)
		}
		if !slices.Equal(xs, before) {
			t.Fatalf("median changed its input")
		}
	}
}

// effectiveTermExact computes (1 − β) / (1 − β^n) with 256-bit floats, for a
// whole n, as the reference for the float64 code.
func effectiveTermExact(beta float64, n int64) float64 {
	const prec = 256
	b := new(big.Float).SetPrec(prec).SetFloat64(beta)
	pow := new(big.Float).SetPrec(prec).SetInt64(1)
	for base, e := new(big.Float).SetPrec(prec).Set(b), n; e > 0; e >>= 1 {
		if e&1 == 1 {
			pow.Mul(pow, base)
		}
		base.Mul(base, base)
	}
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	num := new(big.Float).SetPrec(prec).Sub(one, b)
	den := new(big.Float).SetPrec(prec).Sub(one, pow)
	v, _ := new(big.Float).SetPrec(prec).Quo(num, den).Float64()
	return v
}

func TestEffectiveNumberKeepsPrecision(t *testing.T) {
	for _, beta := range []float64{0.9, 0.999, 0.9999, 1 - 1.0/(1<<30), 1 - 1.0/(1<<45)} {
		counts := []int64{1, 38, 240, 1_000_000, 5_000_000, 123_456_789}
		fc := make([]float64, len(counts))
		for i, n := range counts {
			fc[i] = float64(n)
		}
		c := mustCounts(t, fc)
		p := DefaultParams()
		p.Beta = beta
		got, _ := EffectiveNumber.Weights(c, p)

		want := make([]float64, len(counts))
		for i, n := range counts {
			want[i] = effectiveTermExact(beta, n)
		}
		want = scaleToSum(want, float64(len(counts)))
		t.Run(fmt.Sprint(beta), func(t *testing.T) { assertWeights(t, got, want, 1e-12) })
	}
}

package calc

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkAllSchemes100k computes every scheme, the derived values, the
// diagnostics, the priors and the warnings for 100,000 classes:
//
//	go test -run '^$' -bench AllSchemes100k ./calc
func BenchmarkAllSchemes100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	c, err := NewCounts(nil, randomCounts(rng, 100_000, 1e7))
	if err != nil {
		b.Fatal(err)
	}
	p := DefaultParams()
	b.ResetTimer()
	for b.Loop() {
		if _, errs := EvaluateAll(c, Schemes, NormSamples, p); errs[0] != nil {
			b.Fatal(errs[0])
		}
		Diagnose(c)
		if _, err := PriorValues(c, p.Tau); err != nil {
			b.Fatal(err)
		}
		Warnings(c)
	}
}

package calc

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzEngine feeds arbitrary counts and parameters to every scheme in every
// normalisation and to the derived values. None may panic, and no NaN or
// infinity may come out unless it is reported: a NaN weight must be listed
// as undefined, and no value is ever infinite.
func FuzzEngine(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0x6e, 0x40, 0, 0, 0, 0, 0, 0, 0x43, 0x40}, 0.999, 0.15, 1.02, 1.0)
	f.Add(make([]byte, 24), 0.0, 1.0, 1.5, 0.0)
	f.Fuzz(func(t *testing.T, raw []byte, beta, mu, enetC, tau float64) {
		var counts []float64
		for len(raw) >= 8 && len(counts) < 64 {
			counts = append(counts, math.Float64frombits(binary.LittleEndian.Uint64(raw)))
			raw = raw[8:]
		}
		c, err := NewCounts(nil, counts)
		if err != nil {
			return
		}
		p := Params{Beta: beta, Mu: mu, EnetC: enetC, Tau: tau}
		isValid := p.Validate() == nil

		for _, s := range Schemes {
			for _, norm := range Norms {
				r, err := Evaluate(c, s, norm, p)
				if err != nil {
					continue
				}
				undefined := map[int]bool{}
				for _, i := range r.Undefined {
					undefined[i] = true
				}
				for i, w := range r.Weights {
					if math.IsInf(w, 0) || (math.IsNaN(w) && !undefined[i]) {
						t.Fatalf("%s %s: class %d weighs %v (counts %v, params %+v)",
							s.ID, norm, i, w, counts, p)
					}
					if math.IsInf(r.LossShares[i], 0) {
						t.Fatalf("%s %s: class %d has loss share %v", s.ID, norm, i, r.LossShares[i])
					}
				}
				if math.IsInf(r.Ratio, 0) || math.IsInf(r.Sum, 0) || math.IsNaN(r.Sum) {
					t.Fatalf("%s %s: ratio %v, sum %v", s.ID, norm, r.Ratio, r.Sum)
				}
			}
		}

		d := Diagnose(c)
		if math.IsInf(d.ImbalanceRatio, 0) || math.IsNaN(d.Entropy) || math.IsNaN(d.MinorityShare) {
			t.Fatalf("diagnostics %+v for %v", d, counts)
		}
		if isValid {
			if _, err := PriorValues(c, tau); err != nil {
				t.Fatal(err)
			}
		}
		if c.Len() == 2 {
			b, err := BinaryValues(c, 1)
			if err != nil || math.IsInf(b.PosWeight, 0) || math.IsInf(b.InitialBias, 0) {
				t.Fatalf("binary %+v, %v for %v", b, err, counts)
			}
		}
	})
}

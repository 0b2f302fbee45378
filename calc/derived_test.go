package calc

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestDiagnose(t *testing.T) {
	tests := []struct {
		name    string
		counts  []float64
		ratio   float64 // NaN for undefined
		share   float64
		entropy float64
		degree  Degree
	}{
		// 240 and 38: 240/38 = 6.316; 38/278 = 0.1367; entropy
		// −(0.8633 ln 0.8633 + 0.1367 ln 0.1367) / ln 2 = 0.5755059 (Python, math.log).
		{"forum", []float64{240, 38}, 240.0 / 38, 38.0 / 278, 0.5755059, DegreeModerate},
		{"equal", []float64{50, 50}, 1, 0.5, 1, DegreeNone},
		{"ten equal classes", []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 0.1, 1, DegreeNone},
		{"mild", []float64{70, 30}, 70.0 / 30, 0.3, 0.8812909, DegreeMild},
		{"extreme", []float64{9999, 1}, 9999, 1e-4, 0.0014730, DegreeExtreme},
		{"an empty class", []float64{10, 0}, math.NaN(), 0, 0, DegreeExtreme},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diagnose(mustCounts(t, tt.counts))
			if math.IsNaN(tt.ratio) != math.IsNaN(d.ImbalanceRatio) ||
				(!math.IsNaN(tt.ratio) && !closeTo(d.ImbalanceRatio, tt.ratio, 1e-12)) {
				t.Errorf("imbalance ratio: got %v\nwant %v", d.ImbalanceRatio, tt.ratio)
			}
			if !closeTo(d.MinorityShare, tt.share, 1e-12) && d.MinorityShare != tt.share {
				t.Errorf("minority share: got %v\nwant %v", d.MinorityShare, tt.share)
			}
			if math.Abs(d.Entropy-tt.entropy) > 1e-6 {
				t.Errorf("entropy: got %v\nwant %v", d.Entropy, tt.entropy)
			}
			if d.Degree != tt.degree {
				t.Errorf("degree: got %s\nwant %s", d.Degree, tt.degree)
			}
			if d.N != sumOf(tt.counts) || d.K != len(tt.counts) {
				t.Errorf("got N = %v, K = %d", d.N, d.K)
			}
		})
	}
}

func TestBinaryValues(t *testing.T) {
	b, err := BinaryValues(forum(), 1)
	if err != nil {
		t.Fatal(err)
	}
	// pos_weight 240/38 is what PyTorch's BCEWithLogitsLoss docs compute for
	// such counts; the bias is ln(38/240) as in TensorFlow's imbalanced-data
	// tutorial; 1/(1 + 240/38) = 38/278.
	want := Binary{Positive: 1, Negative: 0, PosWeight: 240.0 / 38,
		InitialBias: math.Log(38.0 / 240), Threshold: 38.0 / 278, FocalAlpha: 240.0 / 278}
	if !closeTo(b.PosWeight, want.PosWeight, 1e-15) ||
		!closeTo(b.InitialBias, want.InitialBias, 1e-15) ||
		!closeTo(b.Threshold, want.Threshold, 1e-15) ||
		!closeTo(b.FocalAlpha, want.FocalAlpha, 1e-15) ||
		b.Positive != 1 || b.Negative != 0 {
		t.Errorf("got %+v\nwant %+v", b, want)
	}
	if !closeTo(b.Threshold, 1/(1+b.PosWeight), 1e-15) {
		t.Errorf("threshold %v is not 1/(1 + pos_weight)", b.Threshold)
	}

	flipped, err := BinaryValues(forum(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !closeTo(flipped.PosWeight, 38.0/240, 1e-15) || flipped.Negative != 1 {
		t.Errorf("with the first class positive: got %+v", flipped)
	}

	if _, err := BinaryValues(mustCounts(t, []float64{1, 2, 3}), 1); !errors.Is(err, ErrNotBinary) {
		t.Errorf("three classes: got %v\nwant ErrNotBinary", err)
	}
	empty, err := BinaryValues(mustCounts(t, []float64{10, 0}), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(empty.PosWeight) || !math.IsNaN(empty.InitialBias) ||
		!math.IsNaN(empty.Threshold) || empty.FocalAlpha != 1 {
		t.Errorf("no positives: got %+v\nwant undefined pos_weight, bias and threshold", empty)
	}
}

func TestPriorValues(t *testing.T) {
	c := mustCounts(t, []float64{900, 90, 10})
	p, err := PriorValues(c, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range []float64{900, 90, 10} {
		prior := n / 1000
		if !closeTo(p.InitialBias[i], math.Log(prior), 1e-15) ||
			!closeTo(p.LogitOffsets[i], 1.5*math.Log(prior), 1e-15) ||
			!closeTo(p.SamplerWeights[i], 1/n, 1e-15) {
			t.Errorf("class %d: got bias %v, offset %v, sampler %v", i,
				p.InitialBias[i], p.LogitOffsets[i], p.SamplerWeights[i])
		}
	}
	if _, err := PriorValues(c, -1); err == nil {
		t.Error("τ = −1 was accepted")
	}
}

func TestMultiLabelPosWeights(t *testing.T) {
	w, err := MultiLabelPosWeights(1000, []float64{100, 500, 1000, 0})
	if err != nil {
		t.Fatal(err)
	}
	// (1000 − 100)/100 = 9, (1000 − 500)/500 = 1, 0/1000 = 0, undefined.
	if w[0] != 9 || w[1] != 1 || w[2] != 0 || !math.IsNaN(w[3]) {
		t.Errorf("got %v\nwant [9 1 0 NaN]", w)
	}
	for _, tt := range []struct {
		rows      float64
		positives []float64
	}{
		{0, []float64{1}},
		{10, []float64{11}},
		{10, []float64{-1}},
		{math.Inf(1), []float64{1}},
	} {
		if _, err := MultiLabelPosWeights(tt.rows, tt.positives); err == nil {
			t.Errorf("rows %v, positives %v: got no error", tt.rows, tt.positives)
		}
	}
}

func TestWarnings(t *testing.T) {
	kinds := func(ws []Warning) []WarningKind {
		var out []WarningKind
		for _, w := range ws {
			out = append(out, w.Kind)
		}
		return out
	}
	if ws := Warnings(forum()); len(ws) != 0 {
		t.Errorf("forum counts: got warnings %v\nwant none", kinds(ws))
	}
	ws := Warnings(mustCounts(t, []float64{9999, 1}))
	if len(ws) != 1 || ws[0].Kind != WarnExtreme {
		t.Errorf("9999 and 1: got %v\nwant the extreme-imbalance note", kinds(ws))
	}
	ws = Warnings(mustCounts(t, []float64{1e6, 900}))
	if len(ws) != 1 || ws[0].Kind != WarnExtreme {
		t.Errorf("ratio 1111: got %v\nwant the extreme-imbalance note", kinds(ws))
	}
	c, _ := NewCounts([]string{"a", "b", "c"}, []float64{50, 0, 20})
	ws = Warnings(c)
	if len(ws) != 1 || ws[0].Kind != WarnZeroCount || ws[0].Classes[0] != 1 {
		t.Fatalf("an empty class: got %+v\nwant the zero-count warning for class 1", ws)
	}
	for _, want := range []string{`Class "b" has no examples`, "balanced", "effective-number"} {
		if !contains(ws[0].Message, want) {
			t.Errorf("got message %q\nwant it to contain %q", ws[0].Message, want)
		}
	}
	if contains(ws[0].Message, "enet") || contains(ws[0].Message, "uniform") {
		t.Errorf("the message names a scheme that stays defined: %q", ws[0].Message)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestRewardsMajority(t *testing.T) {
	c := forum()
	tests := []struct {
		name string
		w    []float64
		want bool
	}{
		// The forum answer's mistake: each class weighted by its own share.
		{"own frequency", []float64{240.0 / 278, 38.0 / 278}, true},
		{"balanced", []float64{0.5792, 3.658}, false},
		{"uniform", []float64{1, 1}, false},
		{"undefined weight", []float64{math.NaN(), 1}, false},
	}
	for _, tt := range tests {
		if got := RewardsMajority(c, tt.w); got != tt.want {
			t.Errorf("%s: got %v\nwant %v", tt.name, got, tt.want)
		}
		if got := MajorityRewardWarning(c, tt.w) != nil; got != tt.want {
			t.Errorf("%s: warning %v\nwant %v", tt.name, got, tt.want)
		}
	}
	for _, s := range Schemes {
		w, _ := s.Weights(c, DefaultParams())
		if RewardsMajority(c, w) {
			t.Errorf("%s rewards the majority", s.ID)
		}
	}
}

func TestParamRanges(t *testing.T) {
	for _, d := range AllParams {
		if err := d.Check(d.Default); err != nil {
			t.Errorf("%s: the default is out of range: %v", d.ID, err)
		}
		for _, v := range d.Choices {
			if err := d.Check(v); err != nil {
				t.Errorf("%s: the choice %v is out of range: %v", d.ID, v, err)
			}
		}
		got, err := ParamByID(d.ID)
		if err != nil || got != d {
			t.Errorf("ParamByID(%q): %v", d.ID, err)
		}
	}
	if err := DefaultParams().Validate(); err != nil {
		t.Error(err)
	}
	if _, err := ParamBeta.Parse("1"); err == nil || !contains(err.Error(), "below 1") {
		t.Errorf("β = 1: got %v\nwant an error naming the range", err)
	}
}

package app

import (
	"net/url"
	"strings"
	"testing"

	"classweights/calc"
)

func TestCompute(t *testing.T) {
	r := compute("240, 38", calc.NormNative, calc.DefaultParams(), 1)
	if r.err != nil {
		t.Fatal(r.err)
	}
	// scikit-learn's compute_class_weight("balanced") on [240, 38].
	w := r.weightsOf("balanced")
	if w[0] != 0.5791666666666667 || w[1] != 3.6578947368421053 {
		t.Errorf("got weights %v\nwant [0.5791666666666667 3.6578947368421053]", w)
	}
	// Balanced, inverse, complement and median-frequency differ only in scale
	// for two classes; so do max-ratio's 1 and 6.3158. Log-smoothed gives 1 and
	// 1 here, as uniform does; the others stand alone.
	byID := map[string]int{}
	for i, s := range calc.Schemes {
		byID[s.ID] = r.groups[i]
	}
	if byID["balanced"] < 0 || byID["balanced"] != byID["inverse"] ||
		byID["balanced"] != byID["complement"] || byID["balanced"] != byID["max-ratio"] ||
		byID["uniform"] < 0 || byID["uniform"] != byID["log-smoothed"] || byID["enet"] != -1 {
		t.Errorf("got groups %v", byID)
	}
	if r.form != calc.FormList {
		t.Errorf("got form %q\nwant %q", r.form, calc.FormList)
	}
}

func TestComputeErrors(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"", "Type or paste the count of each class, for example 240, 38."},
		{"5", "There is only one class: weights need at least two."},
		{"240, x", `line 1, column 6: cannot read the counts: "x" is not a number, and a list holds only counts`},
	}
	for _, tt := range tests {
		r := compute(tt.text, calc.NormNative, calc.DefaultParams(), 1)
		if r.err == nil {
			t.Errorf("compute(%q): got no error", tt.text)
			continue
		}
		if got := errorText(r.err); got != tt.want {
			t.Errorf("compute(%q): got message %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestReadLink(t *testing.T) {
	c := &Calculator{}
	c.OnInit()
	u, _ := url.Parse("/?counts=240,38,7&labels=a,b")
	c.readLink(u)
	if len(c.linkErrs) == 0 {
		t.Fatal("a link with 3 counts and 2 labels was read without a message")
	}
	if c.input != "240, 38, 7" {
		t.Errorf("got counts box %q\nwant the counts kept as %q", c.input, "240, 38, 7")
	}
	if c.result.err != nil || len(c.result.weightsOf("balanced")) != 3 {
		t.Errorf("got result %+v\nwant the weights of the three counts", c.result)
	}
}

func TestTitleAndDescription(t *testing.T) {
	c := &Calculator{}
	c.OnInit()
	u, _ := url.Parse("/?counts=240,38&labels=neg,pos")
	c.readLink(u)
	if got := c.title(); got != "Class weights for neg 240 / pos 38" {
		t.Errorf("got title %q", got)
	}
	if got := c.description(); !strings.Contains(got, "Balanced weights (native): neg 0.5792, pos 3.658") {
		t.Errorf("got description %q", got)
	}
	for _, bad := range []string{"/?counts=240,abc", "/?text=%3F", "/?counts=&labels=x"} {
		u, _ := url.Parse(bad)
		c.readLink(u)
		if c.title() != "Class weight calculator" || !strings.Contains(c.description(), "computed in your browser") {
			t.Errorf("%s: got %q, %q", bad, c.title(), c.description())
		}
	}
}

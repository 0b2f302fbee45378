package calc

import (
	"strings"
	"testing"
)

func TestSteps(t *testing.T) {
	c := forum()
	p := DefaultParams()
	tests := []struct {
		s    *Scheme
		want string
	}{
		{Balanced, `N = 240 + 38 = 278
K = 2 classes
w(pos) = N / (K · n_c)
       = 278 / (2 · 38)
       = 278 / 76
       = 3.658`},
		{MaxRatio, `max_k n_k = 240
w(pos) = (max_k n_k) / n_c
       = 240 / 38
       = 6.316`},
		{Enet, `N = 240 + 38 = 278
p_c = n_c / N = 38 / 278 = 0.1367
w(pos) = 1 / ln(c + p_c)
       = 1 / ln(1.02 + 0.1367)
       = 1 / ln(1.157)
       = 1 / 0.1456
       = 6.87`},
	}
	for _, tt := range tests {
		got := strings.Join(Steps(tt.s, c, p, 1), "\n")
		if got != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.s.ID, got, tt.want)
		}
	}
	// Every scheme's derivation ends at its weight, for every class.
	for _, s := range Schemes {
		w, _ := s.Weights(c, p)
		for i := range 2 {
			steps := Steps(s, c, p, i)
			last := steps[len(steps)-1]
			if !strings.HasSuffix(last, "= "+FormatWeight(w[i])) {
				t.Errorf("%s class %d ends with %q\nwant the weight %s", s.ID, i, last, FormatWeight(w[i]))
			}
		}
	}
}

package calc

import (
	"math"
	"strings"
)

// Expr is a formula as structured data: the weight of class c in terms of the
// counts and the parameters. It renders as plain text (Text), as MathML
// (MathML), and with one class's numbers substituted (Substitute); Eval
// computes it, which tests use to check the schemes' careful code against
// their formulas.
type Expr interface {
	eval(env *evalEnv) float64
	prec() int // binding strength: higher binds tighter
}

// The building blocks of formulas.
type (
	// Num is a constant.
	Num float64
	// Sym is a quantity: n (a count), p (a share), N, K, or a parameter. Sub is
	// the class it refers to, "c" for the class at hand or "k" inside an
	// aggregate; empty for N, K and parameters.
	Sym struct{ Name, Sub string }
	// Bin is a binary operation: '+', '-', '*', '/' or '^'.
	Bin struct {
		Op   byte
		L, R Expr
	}
	// Call applies "ln", "sqrt" or "max" (of two arguments) to its arguments.
	Call struct {
		Fn   string
		Args []Expr
	}
	// Agg is "max", "median" or "sum" of Of over every class k.
	Agg struct {
		Fn string
		Of Expr
	}
)

// Symbols used in formulas.
var (
	symNc    = Sym{"n", "c"}
	symNk    = Sym{"n", "k"}
	symPc    = Sym{"p", "c"}
	symPk    = Sym{"p", "k"}
	symTotal = Sym{"N", ""}
	symK     = Sym{"K", ""}
	symBeta  = Sym{"β", ""}
	symMu    = Sym{"μ", ""}
	symEnetC = Sym{"c", ""}
	symTau   = Sym{"τ", ""}
)

func div(l, r Expr) Expr { return Bin{'/', l, r} }
func mul(l, r Expr) Expr { return Bin{'*', l, r} }
func sub(l, r Expr) Expr { return Bin{'-', l, r} }
func add(l, r Expr) Expr { return Bin{'+', l, r} }
func pow(l, r Expr) Expr { return Bin{'^', l, r} }
func call(fn string, args ...Expr) Expr {
	return Call{Fn: fn, Args: args}
}

func (Num) prec() int  { return 9 }
func (Sym) prec() int  { return 9 }
func (Call) prec() int { return 9 }
func (Agg) prec() int  { return 0 } // always in parentheses inside an operation
func (b Bin) prec() int {
	switch b.Op {
	case '+', '-':
		return 1
	case '*', '/':
		return 2
	}
	return 3
}

// evalEnv binds the symbols of a formula for one class.
type evalEnv struct {
	counts Counts
	params Params
	c, k   int
}

func (e *evalEnv) count(sub string) float64 {
	if sub == "k" {
		return e.counts.Count(e.k)
	}
	return e.counts.Count(e.c)
}

func (n Num) eval(*evalEnv) float64 { return float64(n) }

func (s Sym) eval(e *evalEnv) float64 {
	switch s.Name {
	case "n":
		return e.count(s.Sub)
	case "p":
		return e.count(s.Sub) / e.counts.Total()
	case "N":
		return e.counts.Total()
	case "K":
		return float64(e.counts.Len())
	case "β":
		return e.params.Beta
	case "μ":
		return e.params.Mu
	case "c":
		return e.params.EnetC
	case "τ":
		return e.params.Tau
	}
	return math.NaN()
}

func (b Bin) eval(e *evalEnv) float64 {
	l, r := b.L.eval(e), b.R.eval(e)
	switch b.Op {
	case '+':
		return l + r
	case '-':
		return l - r
	case '*':
		return l * r
	case '/':
		return l / r
	case '^':
		return math.Pow(l, r)
	}
	return math.NaN()
}

func (c Call) eval(e *evalEnv) float64 {
	switch c.Fn {
	case "ln":
		return math.Log(c.Args[0].eval(e))
	case "sqrt":
		return math.Sqrt(c.Args[0].eval(e))
	case "max":
		return math.Max(c.Args[0].eval(e), c.Args[1].eval(e))
	}
	return math.NaN()
}

func (a Agg) eval(e *evalEnv) float64 {
	inner := *e
	values := make([]float64, e.counts.Len())
	for k := range values {
		inner.k = k
		values[k] = a.Of.eval(&inner)
	}
	switch a.Fn {
	case "max":
		return maxOf(values)
	case "median":
		return median(values)
	case "sum":
		return sumOf(values)
	}
	return math.NaN()
}

// Eval computes the formula for class c, plainly, without the care for
// precision that the schemes' own code takes.
func Eval(x Expr, counts Counts, p Params, c int) float64 {
	return x.eval(&evalEnv{counts: counts, params: p, c: c})
}

// renderer writes a formula as text or MathML, with symbols or, when env is
// set, with one class's numbers in their place.
type renderer struct {
	b      strings.Builder
	mathML bool
	env    *evalEnv
}

// Text writes the formula as plain text: "N / (K · n_c)".
func Text(x Expr) string {
	var r renderer
	r.expr(x, 0)
	return r.b.String()
}

// MathML writes the formula "w_c = x" as a MathML <math> element.
func MathML(x Expr) string {
	r := renderer{mathML: true}
	return r.equation(x)
}

// Substitute writes the formula as text with class c's numbers in place of
// the symbols: for the balanced weight of class 1 of the counts 240 and 38,
// "278 / (2 · 38)". Counts and parameters are written exactly, derived numbers
// with four significant digits.
func Substitute(x Expr, counts Counts, p Params, c int) string {
	r := renderer{env: &evalEnv{counts: counts, params: p, c: c}}
	r.expr(x, 0)
	return r.b.String()
}

func (r *renderer) equation(x Expr) string {
	r.b.WriteString(`<math display="block"><mrow>`)
	r.b.WriteString(`<msub><mi>w</mi><mi>c</mi></msub><mo>=</mo>`)
	r.expr(x, 0)
	r.b.WriteString(`</mrow></math>`)
	return r.b.String()
}

func (r *renderer) expr(x Expr, outer int) {
	prec := x.prec()
	if _, isAgg := x.(Agg); isAgg && r.env != nil {
		prec = 9 // an aggregate substituted is a plain number
	}
	paren := prec < outer
	if paren {
		r.open()
	}
	switch x := x.(type) {
	case Num:
		r.number(FormatFloat(float64(x)))
	case approx:
		r.number(FormatWeight(float64(x)))
	case Sym:
		r.sym(x)
	case Bin:
		r.bin(x)
	case Call:
		r.call(x)
	case Agg:
		r.agg(x)
	}
	if paren {
		r.close()
	}
}

func (r *renderer) open() {
	if r.mathML {
		r.b.WriteString(`<mrow><mo>(</mo>`)
		return
	}
	r.b.WriteString("(")
}

func (r *renderer) close() {
	if r.mathML {
		r.b.WriteString(`<mo>)</mo></mrow>`)
		return
	}
	r.b.WriteString(")")
}

func (r *renderer) number(s string) {
	if r.mathML {
		r.b.WriteString(`<mn>` + s + `</mn>`)
		return
	}
	r.b.WriteString(s)
}

func (r *renderer) op(text, mathML string) {
	if r.mathML {
		r.b.WriteString(`<mo>` + mathML + `</mo>`)
		return
	}
	r.b.WriteString(text)
}

func (r *renderer) sym(s Sym) {
	if r.env != nil && (s.Sub != "k") {
		r.number(r.symValue(s))
		return
	}
	if !r.mathML {
		r.b.WriteString(s.Name)
		if s.Sub != "" {
			r.b.WriteString("_" + s.Sub)
		}
		return
	}
	if s.Sub == "" {
		r.b.WriteString(`<mi>` + s.Name + `</mi>`)
		return
	}
	r.b.WriteString(`<msub><mi>` + s.Name + `</mi><mi>` + s.Sub + `</mi></msub>`)
}

// symValue writes the number a symbol stands for: counts, N, K and parameters
// exactly, shares rounded.
func (r *renderer) symValue(s Sym) string {
	v := s.eval(r.env)
	switch s.Name {
	case "n", "N", "K":
		return FormatCount(v)
	case "p":
		return FormatWeight(v)
	}
	return FormatFloat(v)
}

func (r *renderer) bin(b Bin) {
	p := b.prec()
	switch b.Op {
	case '/':
		if r.mathML {
			r.b.WriteString(`<mfrac><mrow>`)
			r.expr(b.L, 0)
			r.b.WriteString(`</mrow><mrow>`)
			r.expr(b.R, 0)
			r.b.WriteString(`</mrow></mfrac>`)
			return
		}
		r.expr(b.L, p)
		r.b.WriteString(" / ")
		r.expr(b.R, p+1)
	case '^':
		if r.mathML {
			r.b.WriteString(`<msup><mrow>`)
			r.expr(b.L, p+1)
			r.b.WriteString(`</mrow><mrow>`)
			r.expr(b.R, 0)
			r.b.WriteString(`</mrow></msup>`)
			return
		}
		r.expr(b.L, p+1)
		r.b.WriteString("^")
		r.expr(b.R, 9)
	default:
		r.expr(b.L, p)
		switch b.Op {
		case '+':
			r.op(" + ", "+")
		case '-':
			r.op(" − ", "&#x2212;")
		case '*':
			r.op(" · ", "&#x22C5;")
		}
		r.expr(b.R, p+1)
	}
}

func (r *renderer) call(c Call) {
	if c.Fn == "sqrt" && r.mathML {
		r.b.WriteString(`<msqrt>`)
		r.expr(c.Args[0], 0)
		r.b.WriteString(`</msqrt>`)
		return
	}
	if r.mathML {
		r.b.WriteString(`<mi>` + c.Fn + `</mi><mo>&#x2061;</mo>`)
	} else {
		r.b.WriteString(c.Fn)
	}
	r.open()
	for i, a := range c.Args {
		if i > 0 {
			r.op(", ", ",")
		}
		r.expr(a, 0)
	}
	r.close()
}

func (r *renderer) agg(a Agg) {
	if r.env != nil {
		r.number(FormatWeight(a.eval(r.env)))
		return
	}
	name := a.Fn
	if a.Fn == "sum" {
		name = "Σ"
	}
	if r.mathML {
		if a.Fn == "sum" {
			name = "&#x2211;"
		}
		r.b.WriteString(`<munder><mo>` + name + `</mo><mi>k</mi></munder>`)
		r.expr(a.Of, 6)
		return
	}
	r.b.WriteString(name + "_k ")
	r.expr(a.Of, 6)
}

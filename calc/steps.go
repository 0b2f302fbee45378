package calc

import (
	"fmt"
	"strings"
)

// approx is a number computed along a derivation, written with four
// significant digits.
type approx float64

func (approx) prec() int               { return 9 }
func (a approx) eval(*evalEnv) float64 { return float64(a) }

// Steps derives the native weight of class c under s, one line per step:
// the quantities the formula needs, the formula, the formula with the numbers,
// then one operation at a time down to the weight.
//
//	N = 240 + 38 = 278
//	K = 2
//	w(pos) = N / (K · n_c)
//	       = 278 / (2 · 38)
//	       = 278 / 76
//	       = 3.658
func Steps(s *Scheme, counts Counts, p Params, c int) []string {
	env := &evalEnv{counts: counts, params: p, c: c}
	var steps []string

	uses := map[string]bool{}
	walk(s.Formula, func(x Expr) {
		switch x := x.(type) {
		case Sym:
			uses[x.Name+x.Sub] = true
		case Agg:
			uses["agg"] = true
		}
	})
	if uses["N"] || uses["pc"] || uses["pk"] {
		terms := make([]string, 0, counts.Len())
		for i := range min(counts.Len(), 6) {
			terms = append(terms, FormatCount(counts.Count(i)))
		}
		sum := strings.Join(terms, " + ")
		if counts.Len() > 6 {
			sum += fmt.Sprintf(" + … (%d classes)", counts.Len())
		}
		steps = append(steps, fmt.Sprintf("N = %s = %s", sum, FormatCount(counts.Total())))
	}
	if uses["K"] {
		steps = append(steps, fmt.Sprintf("K = %d classes", counts.Len()))
	}
	if uses["pc"] {
		steps = append(steps, fmt.Sprintf("p_c = n_c / N = %s / %s = %s",
			FormatCount(counts.Count(c)), FormatCount(counts.Total()),
			FormatWeight(counts.Count(c)/counts.Total())))
	}
	walk(s.Formula, func(x Expr) {
		if a, ok := x.(Agg); ok {
			steps = append(steps, fmt.Sprintf("%s = %s", Text(a), FormatWeight(a.eval(env))))
		}
	})

	label := counts.Label(c)
	steps = append(steps, fmt.Sprintf("w(%s) = %s", label, Text(s.Formula)))
	x := numeric(s.Formula, env)
	pad := strings.Repeat(" ", len([]rune(fmt.Sprintf("w(%s) ", label))))
	steps = append(steps, pad+"= "+Text(x))
	for {
		next, ok := reduceOnce(x)
		if !ok {
			break
		}
		x = next
		steps = append(steps, pad+"= "+Text(x))
	}
	return steps
}

// walk calls f on x and every expression inside it, outside in.
func walk(x Expr, f func(Expr)) {
	f(x)
	switch x := x.(type) {
	case Bin:
		walk(x.L, f)
		walk(x.R, f)
	case Call:
		for _, a := range x.Args {
			walk(a, f)
		}
	}
}

// numeric replaces the symbols and aggregates of x with their numbers for
// the class of env: counts, N, K and parameters exactly, the rest rounded.
func numeric(x Expr, env *evalEnv) Expr {
	switch x := x.(type) {
	case Sym:
		v := x.eval(env)
		if x.Name == "p" {
			return approx(v)
		}
		return Num(v)
	case Agg:
		return approx(x.eval(env))
	case Bin:
		return Bin{x.Op, numeric(x.L, env), numeric(x.R, env)}
	case Call:
		args := make([]Expr, len(x.Args))
		for i, a := range x.Args {
			args[i] = numeric(a, env)
		}
		return Call{x.Fn, args}
	}
	return x
}

// reduceOnce computes the operations of x whose operands are all numbers,
// innermost first, and reports whether there was one.
func reduceOnce(x Expr) (Expr, bool) {
	switch x := x.(type) {
	case Bin:
		if isComputed(x.L) && isComputed(x.R) {
			return approx(x.eval(nil)), true
		}
		l, okL := reduceOnce(x.L)
		r, okR := reduceOnce(x.R)
		return Bin{x.Op, l, r}, okL || okR
	case Call:
		isAll := true
		args := make([]Expr, len(x.Args))
		changed := false
		for i, a := range x.Args {
			isAll = isAll && isComputed(a)
			var ok bool
			args[i], ok = reduceOnce(a)
			changed = changed || ok
		}
		if isAll {
			return approx(x.eval(nil)), true
		}
		return Call{x.Fn, args}, changed
	}
	return x, false
}

func isComputed(x Expr) bool {
	switch x.(type) {
	case Num, approx:
		return true
	}
	return false
}

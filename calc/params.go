package calc

import (
	"fmt"
	"math"
	"strconv"
)

// Params holds the parameters of the schemes that have one. The zero value is
// not valid; start from DefaultParams.
type Params struct {
	Beta  float64 // effective-number: β in [0, 1)
	Mu    float64 // log-smoothed: μ > 0
	EnetC float64 // enet: c > 1
	Tau   float64 // logit adjustment: τ ≥ 0
}

// DefaultParams returns the defaults of their sources: β = 0.999 (Cui et al.),
// μ = 0.15 (the Keras recipe), c = 1.02 (ENet) and τ = 1 (Menon et al.).
func DefaultParams() Params {
	return Params{Beta: 0.999, Mu: 0.15, EnetC: 1.02, Tau: 1}
}

// Param describes one parameter: its token in links and on the command line,
// its symbol, default, valid range and usual values.
type Param struct {
	ID      string // "beta", "mu", "enet-c", "tau"
	Symbol  string // as formulas write it: "β"
	Name    string
	Doc     string
	Default float64
	Min     float64
	Max     float64   // +Inf when unbounded
	MinOpen bool      // Min itself is excluded
	MaxOpen bool      // Max itself is excluded
	Choices []float64 // the values people usually pick
	Step    float64   // a sensible step for a slider or spin box

	field func(*Params) *float64
}

// Get returns the value of the parameter in p.
func (d *Param) Get(p Params) float64 { return *d.field(&p) }

// Set returns p with the parameter set to v, or an error naming the valid
// range when v is outside it.
func (d *Param) Set(p Params, v float64) (Params, error) {
	if err := d.Check(v); err != nil {
		return p, err
	}
	*d.field(&p) = v
	return p, nil
}

// Check reports whether v is within the parameter's range.
func (d *Param) Check(v float64) error {
	tooLow := v < d.Min || (d.MinOpen && v == d.Min)
	tooHigh := v > d.Max || (d.MaxOpen && v == d.Max)
	if math.IsNaN(v) || tooLow || tooHigh {
		return fmt.Errorf("calc: %s = %s is out of range: %s must be %s",
			d.ID, FormatFloat(v), d.Symbol, d.Range())
	}
	return nil
}

// Range describes the valid values in words: "at least 0 and below 1".
func (d *Param) Range() string {
	low := "at least " + FormatFloat(d.Min)
	if d.MinOpen {
		low = "above " + FormatFloat(d.Min)
	}
	if math.IsInf(d.Max, 1) {
		return low
	}
	high := "at most " + FormatFloat(d.Max)
	if d.MaxOpen {
		high = "below " + FormatFloat(d.Max)
	}
	return low + " and " + high
}

// Parse reads a value of the parameter from text and checks its range.
func (d *Param) Parse(text string) (float64, error) {
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return 0, fmt.Errorf("calc: %s = %q is not a number", d.ID, text)
	}
	return v, d.Check(v)
}

// The parameters of the schemes and of the logit adjustment.
var (
	ParamBeta = &Param{
		ID: "beta", Symbol: "β", Name: "beta",
		Doc:     "how fast new examples of a class stop adding information; 0 gives uniform weights, values near 1 approach inverse frequency",
		Default: 0.999, Min: 0, Max: 1, MaxOpen: true,
		Choices: []float64{0.9, 0.99, 0.999, 0.9999}, Step: 0.0001,
		field: func(p *Params) *float64 { return &p.Beta },
	}
	ParamMu = &Param{
		ID: "mu", Symbol: "μ", Name: "mu",
		Doc:     "smoothing of the log-smoothed weights; larger values give larger weights",
		Default: 0.15, Min: 0, Max: math.Inf(1), MinOpen: true,
		Choices: []float64{0.15, 0.5, 1}, Step: 0.01,
		field: func(p *Params) *float64 { return &p.Mu },
	}
	ParamEnetC = &Param{
		ID: "enet-c", Symbol: "c", Name: "ENet constant",
		Doc:     "keeps ENet weights bounded; 1.02 bounds them between about 1 and 50",
		Default: 1.02, Min: 1, Max: math.Inf(1), MinOpen: true,
		Choices: []float64{1.02, 1.1, 1.2}, Step: 0.01,
		field: func(p *Params) *float64 { return &p.EnetC },
	}
	ParamTau = &Param{
		ID: "tau", Symbol: "τ", Name: "tau",
		Doc:     "strength of the logit adjustment; 1 is the Bayes-optimal choice for the balanced error",
		Default: 1, Min: 0, Max: math.Inf(1),
		Choices: []float64{0.5, 1, 1.5, 2}, Step: 0.1,
		field: func(p *Params) *float64 { return &p.Tau },
	}
)

// AllParams lists every parameter.
var AllParams = []*Param{ParamBeta, ParamMu, ParamEnetC, ParamTau}

// ParamByID returns the parameter whose token is id.
func ParamByID(id string) (*Param, error) {
	for _, d := range AllParams {
		if d.ID == id {
			return d, nil
		}
	}
	return nil, fmt.Errorf("calc: unknown parameter %q (known: beta, mu, enet-c, tau)", id)
}

// Validate checks every parameter of p against its range.
func (p Params) Validate() error {
	for _, d := range AllParams {
		if err := d.Check(d.Get(p)); err != nil {
			return err
		}
	}
	return nil
}

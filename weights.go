//go:build !wasm

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"classweights/calc"
)

// stringList is a flag that may be given more than once.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// paramFlag sets one scheme parameter, checking its range.
type paramFlag struct {
	param  *calc.Param
	params *calc.Params
}

func (f paramFlag) String() string {
	if f.params == nil {
		return ""
	}
	return calc.FormatFloat(f.param.Get(*f.params))
}

func (f paramFlag) Set(v string) error {
	x, err := f.param.Parse(v)
	if err != nil {
		return fmt.Errorf("%s must be %s", f.param.Symbol, f.param.Range())
	}
	*f.params, err = f.param.Set(*f.params, x)
	return err
}

func weightsCommand(args []string, stdout, stderr io.Writer) error {
	return weightsCommandIn(args, os.Stdin, stdout, stderr)
}

func weightsCommandIn(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := newFlagSet("weights", stderr)
	countsFlag := flags.String("counts", "", "class `counts`, separated by commas: 240,38")
	inputFlag := flags.String("input", "",
		"`file` of counts in any form the page reads (a list, label: count lines, JSON, "+
			"pandas value_counts(), uniq -c, a SQL table); - for standard input")
	labelsFlag := flags.String("labels", "",
		"class `labels`, separated by commas (a comma inside a label is written \\,); "+
			"default 0, 1, ...")
	normFlag := flags.String("norm", "native",
		"`normalisation`: native, sum1, mean1, samples, max1 or min1")
	var schemeIDs stringList
	flags.Var(&schemeIDs, "scheme", "scheme `id` to show (repeatable; default all)")
	params := calc.DefaultParams()
	for _, p := range calc.AllParams {
		flags.Var(paramFlag{p, &params}, p.ID, fmt.Sprintf("%s (%s), %s",
			p.Symbol, p.Name, p.Range()))
	}
	positiveFlag := flags.String("positive", "",
		"`label` of the positive class of a binary problem (default the second class)")
	asJSON := flags.Bool("json", false, "print JSON instead of a table")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if (*countsFlag == "") == (*inputFlag == "") {
		fmt.Fprintln(stderr, "classweights weights: give either --counts, for example "+
			"--counts 240,38, or --input FILE")
		return errUsage
	}

	countsText, source := *countsFlag, "--counts"
	if *inputFlag != "" {
		text, err := readInput(*inputFlag, stdin)
		if err != nil {
			return err
		}
		countsText, source = text, *inputFlag
	}
	counts, err := readCounts(countsText, source, *labelsFlag)
	if err != nil {
		return err
	}
	norm, err := calc.ParseNorm(*normFlag)
	if err != nil {
		return err
	}
	schemes, err := selectSchemes(schemeIDs)
	if err != nil {
		return err
	}
	positive, err := positiveClass(counts, *positiveFlag, flags)
	if err != nil {
		return err
	}

	report, err := newWeightsReport(counts, schemes, norm, params, positive)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(report)
	}
	return report.writeTable(stdout)
}

// readInput returns the text of a file, or of stdin for "-".
func readInput(path string, stdin io.Reader) (string, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("--input: %w", err)
	}
	return string(data), nil
}

// readCounts parses counts text; source names it in errors.
func readCounts(countsText, source, labelsText string) (calc.Counts, error) {
	parsed, err := calc.Parse(countsText)
	if err != nil {
		return calc.Counts{}, fmt.Errorf("%s: %w", source, err)
	}
	labels := parsed.Labels
	if labelsText != "" {
		labels = calc.SplitLabels(labelsText)
	}
	return calc.NewCounts(labels, parsed.Counts)
}

func selectSchemes(ids []string) ([]*calc.Scheme, error) {
	if len(ids) == 0 {
		return calc.Schemes, nil
	}
	var schemes []*calc.Scheme
	for _, id := range ids {
		for _, one := range strings.Split(id, ",") {
			s, err := calc.SchemeByID(strings.TrimSpace(one))
			if err != nil {
				return nil, err
			}
			schemes = append(schemes, s)
		}
	}
	return schemes, nil
}

// positiveClass returns the index of the class labelled label, the second
// class when label is empty, or -1 when the problem is not binary.
func positiveClass(c calc.Counts, label string, flags *flag.FlagSet) (int, error) {
	if c.Len() != 2 {
		if label != "" {
			return 0, fmt.Errorf("--positive needs two classes; these counts have %d", c.Len())
		}
		return -1, nil
	}
	if label == "" {
		return 1, nil
	}
	for i := range c.Len() {
		if c.Label(i) == label {
			return i, nil
		}
	}
	return 0, fmt.Errorf("--positive: no class is labelled %q (the labels are %q and %q)",
		label, c.Label(0), c.Label(1))
}

// number is a float64 that JSON writes as null when it is undefined (NaN).
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(n))
}

func numbers(xs []float64) []number {
	out := make([]number, len(xs))
	for i, x := range xs {
		out[i] = number(x)
	}
	return out
}

// weightsReport is the output of the weights command. Its JSON field names are
// stable: scripts read them, and new fields are only ever added.
type weightsReport struct {
	Classes     []classReport    `json:"classes"`
	Total       float64          `json:"total"`
	Norm        calc.Norm        `json:"norm"`
	Params      paramsReport     `json:"params"`
	Schemes     []schemeReport   `json:"schemes"`
	Diagnostics diagnosticReport `json:"diagnostics"`
	Binary      *binaryReport    `json:"binary,omitempty"`
	Priors      priorsReport     `json:"priors"`
	Warnings    []warningReport  `json:"warnings"`
}

type classReport struct {
	Label string  `json:"label"`
	Count float64 `json:"count"`
	Share float64 `json:"share"`
}

type paramsReport struct {
	Beta  float64 `json:"beta"`
	Mu    float64 `json:"mu"`
	EnetC float64 `json:"enet_c"`
	Tau   float64 `json:"tau"`
}

type schemeReport struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Formula     string   `json:"formula"`
	Weights     []number `json:"weights"`
	Description string   `json:"description"`
	Source      string   `json:"source"`
	Undefined   []int    `json:"undefined"`
	Ratio       number   `json:"ratio"`
	Sum         float64  `json:"sum"`
	WeightedSum float64  `json:"weighted_sum"`
	LossShares  []number `json:"loss_shares"`
	Error       string   `json:"error,omitempty"`
}

type diagnosticReport struct {
	N              float64     `json:"n"`
	K              int         `json:"k"`
	ImbalanceRatio number      `json:"imbalance_ratio"`
	MinorityShare  float64     `json:"minority_share"`
	Entropy        float64     `json:"entropy"`
	Degree         calc.Degree `json:"degree"`
}

type binaryReport struct {
	Positive    string `json:"positive"`
	Negative    string `json:"negative"`
	PosWeight   number `json:"pos_weight"`
	InitialBias number `json:"initial_bias"`
	Threshold   number `json:"threshold"`
	FocalAlpha  number `json:"focal_alpha"`
}

type priorsReport struct {
	Tau            float64  `json:"tau"`
	LogitOffsets   []number `json:"logit_offsets"`
	InitialBias    []number `json:"initial_bias"`
	SamplerWeights []number `json:"sampler_weights"`
}

type warningReport struct {
	Kind    calc.WarningKind `json:"kind"`
	Message string           `json:"message"`
	Classes []int            `json:"classes,omitempty"`
	Schemes []string         `json:"schemes,omitempty"`
}

func newWeightsReport(c calc.Counts, schemes []*calc.Scheme, norm calc.Norm, p calc.Params,
	positive int) (weightsReport, error) {
	if err := p.Validate(); err != nil {
		return weightsReport{}, err
	}
	r := weightsReport{
		Total:    c.Total(),
		Norm:     norm,
		Params:   paramsReport{Beta: p.Beta, Mu: p.Mu, EnetC: p.EnetC, Tau: p.Tau},
		Warnings: []warningReport{},
	}
	for i := range c.Len() {
		r.Classes = append(r.Classes, classReport{
			Label: c.Label(i), Count: c.Count(i), Share: c.Count(i) / c.Total(),
		})
	}

	results, errs := calc.EvaluateAll(c, schemes, norm, p)
	for i, s := range schemes {
		sr := schemeReport{
			ID: s.ID, Name: s.Name, Formula: s.FormulaText(),
			Description: s.Description, Source: s.Source, Undefined: []int{},
		}
		if errs[i] != nil {
			sr.Error = strings.TrimPrefix(errs[i].Error(), "calc: ")
			sr.Weights = numbers(nanSlice(c.Len()))
			sr.Ratio = number(math.NaN())
			sr.LossShares = sr.Weights
			r.Schemes = append(r.Schemes, sr)
			continue
		}
		res := results[i]
		sr.Weights = numbers(res.Weights)
		sr.Undefined = append(sr.Undefined, res.Undefined...)
		sr.Ratio = number(res.Ratio)
		sr.Sum, sr.WeightedSum = res.Sum, res.WeightedSum
		sr.LossShares = numbers(res.LossShares)
		r.Schemes = append(r.Schemes, sr)
	}

	d := calc.Diagnose(c)
	r.Diagnostics = diagnosticReport{
		N: d.N, K: d.K, ImbalanceRatio: number(d.ImbalanceRatio),
		MinorityShare: d.MinorityShare, Entropy: d.Entropy, Degree: d.Degree,
	}
	if positive >= 0 {
		b, err := calc.BinaryValues(c, positive)
		if err != nil {
			return weightsReport{}, err
		}
		r.Binary = &binaryReport{
			Positive: c.Label(b.Positive), Negative: c.Label(b.Negative),
			PosWeight: number(b.PosWeight), InitialBias: number(b.InitialBias),
			Threshold: number(b.Threshold), FocalAlpha: number(b.FocalAlpha),
		}
	}
	pr, err := calc.PriorValues(c, p.Tau)
	if err != nil {
		return weightsReport{}, err
	}
	r.Priors = priorsReport{
		Tau:            pr.Tau,
		LogitOffsets:   numbers(pr.LogitOffsets),
		InitialBias:    numbers(pr.InitialBias),
		SamplerWeights: numbers(pr.SamplerWeights),
	}
	for _, w := range calc.Warnings(c) {
		r.Warnings = append(r.Warnings, warningReport{
			Kind: w.Kind, Message: w.Message, Classes: w.Classes, Schemes: w.Schemes,
		})
	}
	return r, nil
}

func nanSlice(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

// formatNumber writes a derived number with four significant digits, or
// "undefined".
func formatNumber(n number) string {
	if math.IsNaN(float64(n)) {
		return "undefined"
	}
	return calc.FormatWeight(float64(n))
}

// writeTable prints the weights with one row per class and one column per
// scheme, then each scheme's formula and sums, the diagnostics, the binary
// and prior values, and the warnings.
func (r weightsReport) writeTable(w io.Writer) error {
	var b strings.Builder

	header := []string{"class", "count", "share"}
	for _, s := range r.Schemes {
		header = append(header, s.ID)
	}
	rows := [][]string{header}
	for i, c := range r.Classes {
		row := []string{c.Label, calc.FormatCount(c.Count), fmt.Sprintf("%.1f %%", 100*c.Share)}
		for _, s := range r.Schemes {
			row = append(row, formatNumber(s.Weights[i]))
		}
		rows = append(rows, row)
	}
	writeAligned(&b, rows)

	fmt.Fprintf(&b, "\nweights %s: %s\n\n", r.Norm, r.Norm.Description())
	rows = [][]string{{"scheme", "max/min", "Σ w", "Σ n·w", "formula"}}
	for _, s := range r.Schemes {
		if s.Error != "" {
			rows = append(rows, []string{s.ID, "", "", "", s.Error})
			continue
		}
		rows = append(rows, []string{s.ID, formatNumber(s.Ratio),
			calc.FormatWeight(s.Sum), calc.FormatWeight(s.WeightedSum), s.Formula})
	}
	writeAligned(&b, rows)

	d := r.Diagnostics
	fmt.Fprintf(&b, "\nN = %s, K = %d, imbalance ratio %s, minority share %.2f %%, "+
		"normalised entropy %.3f, imbalance %s\n",
		calc.FormatCount(d.N), d.K, formatNumber(d.ImbalanceRatio), 100*d.MinorityShare,
		d.Entropy, d.Degree)
	if bin := r.Binary; bin != nil {
		fmt.Fprintf(&b, "positive class %q: pos_weight %s, initial bias %s, "+
			"equivalent threshold %s, focal alpha %s\n",
			bin.Positive, formatNumber(bin.PosWeight), formatNumber(bin.InitialBias),
			formatNumber(bin.Threshold), formatNumber(bin.FocalAlpha))
	}

	b.WriteByte('\n')
	rows = [][]string{{"class", fmt.Sprintf("τ·ln p (τ=%s)", calc.FormatFloat(r.Priors.Tau)),
		"initial bias", "sampler weight"}}
	for i, c := range r.Classes {
		rows = append(rows, []string{c.Label, formatNumber(r.Priors.LogitOffsets[i]),
			formatNumber(r.Priors.InitialBias[i]), formatNumber(r.Priors.SamplerWeights[i])})
	}
	writeAligned(&b, rows)

	for _, warn := range r.Warnings {
		fmt.Fprintf(&b, "\nwarning: %s\n", warn.Message)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAligned writes rows as columns: the first on the left, the others
// aligned on the right, except a last column of text.
func writeAligned(b *strings.Builder, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for j, cell := range row {
			widths[j] = max(widths[j], utf8.RuneCountInString(cell))
		}
	}
	isTextLast := rows[0][len(rows[0])-1] == "formula"
	for _, row := range rows {
		var line strings.Builder
		for j, cell := range row {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(cell))
			switch {
			case j == 0:
				line.WriteString(cell + pad)
			case isTextLast && j == len(row)-1:
				line.WriteString("  " + cell)
			default:
				line.WriteString("  " + pad + cell)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

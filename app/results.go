package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// pageSize is how many classes a table shows at once: many classes are paged,
// so that typing stays quick with thousands of them.
const pageSize = 25

// substitutedClasses is how many classes each scheme writes out with the
// user's numbers.
const substitutedClasses = 6

// pageRange returns the classes of the current page of the tables.
func (c *Calculator) pageRange() (from, to int) {
	return c.pageRangeOf(c.result.counts.Len())
}

func (c *Calculator) pageRangeOf(k int) (from, to int) {
	from = min(c.page*pageSize, max(k-1, 0))
	from -= from % pageSize
	return from, min(from+pageSize, k)
}

func (c *Calculator) renderResults() app.UI {
	if c.result.err != nil || c.result.results == nil {
		return app.Section().
			Class("results results-empty").
			Aria("label", "Weights").
			Body(app.P().Text("The weights appear here once the counts can be read. " +
				"What you typed stays in the box; the message under it says what to mend."))
	}
	if c.isPresenting {
		return app.Section().
			Class("results").
			Aria("label", "Weights").
			Body(c.renderComparison(), c.renderPresentation())
	}
	return app.Section().
		Class("results").
		Aria("label", "Weights").
		Body(
			c.renderWarnings(),
			c.renderClasses(),
			c.renderControls(),
			c.renderComparison(),
			c.section("charts"),
			c.renderBinary(),
			c.section("schemes"),
			c.section("priors"),
			c.section("code"),
			c.renderChecker(),
		)
}

// section is a slow part of the results. It redraws only when the page
// changes its Version, not at every keystroke; its Page pointer never changes.
type section struct {
	app.Compo
	Page    *Calculator
	Name    string
	Version int
}

func (c *Calculator) section(name string) app.UI {
	return &section{Page: c, Name: name, Version: c.detailVersion}
}

// Render draws the section from the page's detail.
func (s *section) Render() app.UI {
	c := s.Page
	if c.detail.results == nil {
		return app.Div()
	}
	switch s.Name {
	case "charts":
		return c.renderCharts()
	case "schemes":
		return c.renderSchemes()
	case "priors":
		return c.renderPriors()
	}
	return c.renderCode()
}

func (c *Calculator) renderWarnings() app.UI {
	if len(c.result.warns) == 0 {
		return nil
	}
	return app.Div().
		Class("warnings").
		Body(app.Range(c.result.warns).Slice(func(i int) app.UI {
			w := c.result.warns[i]
			return app.P().
				Class("warning").
				DataSet("kind", string(w.Kind)).
				Attr("role", "note").
				Text(w.Message)
		}))
}

// renderPager shows which classes the tables show and moves between pages.
func (c *Calculator) renderPager() app.UI {
	k := c.result.counts.Len()
	if k <= pageSize {
		return nil
	}
	from, to := c.pageRange()
	last := (k - 1) / pageSize
	return app.Div().
		Class("pager").
		Body(
			app.Button().
				Type("button").
				Disabled(c.page == 0).
				OnClick(c.onPage(c.page-1), c.page-1).
				Text("← Previous"),
			app.Span().Textf(" Classes %d to %d of %d ", from+1, to, k),
			app.Button().
				Type("button").
				Disabled(c.page >= last).
				OnClick(c.onPage(c.page+1), c.page+1).
				Text("Next →"),
		)
}

func (c *Calculator) onPage(page int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.page = page
		c.refresh()
	}
}

// renderClasses shows each class with its count, share and a bar, the
// labels editable in place, and the diagnostics of the counts.
func (c *Calculator) renderClasses() app.UI {
	counts := c.result.counts
	d := c.result.diag
	largest := 0.0
	for i := range counts.Len() {
		largest = max(largest, counts.Count(i))
	}
	from, to := c.pageRange()
	ratio := "undefined (a class is empty)"
	if !math.IsNaN(d.ImbalanceRatio) {
		ratio = calc.FormatWeight(d.ImbalanceRatio) + " : 1"
	}
	return app.Div().
		Class("classes").
		Body(
			app.H2().Text("Classes"),
			app.Dl().
				Class("diagnostics").
				Body(
					diagnostic("Examples N", calc.FormatCount(d.N)),
					diagnostic("Classes K", strconv.Itoa(d.K)),
					diagnostic("Imbalance ratio", ratio),
					diagnostic("Minority share", formatPercent(d.MinorityShare)),
					diagnostic("Normalised entropy", strconv.FormatFloat(d.Entropy, 'f', 3, 64)),
					diagnostic("Imbalance", string(d.Degree)),
				),
			c.renderPager(),
			app.Table().
				Class("class-table").
				Body(
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Label"),
						app.Th().Scope("col").Class("num").Text("Count"),
						app.Th().Scope("col").Class("num").Text("Share"),
						app.Th().Scope("col").Class("bar-col").Aria("label", "Count as a bar"),
					)),
					app.TBody().Body(app.Range(make([]struct{}, to-from)).Slice(func(j int) app.UI {
						i := from + j
						n := counts.Count(i)
						return app.Tr().Body(
							app.Th().Scope("row").Body(
								app.Input().
									Class("class-label").
									Type("text").
									Value(attrText(counts.Label(i))).
									Aria("label", fmt.Sprintf("Label of class %d", i)).
									OnChange(c.onLabelChanged(i), i),
							),
							app.Td().Class("num").Text(calc.FormatCount(n)),
							app.Td().Class("num").Text(formatPercent(n/counts.Total())),
							app.Td().Class("bar-col").Body(
								app.Div().
									Class("bar").
									Style("width", fmt.Sprintf("%.2f%%", 100*n/largest)),
							),
						)
					})),
				),
		)
}

func diagnostic(term, value string) app.UI {
	return app.Div().Body(app.Dt().Text(term), app.Dd().Text(value))
}

// onLabelChanged renames a class: the counts box is rewritten as label: count
// lines with the new label. Handlers that capture values are registered with
// those values as their scope: go-app replaces a handler only when its scope
// changes.
func (c *Calculator) onLabelChanged(class int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		counts := c.result.counts
		labels := counts.Labels()
		values := make([]string, counts.Len())
		for i := range values {
			values[i] = calc.FormatFloat(counts.Count(i))
		}
		labels[class] = ctx.JSSrc().Get("value").String()
		c.setInput(calc.FormatLines(labels, values))
	}
}

// renderControls offers the normalisation, applied to every scheme, and the
// positive class of a binary problem.
func (c *Calculator) renderControls() app.UI {
	counts := c.result.counts
	return app.Div().
		Class("controls").
		Body(
			app.FieldSet().
				Class("norms").
				Body(
					app.Legend().Text("Normalisation of every scheme"),
					app.Range(calc.Norms).Slice(func(i int) app.UI {
						n := calc.Norms[i]
						return app.Label().
							Class("norm").
							Body(
								app.Input().
									Type("radio").
									Name("norm").
									Value(string(n)).
									Checked(n == c.norm).
									OnChange(c.onNormChanged(n), string(n)),
								app.Text(" "+string(n)),
							)
					}),
					app.P().
						Class("norm-description").
						Attr("aria-live", "polite").
						Text("Weights "+c.norm.Description()+". Ratios between classes never "+
							"change; only the scale does."),
				),
			app.If(counts.Len() == 2,
				app.Label().
					Class("positive").
					Body(
						app.Text("Positive class "),
						app.Select().
							ID("positive-class").
							OnChange(c.onPositiveChanged).
							Body(
								app.Option().Value("0").Selected(c.positive == 0).Text(counts.Label(0)),
								app.Option().Value("1").Selected(c.positive == 1).Text(counts.Label(1)),
							),
					),
			),
		)
}

func (c *Calculator) onNormChanged(n calc.Norm) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.norm = n
		c.recompute()
	}
}

func (c *Calculator) onPositiveChanged(ctx app.Context, e app.Event) {
	c.positive, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
	c.recompute()
}

// groupBadge marks schemes with the same ratios with the same letter.
func groupBadge(group int) app.UI {
	if group < 0 {
		return nil
	}
	letter := string(rune('A' + group%26))
	return app.Span().
		Class("group-badge").
		DataSet("group", letter).
		Title("Same ratios as the other schemes marked " + letter + ": they differ only in scale").
		Text(letter)
}

// renderComparison shows every scheme's weights side by side.
func (c *Calculator) renderComparison() app.UI {
	r := c.result
	counts := r.counts
	from, to := c.pageRange()
	return app.Div().
		Class("comparison").
		Body(
			app.H2().Text("Every scheme side by side"),
			app.P().
				Class("comparison-note").
				Text("Schemes marked with the same letter give the same ratios: they differ "+
					"only in scale, which the normalisation above removes."),
			app.Div().
				Class("table-scroll").
				Body(app.Table().
					Class("weights").
					Body(
						app.THead().Body(app.Tr().Body(
							app.Th().Scope("col").Text("Class"),
							app.Range(calc.Schemes).Slice(func(s int) app.UI {
								return app.Th().
									Scope("col").
									Class("num").
									Body(
										app.A().Href("#scheme-"+calc.Schemes[s].ID).
											Text(calc.Schemes[s].Name),
										groupBadge(r.groups[s]),
									)
							}),
						)),
						app.TBody().Body(app.Range(make([]struct{}, to-from)).Slice(func(j int) app.UI {
							i := from + j
							return app.Tr().Body(
								app.Th().Scope("row").Text(counts.Label(i)),
								app.Range(calc.Schemes).Slice(func(s int) app.UI {
									if r.errs[s] != nil {
										return app.Td().Class("num").Text("—")
									}
									return weightCell(calc.Schemes[s].ID, i, r.results[s].Weights[i])
								}),
							)
						})),
						app.TFoot().Body(
							c.summaryRow("max / min", func(res calc.Result) string {
								if math.IsNaN(res.Ratio) {
									return "—"
								}
								return calc.FormatWeight(res.Ratio)
							}),
							c.summaryRow("Σ w", func(res calc.Result) string {
								return calc.FormatWeight(res.Sum)
							}),
							c.summaryRow("Σ n·w", func(res calc.Result) string {
								return calc.FormatWeight(res.WeightedSum)
							}),
						),
					)),
		)
}

func (c *Calculator) summaryRow(name string, value func(calc.Result) string) app.UI {
	r := c.result
	return app.Tr().Body(
		app.Th().Scope("row").Text(name),
		app.Range(calc.Schemes).Slice(func(s int) app.UI {
			if r.errs[s] != nil {
				return app.Td().Class("num").Text("—")
			}
			return app.Td().Class("num").Text(value(r.results[s]))
		}),
	)
}

// renderBinary shows the values binary classifiers use.
func (c *Calculator) renderBinary() app.UI {
	b := c.result.binary
	if b == nil {
		return nil
	}
	counts := c.result.counts
	pos, neg := counts.Label(b.Positive), counts.Label(b.Negative)
	nPos, nNeg := calc.FormatCount(counts.Count(b.Positive)), calc.FormatCount(counts.Count(b.Negative))
	return app.Div().
		Class("binary").
		Body(
			app.H2().Text("Two classes: "+pos+" is positive"),
			app.Dl().
				Class("binary-values").
				Body(
					binaryValue("binary-pos-weight", "pos_weight = n_"+neg+" / n_"+pos,
						nNeg+" / "+nPos, b.PosWeight,
						"PyTorch BCEWithLogitsLoss, TensorFlow weighted_cross_entropy_with_logits, XGBoost and LightGBM scale_pos_weight"),
					binaryValue("binary-bias", "initial bias = ln(n_"+pos+" / n_"+neg+")",
						"ln("+nPos+" / "+nNeg+")", b.InitialBias,
						"the output bias that makes an untrained model predict the base rate"),
					binaryValue("binary-threshold", "threshold = 1 / (1 + pos_weight)",
						"1 / (1 + "+calc.FormatWeight(b.PosWeight)+")", b.Threshold,
						"thresholding an unweighted model's probability here decides as weighting positives by pos_weight does at 0.5"),
					binaryValue("binary-focal-alpha", "focal α = n_"+neg+" / N",
						nNeg+" / "+calc.FormatCount(counts.Total()), b.FocalAlpha,
						"the focal loss α of the positive class, by inverse frequency"),
				),
		)
}

func binaryValue(id, formula, substituted string, v float64, note string) app.UI {
	value := "undefined"
	if !math.IsNaN(v) {
		value = calc.FormatWeight(v)
	}
	dd := app.Dd().ID(id)
	if !math.IsNaN(v) {
		dd = dd.DataSet("value", calc.FormatFloat(v))
	}
	return app.Div().Body(
		app.Dt().Text(formula),
		dd.Body(
			app.Code().Text(substituted+" = "+value),
			app.Span().Class("binary-note").Text(" — "+note),
		),
	)
}

// renderSchemes shows each scheme: what it is for, its formula as MathML,
// the formula with the user's numbers, its parameters and its weights.
func (c *Calculator) renderSchemes() app.UI {
	return app.Div().
		Class("schemes").
		Body(
			app.H2().Text("The schemes, one by one"),
			app.Range(calc.Schemes).Slice(func(s int) app.UI {
				return c.renderScheme(s)
			}),
		)
}

func (c *Calculator) renderScheme(s int) app.UI {
	scheme := calc.Schemes[s]
	r := c.detail
	counts := r.counts
	shown := min(counts.Len(), substitutedClasses)
	native, _ := scheme.Weights(counts, c.params)

	var body []app.UI
	if r.errs[s] != nil {
		body = append(body, app.P().Class("counts-error").Text(trimPrefix(r.errs[s].Error())))
	} else {
		res := r.results[s]
		ratio := "undefined"
		if !math.IsNaN(res.Ratio) {
			ratio = calc.FormatWeight(res.Ratio)
		}
		body = append(body,
			app.Ul().
				Class("substituted").
				Aria("label", "The formula with your numbers").
				Body(app.Range(make([]struct{}, shown)).Slice(func(i int) app.UI {
					value := "undefined: the count is zero"
					if !math.IsNaN(native[i]) {
						value = calc.FormatWeight(native[i])
					}
					return app.Li().
						DataSet("class", i).
						Body(app.Code().Text(fmt.Sprintf("w(%s) = %s = %s", counts.Label(i),
							calc.Substitute(scheme.Formula, counts, c.params, i), value)))
				})),
			app.If(counts.Len() > shown,
				app.P().Class("substituted-more").
					Textf("… and %d more classes, in the table above.", counts.Len()-shown)),
			app.P().
				Class("scheme-summary").
				Textf("Weights %s: largest over smallest %s, sum %s.", c.norm, ratio,
					calc.FormatWeight(res.Sum)),
		)
		if c.norm != calc.NormNative {
			body = append(body, app.P().Class("scheme-summary").
				Text("The numbers above are the native weights, before the normalisation."))
		}
	}

	return app.Article().
		ID("scheme-"+scheme.ID).
		Class("scheme").
		DataSet("scheme", scheme.ID).
		Body(
			app.H3().Body(app.Text(scheme.Name+" "), groupBadge(r.groups[s])),
			app.P().Class("scheme-description").Text(scheme.Description+"."),
			app.Div().Class("scheme-formula").Body(app.Raw(calc.MathML(scheme.Formula))),
			app.P().Class("scheme-source").Text("Source: "+scheme.Source+"."),
			c.renderParams(scheme.Params),
			app.Div().Body(body...),
			c.renderSteps(scheme),
		)
}

// renderParams shows the controls of parameters, next to the scheme that
// uses them.
func (c *Calculator) renderParams(params []*calc.Param) app.UI {
	if len(params) == 0 {
		return nil
	}
	return app.Div().
		Class("params").
		Body(app.Range(params).Slice(func(i int) app.UI {
			return c.renderParam(params[i])
		}))
}

func (c *Calculator) renderParam(p *calc.Param) app.UI {
	id := "param-" + p.ID
	value := p.Get(c.params)
	return app.Div().
		Class("param").
		Body(
			app.Label().
				For(id).
				Textf("%s (%s) ", p.Symbol, p.Name),
			app.Input().
				ID(id).
				Type("number").
				Attr("step", calc.FormatFloat(p.Step)).
				Value(calc.FormatFloat(value)).
				Aria("describedby", id+"-help").
				OnChange(c.onParamChanged(p), p.ID),
			app.If(len(p.Choices) > 0,
				app.Span().Class("param-choices").Body(
					app.Range(p.Choices).Slice(func(i int) app.UI {
						v := p.Choices[i]
						return app.Button().
							Type("button").
							Class("param-choice").
							Aria("pressed", v == value).
							OnClick(c.onParamChoice(p, v), p.ID, calc.FormatFloat(v)).
							Text(calc.FormatFloat(v))
					}),
				),
			),
			app.Span().
				ID(id+"-help").
				Class("param-help").
				Text(" "+p.Doc+"; "+p.Range()+"."),
			app.If(c.paramErrs[p.ID] != "",
				app.P().Class("counts-error").Attr("role", "alert").Text(c.paramErrs[p.ID]),
			),
		)
}

func (c *Calculator) onParamChanged(p *calc.Param) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.setParam(p, ctx.JSSrc().Get("value").String())
	}
}

func (c *Calculator) onParamChoice(p *calc.Param, v float64) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.setParam(p, calc.FormatFloat(v))
	}
}

// setParam sets a parameter from text, or keeps the old value and says why.
func (c *Calculator) setParam(p *calc.Param, text string) {
	if c.paramErrs == nil {
		c.paramErrs = map[string]string{}
	}
	v, err := p.Parse(strings.TrimSpace(text))
	if err != nil {
		c.paramErrs[p.ID] = fmt.Sprintf("%q is not allowed: %s must be %s; the weights still use %s.",
			text, p.Symbol, p.Range(), calc.FormatFloat(p.Get(c.params)))
		c.refresh()
		return
	}
	delete(c.paramErrs, p.ID)
	c.params, _ = p.Set(c.params, v)
	c.result = compute(c.input, c.norm, c.params, c.positive)
	c.refresh()
}

// renderPriors shows the values derived from the class priors.
func (c *Calculator) renderPriors() app.UI {
	r := c.detail
	counts := r.counts
	from, to := c.pageRangeOf(counts.Len())
	return app.Div().
		Class("priors").
		Body(
			app.H2().Text("Other ways to correct for the priors"),
			app.P().Text("Logit adjustment (Menon et al. 2021) adds τ · ln p_c to each class's "+
				"logit in the loss instead of weighting it; the initial biases ln p_c start a "+
				"softmax output at the class shares; class-balanced sampling draws each "+
				"example with weight 1 / n_c."),
			c.renderParam(calc.ParamTau),
			c.renderPager(),
			app.Table().
				Class("priors-table").
				Body(
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Class"),
						app.Th().Scope("col").Class("num").Textf("τ · ln p_c (τ = %s)",
							calc.FormatFloat(r.priors.Tau)),
						app.Th().Scope("col").Class("num").Text("Initial bias ln p_c"),
						app.Th().Scope("col").Class("num").Text("Sampler weight 1 / n_c"),
					)),
					app.TBody().Body(app.Range(make([]struct{}, to-from)).Slice(func(j int) app.UI {
						i := from + j
						return app.Tr().Body(
							app.Th().Scope("row").Text(counts.Label(i)),
							weightCell("logit-offset", i, r.priors.LogitOffsets[i]),
							weightCell("initial-bias", i, r.priors.InitialBias[i]),
							weightCell("sampler", i, r.priors.SamplerWeights[i]),
						)
					})),
				),
		)
}

package app

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// renderSteps shows a scheme's derivation of each class's weight, for the
// first classes; with many classes the rest are in the table.
func (c *Calculator) renderSteps(scheme *calc.Scheme) app.UI {
	counts := c.detail.counts
	shown := min(counts.Len(), substitutedClasses)
	blocks := make([]string, shown)
	for i := range shown {
		blocks[i] = strings.Join(calc.Steps(scheme, counts, c.params, i), "\n")
	}
	summary := "Step by step"
	if counts.Len() > shown {
		summary += fmt.Sprintf(", for the first %d classes", shown)
	}
	return app.Details().
		Class("steps").
		Body(
			app.Summary().Text(summary),
			app.Pre().
				Class("steps-lines").
				DataSet("scheme", scheme.ID).
				Text(strings.Join(blocks, "\n\n")),
		)
}

// renderChecker lets a student type a weight formula and see what it does.
func (c *Calculator) renderChecker() app.UI {
	counts := c.result.counts
	names := make([]string, len(calc.FormulaNames))
	for i, n := range calc.FormulaNames {
		names[i] = n.Name + " (" + n.Meaning + ")"
	}
	return app.Div().
		Class("checker").
		Body(
			app.H2().Text("Check a formula"),
			app.Label().
				For("formula-input").
				Text("Type a weight formula, one for every class, or one line per class. "+
					"Names: "+strings.Join(names, ", ")+"."),
			c.renderFormulaBox(),
			c.renderCheck(counts),
		)
}

func (c *Calculator) renderFormulaBox() app.UI {
	if !c.isStarted {
		return rawTextarea(`id="formula-input" class="formula-input" rows="2" spellcheck="false" `+
			`autocomplete="off" aria-describedby="formula-result"`, c.formula)
	}
	return app.Textarea().
		ID("formula-input").
		Class("formula-input").
		Rows(2).
		Spellcheck(false).
		Attr("autocomplete", "off").
		Aria("describedby", "formula-result").
		Attr("placeholder", "for example N / (K * n)").
		Text(c.formula).
		OnInput(c.onFormulaInput)
}

func (c *Calculator) onFormulaInput(ctx app.Context, e app.Event) {
	c.formula = ctx.JSSrc().Get("value").String()
	c.syncURL()
}

// renderCheck shows the weights of the formula, whether they reward the
// majority, and the standard schemes with the same ratios.
func (c *Calculator) renderCheck(counts calc.Counts) app.UI {
	if strings.TrimSpace(c.formula) == "" {
		return app.P().ID("formula-result").Class("formula-result").
			Text("Try the forum's answer for two classes: 1 - n1/(n0+n1) on the first line " +
				"and 1 - n0/(n0+n1) on the second.")
	}
	check, err := calc.CheckFormula(c.formula, counts, c.params)
	if err != nil {
		msg := trimPrefix(err.Error())
		var fe *calc.FormulaError
		if errors.As(err, &fe) {
			msg = fmt.Sprintf("Line %d, column %d: %s.", fe.Line, fe.Column, fe.Msg)
		}
		return app.P().ID("formula-result").Class("counts-error formula-result").
			Attr("role", "alert").Text(msg)
	}

	verdict := "These weights favour the rarer classes, as class weights should."
	kind := "minority"
	switch {
	case check.RewardsMajority:
		verdict = "These weights reward the majority: the most common class weighs more than " +
			"the rarest, so the weighting makes the imbalance worse. This is the mistake of " +
			"giving each class its own frequency."
		kind = "majority"
	case allEqual(check.Weights):
		verdict = "These weights are all equal: they change nothing."
		kind = "none"
	}
	match := "No standard scheme has these ratios."
	if len(check.Matches) > 0 {
		names := make([]string, len(check.Matches))
		for i, s := range check.Matches {
			names[i] = s.Name
		}
		match = "Same ratios as " + strings.Join(names, ", ") + ": they differ only in scale."
	}
	shown := min(counts.Len(), pageSize)
	return app.Div().
		ID("formula-result").
		Class("formula-result").
		DataSet("reward", kind).
		Body(
			app.P().Class("formula-verdict").Attr("role", "status").Text(verdict),
			app.P().Class("formula-match").Text(match),
			app.Table().Class("priors-table").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("Class"),
					app.Th().Scope("col").Class("num").Text("Count"),
					app.Th().Scope("col").Class("num").Text("Your weight"),
				)),
				app.TBody().Body(app.Range(make([]struct{}, shown)).Slice(func(i int) app.UI {
					return app.Tr().Body(
						app.Th().Scope("row").Text(counts.Label(i)),
						app.Td().Class("num").Text(calc.FormatCount(counts.Count(i))),
						weightCell("formula", i, check.Weights[i]),
					)
				})),
			),
		)
}

func allEqual(ws []float64) bool {
	for _, w := range ws {
		if w != ws[0] {
			return false
		}
	}
	return true
}

// renderScale shows, for the code's weights, what each framework does with
// their scale, with the numbers.
func (c *Calculator) renderScale() app.UI {
	r := c.detail
	s := c.schemeIndex()
	if r.errs[s] != nil {
		return nil
	}
	res := r.results[s]
	mean := res.WeightedSum / r.counts.Total()
	meanText := calc.FormatWeight(mean)
	return app.Div().
		Class("scale").
		Body(
			app.H3().Text("Does the scale matter?"),
			app.P().Textf("With these %s weights (%s), the average example weight is "+
				"Σ n_c·w_c / N = %s / %s = %s.", res.Scheme.Name, res.Norm,
				calc.FormatWeight(res.WeightedSum), calc.FormatCount(r.counts.Total()), meanText),
			app.Ul().Body(
				app.Li().Textf("PyTorch CrossEntropyLoss divides the weighted sum by the sum of "+
					"the weights of the batch's targets: multiplying every weight by %s, or by "+
					"any number, leaves the loss and its gradients unchanged. Only the ratios "+
					"(largest over smallest %s) matter.", meanText, formatRatio(res.Ratio)),
				app.Li().Textf("Keras, scikit-learn and the boosting libraries multiply each "+
					"example's loss by its weight and do not divide by the weights: on average "+
					"the loss and gradients are %s times the unweighted ones, like a learning "+
					"rate (Keras) or a C (scikit-learn) %s times larger. The samples "+
					"normalisation makes this 1.", meanText, meanText),
				app.Li().Text("BCEWithLogitsLoss's pos_weight multiplies only the positive "+
					"term, so its value itself is the correction: n_neg / n_pos balances the "+
					"two classes."),
			),
		)
}

func formatRatio(r float64) string {
	if math.IsNaN(r) {
		return "undefined"
	}
	return calc.FormatWeight(r)
}

// renderPresentation shows one scheme at a time, large, for a projector.
func (c *Calculator) renderPresentation() app.UI {
	i := ((c.presentIndex % len(calc.Schemes)) + len(calc.Schemes)) % len(calc.Schemes)
	return app.Div().
		Class("presentation").
		Body(
			app.P().Class("presentation-help").
				Textf("Scheme %d of %d. ← → or Page Up / Page Down to move, Escape to leave.",
					i+1, len(calc.Schemes)),
			app.Div().Class("presentation-nav").Body(
				app.Button().Type("button").ID("present-prev").OnClick(c.onPresentStep(-1), i).
					Text("← Previous"),
				app.Button().Type("button").ID("present-next").OnClick(c.onPresentStep(1), i).
					Text("Next →"),
				app.Button().Type("button").ID("present-exit").OnClick(c.onPresentExit).
					Text("Leave presentation"),
			),
			c.renderScheme(i),
		)
}

func (c *Calculator) onPresentStep(step int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.presentIndex += step
	}
}

func (c *Calculator) onPresentExit(ctx app.Context, e app.Event) {
	c.isPresenting = false
	c.syncURL()
}

// onKeyDown moves through the schemes in presentation mode.
func (c *Calculator) onKeyDown(ctx app.Context, e app.Event) {
	if !c.isPresenting {
		return
	}
	switch e.Get("key").String() {
	case "ArrowRight", "PageDown", " ":
		c.presentIndex++
	case "ArrowLeft", "PageUp":
		c.presentIndex--
	case "Escape":
		c.isPresenting = false
		c.syncURL()
	default:
		return
	}
	e.PreventDefault()
	c.Update()
}

// Package app is the calculator's page: go-app components that connect the
// inputs and results on screen to package calc.
package app

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// exampleCounts is what the counts box holds on a first visit: the binary case
// that the forum question asked about.
const exampleCounts = "240, 38"

// Calculator is the page: a counts box and the weights it gives.
type Calculator struct {
	app.Compo

	input    string  // the counts box, exactly as typed
	linkErrs []error // what the link the page was opened with could not say
	result   result
	// detail is the result that the slow sections of the page show (the
	// schemes, charts, priors and code). While the user types it follows
	// result after a pause, so that each keystroke redraws only the tables;
	// detailVersion tells the sections to redraw.
	detail        result
	detailVersion int
	typingRun     int
	isStarted     bool // the WebAssembly app runs: the page reacts to input
	// pageCtx is the page's own context, for work that outlives the element
	// whose event started it: an event's context stops delivering once its
	// element is gone.
	pageCtx app.Context

	schemeID     string // the scheme of the code snippets
	norm         calc.Norm
	params       calc.Params
	positive     int // the positive class of a binary problem
	isLogScale   bool
	target       calc.Target
	page         int    // the page of the tables, for many classes
	copied       string // the target whose snippet was just copied
	paramErrs    map[string]string
	formula      string // the formula in the checker
	isPresenting bool
	presentIndex int // the scheme shown in presentation mode

	files      []*fileEntry
	nextFileID int
	isDragging bool
	splitView  splitView
}

// result is what the counts box currently yields: classes and every
// scheme's weights, or the error that stops them.
type result struct {
	form    calc.Form
	header  string
	counts  calc.Counts
	err     error
	results []calc.Result // one per scheme of calc.Schemes
	errs    []error       // why a scheme has no result
	groups  []int         // schemes with the same ratios share a group number; -1 alone
	diag    calc.Diagnostics
	binary  *calc.Binary
	priors  calc.Priors
	warns   []calc.Warning
}

// weights returns the weights of the scheme with the given index in
// calc.Schemes, or nil when it has none.
func (r result) weightsOf(scheme string) []float64 {
	if r.results == nil {
		return nil
	}
	for i, s := range calc.Schemes {
		if s.ID == scheme && r.errs[i] == nil {
			return r.results[i].Weights
		}
	}
	return nil
}

// OnInit fills the counts box with the example before the first render.
func (c *Calculator) OnInit() {
	c.schemeID = calc.Balanced.ID
	c.norm = calc.NormNative
	c.params = calc.DefaultParams()
	c.positive = 1
	c.target = calc.TargetPyTorch
	c.setInput(exampleCounts)
}

// scheme returns the scheme the page shows first and uses for code.
func (c *Calculator) scheme() *calc.Scheme {
	if s, err := calc.SchemeByID(c.schemeID); err == nil {
		return s
	}
	return calc.Balanced
}

// OnPreRender reads the link on the server, so that the first paint already
// shows its counts and weights, and names them in the title and description
// that link previews show.
func (c *Calculator) OnPreRender(ctx app.Context) {
	c.readLink(ctx.Page().URL())
	ctx.Page().SetTitle(plainText(c.title()))
	ctx.Page().SetDescription(plainText(c.description()))
}

// OnMount marks the page as started, which tests and scripts wait for.
func (c *Calculator) OnMount(ctx app.Context) {
	c.isStarted = true
	c.pageCtx = ctx
	app.Window().AddEventListener("keydown", c.onKeyDown)
}

// OnNav reads the link in the browser.
func (c *Calculator) OnNav(ctx app.Context) {
	c.readLink(ctx.Page().URL())
	c.syncURL()
}

// readLink sets the page to the state a link holds. What the link cannot say
// is kept in linkErrs for the page to show; the rest applies.
func (c *Calculator) readLink(u *url.URL) {
	s, errs := calc.ParseState(u.Query())
	c.linkErrs = errs
	if s.Text == "" {
		s.Text = c.input
	}
	c.input = s.Text
	c.positive, c.schemeID, c.norm, c.params = s.Positive, s.Scheme, s.Norm, s.Params
	c.target, c.formula, c.isPresenting = s.Target, s.Formula, s.Present
	if len(s.Parts) > 0 || len(s.MultiLabel) > 0 {
		c.filesFromLink(s.Parts, s.MultiLabel)
	}
	c.recompute()
}

// state is what a link to the page as it is now carries.
func (c *Calculator) state() calc.State {
	return calc.State{Text: c.input, Positive: c.positive, Scheme: c.schemeID, Norm: c.norm,
		Params: c.params, Target: c.target, Formula: c.formula, Present: c.isPresenting,
		Parts: c.parts(), MultiLabel: c.multiLabelParts()}
}

// syncURL puts the page's state in the address bar, replacing the entry
// rather than adding one, and names the counts in the title.
func (c *Calculator) syncURL() {
	if !c.isStarted {
		return
	}
	loc := app.Window().Get("location")
	u := loc.Get("pathname").String()
	if q := c.state().Query(); q != "" {
		u += "?" + q
	}
	if u != loc.Get("pathname").String()+loc.Get("search").String() {
		app.Window().Get("history").Call("replaceState", nil, "", u)
	}
	app.Window().Get("document").Set("title", c.title())
}

// title names the counts: "Class weights for neg 240 / pos 38".
func (c *Calculator) title() string {
	counts := c.result.counts
	if c.result.err != nil || counts.Len() == 0 {
		return "Class weight calculator"
	}
	const shown = 6
	parts := make([]string, 0, shown+1)
	for i := range min(counts.Len(), shown) {
		parts = append(parts, counts.Label(i)+" "+calc.FormatCount(counts.Count(i)))
	}
	if counts.Len() > shown {
		parts = append(parts, fmt.Sprintf("%d more", counts.Len()-shown))
	}
	return "Class weights for " + strings.Join(parts, " / ")
}

// description says what the link shows, for link previews.
func (c *Calculator) description() string {
	w := c.result.weightsOf(c.scheme().ID)
	if w == nil {
		return "Class weights for imbalanced classification, computed in your browser."
	}
	counts := c.result.counts
	parts := make([]string, 0, 7)
	for i := range min(counts.Len(), 6) {
		parts = append(parts, counts.Label(i)+" "+calc.FormatWeight(w[i]))
	}
	return fmt.Sprintf("%s weights (%s): %s. Every scheme side by side, with formulas and "+
		"code to paste.", c.scheme().Name, c.norm, strings.Join(parts, ", "))
}

// typingPause is how long after the last keystroke the slow sections redraw.
const typingPause = 250 * time.Millisecond

func (c *Calculator) onCountsInput(ctx app.Context, e app.Event) {
	c.input = ctx.JSSrc().Get("value").String()
	c.result = compute(c.input, c.norm, c.params, c.positive)
	c.clampPage()
	if c.detail.results == nil || c.result.err != nil {
		c.syncDetail()
		return
	}
	c.typingRun++
	run := c.typingRun
	ctx.After(typingPause, func(ctx app.Context) {
		if run == c.typingRun {
			c.syncDetail()
		}
	})
}

func (c *Calculator) setInput(text string) {
	c.input = text
	c.recompute()
}

// recompute derives everything the page shows from the counts box and the
// controls, the slow sections included.
func (c *Calculator) recompute() {
	c.result = compute(c.input, c.norm, c.params, c.positive)
	c.clampPage()
	c.syncDetail()
}

func (c *Calculator) clampPage() {
	if c.result.err == nil && c.page*pageSize >= c.result.counts.Len() {
		c.page = 0
	}
}

// syncDetail lets the slow sections show the current result, and the link
// follow.
func (c *Calculator) syncDetail() {
	c.typingRun++
	c.detail = c.result
	c.detailVersion++
	c.syncURL()
}

// refresh redraws the whole page after a change made from inside a slow
// section, whose own events redraw only that section.
func (c *Calculator) refresh() {
	c.syncDetail()
	c.Update()
}

func compute(text string, norm calc.Norm, params calc.Params, positive int) result {
	parsed, err := calc.Parse(text)
	if err != nil {
		return result{err: err}
	}
	counts, err := calc.NewCounts(parsed.Labels, parsed.Counts)
	if err != nil {
		return result{form: parsed.Form, err: err}
	}
	r := result{form: parsed.Form, header: parsed.Header, counts: counts}
	r.results, r.errs = calc.EvaluateAll(counts, calc.Schemes, norm, params)
	r.groups = ratioGroups(r.results, r.errs)
	r.diag = calc.Diagnose(counts)
	if counts.Len() == 2 {
		if b, err := calc.BinaryValues(counts, positive); err == nil {
			r.binary = &b
		}
	}
	r.priors, _ = calc.PriorValues(counts, params.Tau)
	r.warns = calc.Warnings(counts)
	return r
}

// ratioGroups numbers the schemes whose weights differ only in scale: equal
// numbers mean equal ratios; -1 marks a scheme that shares them with none.
func ratioGroups(results []calc.Result, errs []error) []int {
	groups := make([]int, len(results))
	next := 0
	for i := range results {
		groups[i] = -1
		if errs[i] != nil {
			continue
		}
		for j := range i {
			if errs[j] == nil && calc.Proportional(results[i].Weights, results[j].Weights) {
				if groups[j] < 0 {
					groups[j] = next
					next++
				}
				groups[i] = groups[j]
				break
			}
		}
	}
	return groups
}

// Render draws the page.
func (c *Calculator) Render() app.UI {
	pageClass := "page"
	if c.isPresenting {
		pageClass += " is-presenting"
	}
	return app.Div().
		Class(pageClass).
		DataSet("started", c.isStarted).
		Body(
			app.Header().
				Class("page-header").
				Body(
					app.H1().Text("Class weight calculator"),
					app.P().
						Class("page-lede").
						Text("Paste your class counts and get the weight of each class "+
							"for the loss. Everything is computed in your browser; "+
							"nothing is uploaded."),
					app.Nav().
						Class("page-links").
						Aria("label", "Link and examples").
						Body(
							app.Button().
								Type("button").
								ID("copy-link").
								OnClick(c.onCopyLink).
								Text(c.copyLinkLabel()),
							app.Span().Class("examples-label").Text(" Examples: "),
							app.Range(examples).Slice(func(i int) app.UI {
								return app.A().
									Class("example").
									Href("?" + examples[i].query).
									Text(examples[i].name)
							}),
							app.Button().
								Type("button").
								ID("present").
								OnClick(c.onPresent).
								Text("Present"),
						),
				),
			app.Main().
				Class("page-main").
				Body(
					app.Div().
						Class("page-inputs").
						Body(
							c.renderInput(),
							c.renderFiles(),
						),
					c.renderResults(),
				),
		)
}

func (c *Calculator) renderInput() app.UI {
	hasError := c.result.err != nil
	return app.Section().
		Class("counts").
		Aria("label", "Class counts").
		Body(
			app.Label().
				For("counts-input").
				Class("counts-label").
				Text("Class counts"),
			app.P().
				ID("counts-help").
				Class("counts-help").
				Text("A list such as 240, 38, or one \"label: count\" line per class."),
			c.renderCountsBox(hasError),
			c.renderLinkError(),
			c.renderStatus(),
		)
}

// renderCountsBox draws the counts box: a live one in the browser, and on the
// server one that shows the counts in the first paint.
func (c *Calculator) renderCountsBox(hasError bool) app.UI {
	if !c.isStarted {
		return rawTextarea(fmt.Sprintf(`id="counts-input" class="counts-input" rows="6" `+
			`spellcheck="false" autocomplete="off" aria-invalid="%t" `+
			`aria-describedby="counts-help counts-status"`, hasError), c.input)
	}
	return app.Textarea().
		ID("counts-input").
		Class("counts-input").
		Rows(6).
		Spellcheck(false).
		Aria("describedby", "counts-help counts-status").
		Aria("invalid", hasError).
		Attr("autocomplete", "off").
		Text(c.input).
		OnInput(c.onCountsInput)
}

func (c *Calculator) renderLinkError() app.UI {
	if len(c.linkErrs) == 0 {
		return nil
	}
	msgs := make([]string, len(c.linkErrs))
	for i, err := range c.linkErrs {
		msgs[i] = errorText(err)
	}
	return app.P().
		Class("counts-error link-error").
		Attr("role", "alert").
		Text("This link could not be read in full: " + strings.Join(msgs, "; ") +
			". The rest of it is shown.")
}

func (c *Calculator) renderStatus() app.UI {
	if c.result.err != nil {
		return app.P().
			ID("counts-status").
			Class("counts-error").
			Attr("role", "alert").
			Text(errorText(c.result.err))
	}
	text := fmt.Sprintf("Read as %s: %d classes, %s examples.",
		c.result.form, c.result.counts.Len(), calc.FormatCount(c.result.counts.Total()))
	if c.result.header != "" {
		text += fmt.Sprintf(" The header %q was skipped.", c.result.header)
	}
	return app.P().
		ID("counts-status").
		Class("counts-form").
		Attr("aria-live", "polite").
		Text(text)
}

// errorText is the message a user sees for err: the text of the innermost
// positioned error with its position, without package prefixes.
func errorText(err error) string {
	var pe *calc.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	switch {
	case errors.Is(err, calc.ErrNoClasses):
		return "Type or paste the count of each class, for example 240, 38."
	case errors.Is(err, calc.ErrOneClass):
		return "There is only one class: weights need at least two."
	}
	return trimPrefix(err.Error())
}

// weightCell shows one weight, rounded, and carries it at full precision for
// tests and scripts. An undefined weight (a class with count zero under a
// scheme that divides by it) shows as a dash and carries no value.
func weightCell(scheme string, class int, w float64) app.UI {
	cell := app.Td().
		Class("num weight").
		DataSet("scheme", scheme).
		DataSet("class", class)
	if math.IsNaN(w) {
		return cell.
			DataSet("undefined", true).
			Title("undefined: this class has no examples").
			Text("—")
	}
	return cell.
		DataSet("value", calc.FormatFloat(w)).
		Text(calc.FormatWeight(w))
}

// examples are ready links that show what the calculator is for.
var examples = []struct{ name, query string }{
	{"the forum's binary case", "counts=240,38&labels=neg,pos"},
	{"a three-class long tail", "counts=9000,900,90&labels=common,rare,very+rare&norm=mean1"},
	{"a rare disease", "counts=99500,500&labels=healthy,ill&scheme=effective-number"},
	{"ten classes", "counts=5000,2500,1200,600,300,150,80,40,20,10&scheme=sqrt-max-ratio"},
	{"a multi-label file", "ml=comments.csv,10000,toxic,960,obscene,530,threat,30,insult,490"},
	{"train, validation and test splits", "partlabels=neg,pos,unsure&" +
		"part=train,train.csv,900,100,20&part=validation,valid.csv,110,15,2&" +
		"part=test,test.csv,120,10,1"},
}

// onPresent shows the page in presentation mode, from the first scheme.
func (c *Calculator) onPresent(ctx app.Context, e app.Event) {
	c.isPresenting, c.presentIndex = true, 0
	c.syncURL()
}

func (c *Calculator) copyLinkLabel() string {
	if c.copied == "link" {
		return "Link copied"
	}
	return "Copy link"
}

// onCopyLink copies the link to the page as it is now.
func (c *Calculator) onCopyLink(ctx app.Context, e app.Event) {
	c.syncURL()
	clipboard := app.Window().Get("navigator").Get("clipboard")
	if !clipboard.Truthy() {
		return
	}
	clipboard.Call("writeText", app.Window().Get("location").Get("href").String())
	c.copied = "link"
}

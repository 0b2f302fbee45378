package app

import (
	"net/url"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// maxSnippetClasses is the most classes a snippet is shown for; beyond it the
// snippets are downloads only, as thousands of lines help no one on screen.
const maxSnippetClasses = 200

// renderCode shows the code to paste for the chosen scheme and normalisation.
func (c *Calculator) renderCode() app.UI {
	r := c.detail
	s := c.schemeIndex()
	if r.errs[s] != nil {
		return app.Div().Class("code").Body(
			app.H2().Text("Code to paste"),
			app.P().Class("counts-error").Text(trimPrefix(r.errs[s].Error())),
		)
	}
	e := c.export(s)
	isTooLong := r.counts.Len() > maxSnippetClasses
	snippet := ""
	if !isTooLong || c.target == calc.TargetJSON || c.target == calc.TargetCSV {
		snippet = e.Snippet(c.target)
	}
	return app.Div().
		Class("code").
		Body(
			app.H2().Text("Code to paste"),
			app.Label().
				Class("code-scheme").
				Body(
					app.Text("Scheme "),
					app.Select().
						ID("code-scheme").
						OnChange(c.onCodeSchemeChanged).
						Body(app.Range(calc.Schemes).Slice(func(i int) app.UI {
							return app.Option().
								Value(calc.Schemes[i].ID).
								Selected(i == s).
								Text(calc.Schemes[i].Name)
						})),
					app.Textf(" in the %s normalisation", c.norm),
				),
			app.Div().
				Class("code-tabs").
				Attr("role", "tablist").
				Aria("label", "Framework").
				Body(app.Range(calc.Targets).Slice(func(i int) app.UI {
					t := calc.Targets[i]
					return app.Button().
						Type("button").
						ID("tab-"+string(t)).
						Class("code-tab").
						Attr("role", "tab").
						Aria("selected", t == c.target).
						Aria("controls", "code-panel").
						OnClick(c.onTargetChanged(t), string(t)).
						Text(t.Name())
				})),
			app.Div().
				ID("code-panel").
				Class("code-panel").
				Attr("role", "tabpanel").
				Aria("labelledby", "tab-"+string(c.target)).
				Body(
					app.If(snippet != "",
						app.Pre().Body(
							app.Code().
								ID("code-text").
								DataSet("target", string(c.target)).
								Text(snippet),
						),
					).Else(
						app.P().Textf("With %d classes the snippet is long: download it as "+
							"JSON or CSV below.", r.counts.Len()),
					),
					app.Div().
						Class("code-actions").
						Body(
							app.If(snippet != "",
								app.Button().
									Type("button").
									Class("copy").
									OnClick(c.onCopy).
									Text(c.copyLabel(string(c.target))),
							),
							c.downloadLink(e, calc.TargetJSON, "class-weights.json", "application/json",
								isTooLong),
							c.downloadLink(e, calc.TargetCSV, "class-weights.csv", "text/csv", isTooLong),
						),
					app.P().Class("scale-note").Text(c.target.ScaleNote()),
				),
			c.renderScale(),
		)
}

func (c *Calculator) copyLabel(key string) string {
	if c.copied == key {
		return "Copied"
	}
	return "Copy"
}

// downloadLink offers the JSON or CSV file. For many classes the file is
// made when clicked, not at every keystroke.
func (c *Calculator) downloadLink(e calc.Export, t calc.Target, name, mime string, isLarge bool) app.UI {
	if isLarge {
		return app.Button().
			Type("button").
			Class("download").
			OnClick(func(ctx app.Context, ev app.Event) {
				text := c.export(c.schemeIndex()).Snippet(t) // the state at the click
				blob := app.Window().Get("Blob").New([]any{text}, map[string]any{"type": mime})
				u := app.Window().Get("URL").Call("createObjectURL", blob)
				a := app.Window().Get("document").Call("createElement", "a")
				a.Set("href", u)
				a.Set("download", name)
				a.Call("click")
				app.Window().Get("URL").Call("revokeObjectURL", u)
			}, t).
			Text("Download " + t.Name())
	}
	href := "data:" + mime + ";charset=utf-8," + url.PathEscape(e.Snippet(t))
	return app.A().
		Class("download").
		Href(href).
		Attr("download", name).
		Text("Download " + t.Name())
}

func (c *Calculator) onCodeSchemeChanged(ctx app.Context, e app.Event) {
	if s, err := calc.SchemeByID(ctx.JSSrc().Get("value").String()); err == nil {
		c.schemeID = s.ID
		c.syncURL()
	}
}

func (c *Calculator) onTargetChanged(t calc.Target) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.target = t
		c.copied = ""
		c.syncURL()
	}
}

// onCopy copies the snippet on show to the clipboard and says so on the
// button.
func (c *Calculator) onCopy(ctx app.Context, e app.Event) {
	clipboard := app.Window().Get("navigator").Get("clipboard")
	if !clipboard.Truthy() {
		return
	}
	clipboard.Call("writeText", c.export(c.schemeIndex()).Snippet(c.target))
	c.copied = string(c.target)
}

// schemeIndex returns the index in calc.Schemes of the code's scheme.
func (c *Calculator) schemeIndex() int {
	for i, s := range calc.Schemes {
		if s.ID == c.schemeID {
			return i
		}
	}
	return 0
}

// export is what the snippets of scheme s are made from.
func (c *Calculator) export(s int) calc.Export {
	return calc.Export{Counts: c.detail.counts, Result: c.detail.results[s], Positive: c.positive}
}

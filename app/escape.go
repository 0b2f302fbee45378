package app

import (
	"fmt"
	"html"
	"strings"
	"unicode"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// go-app prints the attributes of the prerendered page with strconv.Quote,
// which escapes a double quote as \" where HTML needs &#34;: user text in an
// attribute could end the attribute early and inject markup into the page a
// shared link opens. attrText and plainText close that hole where user text
// reaches an attribute on the server.

// attrText returns s ready for an attribute value: on the server, as
// character references that strconv.Quote leaves alone and the browser
// decodes; in the browser, where attributes are set through the DOM, as is.
func attrText(s string) string {
	if !app.IsServer {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&' || r == '"' || r == '\'' || r == '<' || r == '>' || r == '\\':
			fmt.Fprintf(&b, "&#%d;", r)
		case !unicode.IsPrint(r) || r > unicode.MaxASCII && !unicode.IsGraphic(r):
			fmt.Fprintf(&b, "&#x%x;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainText returns s without the characters that markup or strconv.Quote
// would change, for text that goes both into an element and into an
// attribute, such as the page's title and description.
func plainText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '"' || r == '\\':
			return '\''
		case r == '<' || r == '>':
			return ' '
		case !unicode.IsPrint(r):
			return ' '
		}
		return r
	}, s)
}

// rawTextarea is the counts box as the server prints it: with its text as
// content, which a textarea shows before WebAssembly starts, and escaped.
func rawTextarea(attrs, text string) app.UI {
	return app.Raw(`<textarea ` + attrs + `>` + html.EscapeString(text) + `</textarea>`)
}

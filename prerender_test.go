//go:build !wasm

package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzPrerender asks the server for the page at arbitrary links: it must
// always answer with a whole page, never fail or leave markup from the link
// unescaped.
func FuzzPrerender(f *testing.F) {
	for _, seed := range []string{
		"counts=240,38&labels=neg,pos", "counts=240,abc", "text=%3Cscript%3E", "z=AAAA",
		"counts=1,2&labels=a%22%3E%3Cscript%3Ex%3C/script%3E,b", "f=1%2F0&present=1",
		"partlabels=a,b&part=train,x,1,2&part=test,y,0,0", "ml=x,0,a,0", "counts=0,0",
		"counts=1e308,1e308", "counts=5&labels=a", "pos=1&counts=1,2,3",
	} {
		f.Add(seed)
	}
	h, err := newHandler("")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query string) {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.HasSuffix(strings.TrimSpace(body), "</html>") {
			t.Fatalf("?%s: status %d, page of %d bytes", query, rec.Code, len(body))
		}
		if strings.Contains(body, "<script>x") {
			t.Fatalf("?%s: markup from the link in the page", query)
		}
	})
}
